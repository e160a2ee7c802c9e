"""Logins: keys.json names nobody, old key files still open (and are upgraded), a locum's
account ends by the latest date the device has seen, and a departure ends a person's
login and rotates the database key, here and on another device after a sync."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from desktop.practice import db, errors, people
from desktop.practice.db import DB_NAME
from desktop.practice.drafts import DraftStore, consultation_draft, letter_draft
from desktop.practice.keyfile import KEYFILE_NAME, KeyFile
from desktop.practice.meta import MetaKey
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from tests.data.make_fixtures import PASSPHRASE as FIXTURE_PASSPHRASE
from tests.helpers.practice import PASSPHRASE

SEC_PASS = "front desk passphrase"
LOCUM_PASS = "locum passphrase 1"


def test_the_key_file_holds_no_login_or_display_name(tmp_path: Path):
    folder = tmp_path / "p"
    with Practice.create(
        folder, practice_name="Cabinet", username="martine.dupont", passphrase=PASSPHRASE,
        display_name="Dr Martine Dupont",
    ) as p:
        people.add_user(
            p, username="sylvie.accueil", display_name="Sylvie Accueil", role="secretary",
            passphrase=SEC_PASS,
        )
    text = (folder / KEYFILE_NAME).read_text()
    for name in ("martine", "dupont", "sylvie", "accueil", "username"):
        assert name not in text.lower()
    with Practice.open(folder, passphrase=SEC_PASS, username="sylvie.accueil") as p:
        assert p.role == "secretary" and p.login_name == "sylvie.accueil"
    with Practice.open(folder, passphrase=PASSPHRASE) as p:  # no login given: the passphrase's
        assert p.role == "doctor" and p.login_name == "martine.dupont"
    with pytest.raises(errors.WrongPassphraseError):  # one's passphrase, another's login
        Practice.open(folder, passphrase=SEC_PASS, username="martine.dupont")


def test_a_format_1_key_file_opens_and_loses_its_logins_in_clear(tmp_path: Path):
    folder = tmp_path / "old"
    shutil.copytree(Path(__file__).parents[1] / "data" / "schema-2", folder)
    assert '"username": "dr"' in (folder / KEYFILE_NAME).read_text()
    with Practice.open(folder, passphrase=FIXTURE_PASSPHRASE, username="dr") as p:
        assert p.role == "doctor"
    doc = json.loads((folder / KEYFILE_NAME).read_text())
    assert doc["format"] == "carnet-keys/2" and "users" not in doc
    assert '"dr"' not in (folder / KEYFILE_NAME).read_text()
    with Practice.open(folder, passphrase=FIXTURE_PASSPHRASE, username="dr") as p:
        assert p.search_patients("lefevre")


def test_a_locum_account_ends_after_its_last_day_whatever_the_clock_says(practice: Practice,
                                                                        practice_dir: Path):
    today = dt.date.today()
    last_day, seen = today + dt.timedelta(days=30), today + dt.timedelta(days=45)
    people.add_user(
        practice, username="remp", display_name="Dr Remplaçant", role="locum",
        passphrase=LOCUM_PASS, until=last_day.isoformat(),
    )
    with pytest.raises(errors.InvalidInputError):
        people.add_user(practice, username="x", display_name="X", role="locum",
                        passphrase=LOCUM_PASS)  # a locum needs an end date
    practice.close()
    with Practice.open(practice_dir, passphrase=LOCUM_PASS, username="remp") as p:
        assert p.role == "locum"
        # The device sees a synced change stamped 45 days ahead (another device's clock).
        noon = dt.datetime.combine(seen, dt.time(12), dt.UTC)
        p.clock.observe(int(noon.timestamp() * 1000) << 16)
        p.create_record("patient", {"family_name": "Stamp", "birth_date": "2000-01-01"})
    with pytest.raises(errors.LoginRefusedError, match=f"ended on {last_day}"):
        Practice.open(practice_dir, passphrase=LOCUM_PASS, username="remp")
    # The date seen is kept: a clock wound back (and no newer change) does not revive it.
    with Practice.open(practice_dir, passphrase=PASSPHRASE, username="dr") as p:
        assert p.meta_value(MetaKey.DATE_SEEN) == seen.isoformat()
        [locum] = [u for u in people.list_users(p) if u.username == "remp"]
        assert locum.expired and locum.active
        people.set_until(p, "remp", (seen + dt.timedelta(days=1)).isoformat())
    with Practice.open(practice_dir, passphrase=LOCUM_PASS, username="remp") as p:
        assert p.may_read_clinical


def _old_key_opens(folder: Path, old_keyfile: Path, passphrase: str, username: str) -> bool:
    """Whether a copy of an old key file, with this person's passphrase, opens the
    database as it is now."""
    copy = folder.parent / f"{folder.name}-thief-{len(list(folder.parent.iterdir()))}"
    copy.mkdir()
    shutil.copy(old_keyfile, copy / KEYFILE_NAME)
    key = KeyFile.load(copy).unlock(passphrase, username).db_key
    try:
        db.connect(folder / DB_NAME, key).close()
        return True
    except errors.CorruptDatabaseError:
        return False


def test_a_departure_ends_the_login_and_an_old_key_file_no_longer_opens(
    practice: Practice, practice_dir: Path, tmp_path: Path
):
    people.add_user(practice, username="sec", display_name="Sylvie", role="secretary",
                    passphrase=SEC_PASS)
    stolen = tmp_path / "stolen-keys.json"
    shutil.copy(practice_dir / KEYFILE_NAME, stolen)
    assert _old_key_opens(practice_dir, stolen, SEC_PASS, "sec")
    before = practice.create_record("patient", {"family_name": "Avant", "birth_date": "2000-01-01"})
    DraftStore(practice_dir, practice.db_key).save(consultation_draft(before), {"text": "en cours"})
    DraftStore(practice_dir, practice.db_key).save(letter_draft(before), {"text": "Cher ami"})
    people.deactivate(practice, "sec")
    assert practice.enforce_departures()
    # what was being typed survives the new key
    assert DraftStore(practice_dir, practice.db_key).load(consultation_draft(before)) == {
        "text": "en cours"
    }
    assert DraftStore(practice_dir, practice.db_key).load(letter_draft(before)) == {
        "text": "Cher ami"
    }
    pid = practice.create_record("patient", {"family_name": "Après", "birth_date": "2001-01-01"})
    practice.close()
    with pytest.raises(errors.LoginRefusedError, match="deactivated"):
        Practice.open(practice_dir, passphrase=SEC_PASS, username="sec")
    assert not _old_key_opens(practice_dir, stolen, SEC_PASS, "sec")
    with Practice.open(practice_dir, passphrase=PASSPHRASE, username="dr") as p:
        assert p.patient(pid)["family_name"] == "Après" and p.verify_pages() == []
        assert p.verify_audit().ok
        [sec] = [u for u in people.list_users(p) if u.username == "sec"]
        assert not sec.active and not sec.login_here


def test_a_departure_reaches_another_device_at_its_next_sync(tmp_path: Path):
    remote = tmp_path / "remote"
    remote.mkdir()
    url = remote.as_uri()
    with Practice.create(
        tmp_path / "a", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as a:
        set_remote(a, url, passphrase=PASSPHRASE, create=True)
        people.add_user(a, username="sec", display_name="Sylvie", role="secretary",
                        passphrase=SEC_PASS)
        SyncService(a).sync()
        b_dir = tmp_path / "b"
        # B joins with the doctor's login; the doctor grants the secretary hers there.
        with join(b_dir, url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE,
                  username="dr") as b:
            assert b.role == "doctor"
            people.grant_login(b, "sec", SEC_PASS)
        with Practice.open(b_dir, passphrase=SEC_PASS, username="sec") as b:
            assert b.role == "secretary"
            with pytest.raises(errors.RoleError):
                b.search_notes("x")
        stolen = tmp_path / "b-keys.json"
        shutil.copy(b_dir / KEYFILE_NAME, stolen)
        people.deactivate(a, "sec")
        SyncService(a).sync()
    with Practice.open(b_dir, passphrase=SEC_PASS, username="sec") as b:
        # B has not synced yet: it cannot know. Its sync brings the departure.
        b_key_before = b.db_key
        SyncService(b).sync()
        assert b.db_key != b_key_before
    with pytest.raises(errors.LoginRefusedError, match="deactivated"):
        Practice.open(b_dir, passphrase=SEC_PASS, username="sec")
    assert not _old_key_opens(b_dir, stolen, SEC_PASS, "sec")
    with Practice.open(b_dir, passphrase=PASSPHRASE, username="dr") as b:  # who stays, stays
        assert b.verify_pages() == [] and not b.conn.execute(
            "SELECT count(*) FROM user WHERE deactivated_at IS NULL AND username = 'sec'"
        ).fetchone()[0]
