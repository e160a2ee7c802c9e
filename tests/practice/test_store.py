"""The record API: one write path, journal, audit, versions, tombstones, documents."""

from __future__ import annotations

import json
import os
import stat
import uuid
from pathlib import Path

import pytest

from desktop.cli.output import exit_code
from desktop.practice import errors
from desktop.practice.keyfile import KEYFILE_NAME
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from sync.changes import Change, Stamp
from sync.ports import Cursor
from tests.helpers.practice import PASSPHRASE


def add_patient(p: Practice, family: str = "Lefèvre", given: str = "Zoé", **extra: object) -> str:
    fields = {"family_name": family, "given_names": given, "birth_date": "1985-06-02", "sex": "F"}
    fields.update(extra)
    return p.create_record("patient", fields)


def test_reopen_with_passphrase_finds_the_same_records(practice: Practice, practice_dir: Path):
    pid = add_patient(practice)
    practice.close()
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as again:
        assert again.patient(pid)["family_name"] == "Lefèvre"
        assert again.user_id is not None
        assert again.get("user", again.user_id)["username"] == "dr"  # type: ignore[index]


def test_wrong_passphrase_is_refused(practice: Practice, practice_dir: Path):
    practice.close()
    with pytest.raises(errors.WrongPassphraseError) as err:
        Practice.open(practice_dir, passphrase="not the passphrase")
    assert exit_code(err.value) == 3


def test_remembered_raw_key_opens_without_passphrase(practice: Practice, practice_dir: Path):
    key = practice.db_key
    practice.close()
    assert len(key) == 32
    with Practice.open(practice_dir, key=key) as again:
        assert again.practice_record()["name"] == "Cabinet des Tilleuls"


def test_key_file_is_private_and_holds_no_raw_key(practice: Practice, practice_dir: Path):
    path = practice_dir / KEYFILE_NAME
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert practice.db_key.hex() not in path.read_text()
    doc = json.loads(path.read_text())
    assert doc["kdf"]["kdf"] == "argon2id"
    assert "users" not in doc and len(doc["logins"]) == 1


def test_ids_are_uuid7_and_time_ordered(practice: Practice):
    ids = [add_patient(practice, given=f"Zoé{i}") for i in range(20)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert ids == sorted(ids)


def test_each_write_journals_a_change_and_an_audit_entry(practice: Practice):
    before_journal = len(StoreReplica(practice.session).pending_changes(0, 10_000))
    before_audit = practice.verify_audit().entries
    pid = add_patient(practice)
    practice.update_record("patient", pid, {"phone": "06 01 02 03 04"})
    journalled = StoreReplica(practice.session).pending_changes(0, 10_000)[before_journal:]
    # each write, then its audit entry (which travels in this device's segments)
    assert [c.entity for c in journalled] == ["patient", "audit", "patient", "audit"]
    changes = [c for c in journalled if c.entity == "patient"]
    create, update = changes[0].change, changes[1].change
    assert update.fields == {"phone": "06 01 02 03 04"}
    assert update.replaces == {"phone": create.stamp}  # it replaced the creating write
    assert update.stamp > create.stamp and update.stamp.device == practice.device_id
    entries = practice.audit_entries(2)
    assert [(e["action"], e["record_id"]) for e in entries] == [("update", pid), ("create", pid)]
    assert practice.verify_audit().entries == before_audit + 2


def test_reading_a_chart_is_audited(practice: Practice):
    pid = add_patient(practice)
    practice.chart(pid)
    last = practice.audit_entries(1)[0]
    assert (last["action"], last["entity"], last["record_id"]) == ("read", "patient", pid)
    assert last["user_id"] == practice.user_id


def test_a_failed_write_leaves_no_journal_or_audit(practice: Practice):
    journal = len(StoreReplica(practice.session).pending_changes(0, 10_000))
    audits = practice.verify_audit().entries
    with pytest.raises(errors.NotFoundError):
        practice.update_record("patient", "no-such-id", {"phone": "x"})
    with pytest.raises(errors.InvalidInputError):
        practice.create_record("patient", {"family_name": "X", "birth_date": "1985-13-45"})
    assert len(StoreReplica(practice.session).pending_changes(0, 10_000)) == journal
    assert practice.verify_audit().entries == audits


def test_consultation_edits_make_versions_and_keep_old_ones(practice: Practice):
    pid = add_patient(practice)
    cid, v1 = practice.add_consultation(pid, reason="Toux", text="Toux sèche.", weight_kg=61.5)
    v2 = practice.revise_consultation(cid, text="Toux sèche. Auscultation normale.")
    consult = practice.chart(pid).consultations[0]
    assert [v.id for v in consult.versions] == [v1, v2]
    assert consult.versions[0].text == "Toux sèche."
    assert consult.current.text == "Toux sèche. Auscultation normale."
    assert consult.current.parent_id == v1
    assert consult.current.weight_kg == 61.5  # unchanged fields carried over
    assert not consult.concurrent_versions
    with pytest.raises(errors.InvalidInputError):
        practice.update_record("consultation_version", v1, {"text": "rewritten"})


def test_prescription_versions(practice: Practice):
    pid = add_patient(practice)
    line = {"drug": "Amoxicilline 1 g", "dosage": "1 cp matin et soir", "duration": "6 jours"}
    rx, _ = practice.add_prescription(pid, [line])
    practice.revise_prescription(rx, lines=[{**line, "duration": "7 jours"}])
    item = practice.chart(pid).prescriptions[0]
    assert [v.lines[0]["duration"] for v in item.versions] == ["6 jours", "7 jours"]


def test_delete_is_a_tombstone_that_can_be_undone(practice: Practice):
    pid = add_patient(practice)
    practice.delete_record("patient", pid)
    assert practice.patient(pid)["deleted"] is True
    assert practice.search_patients("lefevre") == []
    practice.undelete_record("patient", pid)
    assert practice.patient(pid)["deleted"] is False
    assert [p["id"] for p in practice.search_patients("lefevre")] == [pid]


def test_deleted_consultation_is_hidden_but_kept(practice: Practice):
    pid = add_patient(practice)
    cid, _ = practice.add_consultation(pid, text="note")
    practice.delete_record("consultation", cid)
    assert practice.chart(pid).consultations == ()
    kept = practice.chart(pid, include_deleted=True).consultations
    assert kept[0].current.text == "note"


def test_documents_round_trip_and_are_stored_once(practice: Practice):
    pid = add_patient(practice)
    content = os.urandom(3 * 1024 * 1024 + 17)  # several chunks
    d1 = practice.add_document(pid, content, title="Scanner", filename="scan.pdf")
    d2 = practice.add_document(pid, content, title="Copie", filename="copie.pdf")
    assert practice.document_content(d1) == content == practice.document_content(d2)
    chunks = practice.conn.execute("SELECT count(*) FROM blob_chunks").fetchone()[0]
    assert chunks == 4
    empty = practice.add_document(pid, b"", title="Vide", filename="vide.txt")
    assert practice.document_content(empty) == b""


def test_database_and_journal_hold_no_plaintext(practice: Practice, practice_dir: Path):
    pid = add_patient(practice, family="Quenneville", given="Bérangère", nir="2850675112233")
    practice.add_consultation(pid, text="Suspicion de tuberculose pulmonaire")
    practice.add_document(pid, b"RESULTAT-HEMOGLOBINE-GLYQUEE", title="Bilan", filename="b.txt")
    practice.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    practice.close()
    blob = b"".join(p.read_bytes() for p in practice_dir.iterdir() if p.is_file())
    for secret in ("Quenneville", "Bérangère", "2850675112233", "tuberculose", "HEMOGLOBINE"):
        assert secret.encode() not in blob
        assert secret.encode("utf-16-le") not in blob


def remote_change(entity: str, rid: str, hlc: int, device: str, replaces=None, **fields):
    return Change(entity, rid, Stamp(hlc, device), fields, replaces or {})


def test_remote_changes_merge_per_field_and_are_idempotent(practice: Practice):
    pid = add_patient(practice)
    created = StoreReplica(practice.session).pending_changes(0, 1000)[-1].change.stamp
    later = created.hlc + 1000
    change = remote_change(
        "patient", pid, later, "dev-B", {"phone": created}, phone="07 00 00 00 01"
    )
    report = StoreReplica(practice.session).apply_segment("dev-B", Cursor(1, "d1"), [change])
    assert report.applied == 1 and practice.patient(pid)["phone"] == "07 00 00 00 01"
    again = StoreReplica(practice.session).apply_segment("dev-B", Cursor(1, "d1"), [change])
    assert again.applied == 0
    assert StoreReplica(practice.session).cursor("dev-B") == Cursor(1, "d1")
    # an older write of another field still lands; an older write of the same field doesn't
    older = remote_change(
        "patient", pid, created.hlc + 1, "dev-C", {"phone": created}, phone="01 00", email="a@b.fr"
    )
    StoreReplica(practice.session).apply_segment("dev-C", Cursor(1, "c1"), [older])
    record = practice.patient(pid)
    assert record["phone"] == "07 00 00 00 01" and record["email"] == "a@b.fr"


def test_concurrent_edits_keep_the_winner_and_record_a_conflict(practice: Practice):
    pid = add_patient(practice)
    created = StoreReplica(practice.session).pending_changes(0, 1000)[-1].change.stamp
    practice.update_record("patient", pid, {"phone": "06 local"})
    mine = StoreReplica(practice.session).pending_changes(0, 1000)[-1].change.stamp
    theirs = remote_change(
        "patient", pid, mine.hlc + 5, "dev-B", {"phone": created}, phone="06 remote"
    )
    report = StoreReplica(practice.session).apply_segment("dev-B", Cursor(1, "x"), [theirs])
    assert report.conflicts == 1
    assert practice.patient(pid)["phone"] == "06 remote"  # later stamp wins
    [conflict] = practice.conflicts()
    assert (conflict["local"], conflict["remote"], conflict["current"]) == (
        "06 local",
        "06 remote",
        "06 remote",
    )
    practice.resolve_conflict(conflict["id"], "local")
    assert practice.patient(pid)["phone"] == "06 local"
    assert practice.conflicts() == []
    # the resolution is an ordinary change, so it syncs and wins elsewhere
    last = [
        p for p in StoreReplica(practice.session).pending_changes(0, 1000) if p.entity != "audit"
    ][-1].change
    assert last.fields == {"phone": "06 local"} and last.stamp > theirs.stamp


def test_a_later_write_that_saw_ours_is_not_a_conflict(practice: Practice):
    pid = add_patient(practice)
    practice.update_record("patient", pid, {"phone": "1"})
    mine = StoreReplica(practice.session).pending_changes(0, 1000)[-1].change.stamp
    follow_up = remote_change("patient", pid, mine.hlc + 5, "dev-B", {"phone": mine}, phone="2")
    assert (
        StoreReplica(practice.session).apply_segment("dev-B", Cursor(1, "x"), [follow_up]).conflicts
        == 0
    )
    assert practice.patient(pid)["phone"] == "2"


def test_edit_arriving_before_the_record_it_edits(practice: Practice):
    """Device C pulls B's edit of A's patient before A's creation: both must land."""
    rid = "01900000-0000-7000-8000-000000000001"
    create = remote_change(
        "patient",
        rid,
        1000,
        "dev-A",
        family_name="Durand",
        given_names="Léa",
        phone="1",
        deleted=False,
    )
    edit = remote_change("patient", rid, 2000, "dev-B", {"phone": create.stamp}, phone="2")
    StoreReplica(practice.session).apply_segment("dev-B", Cursor(1, "b"), [edit])
    StoreReplica(practice.session).apply_segment("dev-A", Cursor(1, "a"), [create])
    record = practice.patient(rid)
    assert (record["family_name"], record["phone"]) == ("Durand", "2")
    assert practice.conflicts() == []
    assert [p["id"] for p in practice.search_patients("durand lea")] == [rid]


def test_export_then_load_snapshot_reproduces_the_state(practice: Practice, tmp_path: Path):
    pid = add_patient(practice)
    practice.update_record("patient", pid, {"phone": "06"})
    cid, _ = practice.add_consultation(pid, text="note")
    practice.revise_consultation(cid, text="note 2")
    state = list(StoreReplica(practice.session).export_state())
    with Practice.create(
        tmp_path / "other", practice_name="x", username="y", passphrase=PASSPHRASE
    ) as other:
        StoreReplica(other.session).load_snapshot(state, {"dev-Z": Cursor(3, "z")})
        assert other.patient(pid) == practice.patient(pid)
        assert other.chart(pid).consultations[0].current.text == "note 2"
        assert StoreReplica(other.session).cursor("dev-Z") == Cursor(3, "z")
        mine = {(c.entity, c.record_id, c.stamp) for c in state}
        theirs = {
            (c.entity, c.record_id, c.stamp) for c in StoreReplica(other.session).export_state()
        }
        assert mine <= theirs


def test_two_processes_on_one_practice_never_reuse_a_stamp(practice: Practice, practice_dir: Path):
    """The app and a 'carnet' command may hold the same practice open at once."""
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as other:
        for i in range(50):
            add_patient(practice, given=f"A{i}")
            add_patient(other, given=f"B{i}")
        stamps = [c.change.stamp for c in StoreReplica(practice.session).pending_changes(0, 10_000)]
        assert len(stamps) == len(set(stamps))
        assert other.verify_audit().ok
