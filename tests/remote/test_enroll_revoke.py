"""Enrolling a device with a single-use code, and revoking one by rotating the key epoch:
real stores (SQLCipher) over a folder remote."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import cli
from desktop.cli.output import exit_code
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import SyncService, connect, join, set_remote
from sync import crypto
from sync.changes import new_id
from sync.devices import (
    DeviceRevokedError,
    EnrollmentCodeError,
    RefusedSegmentError,
    Revocation,
    device_wrap_name,
    encode_revocation,
    epoch_marker_name,
    publish_info,
    read_infos,
)
from sync.engine import SyncEngine
from sync.enrollment import new_enrollment_code, parse_enrollment_code
from sync.errors import IntegrityError, WrongSecretError
from sync.layout import key_name, snapshot_name
from sync.segments import MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, PracticeKeys, pack_json, seal_object
from tests.helpers.devices import add_patient, joined, state
from tests.helpers.practice import PASSPHRASE

LAPTOP_PASSPHRASE = "phrase du portable"


@pytest.fixture
def folder_remote(tmp_path: Path) -> str:
    root = tmp_path / "remote"
    root.mkdir()
    return root.as_uri()


@pytest.fixture
def office_and_kit(tmp_path: Path, folder_remote: str) -> Iterator[tuple[Practice, str]]:
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as p:
        recovery = set_remote(p, folder_remote, passphrase=PASSPHRASE, create=True)
        assert recovery
        add_patient(p, "Avant")
        SyncService(p).sync()
        yield p, recovery


@pytest.fixture
def office(office_and_kit: tuple[Practice, str]) -> Practice:
    return office_and_kit[0]


def enrolled(tmp_path: Path, url: str, office: Practice, name: str) -> Practice:
    code = SyncService(office).enroll()
    return join(tmp_path / name, url, enrollment_code=code, local_passphrase=LAPTOP_PASSPHRASE)


def remote_names(url: str, what: str) -> list[str]:
    return [o.name for o in connect(url).list("") if f"/{what}/" in o.name]


def test_enroll_a_laptop_with_a_code_then_sync_both_ways(
    office: Practice, tmp_path: Path, folder_remote: str
):
    code = SyncService(office).enroll(minutes=30)
    assert len(code.replace("-", "")) == 24  # 120 bits
    with join(
        tmp_path / "laptop", folder_remote, enrollment_code=code, local_passphrase=LAPTOP_PASSPHRASE
    ) as laptop:
        assert laptop.search_patients("avant")
        assert remote_names(folder_remote, "enroll") == []  # used up
        add_patient(laptop, "Visite")
        SyncService(laptop).sync()
        add_patient(office, "Bureau")
        for device in (office, laptop):
            SyncService(device).sync()
        assert state(office) == state(laptop)
        assert laptop.search_patients("visite") and laptop.search_patients("bureau")
    # the laptop's copy opens with its own passphrase, not the practice's
    Practice.open(tmp_path / "laptop", passphrase=LAPTOP_PASSPHRASE).close()


def test_code_is_single_use(office: Practice, tmp_path: Path, folder_remote: str):
    code = SyncService(office).enroll()
    join(
        tmp_path / "a", folder_remote, enrollment_code=code, local_passphrase=LAPTOP_PASSPHRASE
    ).close()
    with pytest.raises(EnrollmentCodeError, match="wrong or was already used") as again:
        join(tmp_path / "b", folder_remote, enrollment_code=code, local_passphrase=PASSPHRASE)
    assert exit_code(again.value) == 3
    assert not (tmp_path / "b").exists()


def test_expired_or_wrong_code_is_refused_with_exit_3(
    office: Practice,
    tmp_path: Path,
    folder_remote: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    t0 = 1_900_000_000.0
    code = SyncService(office).enroll(minutes=30, now=lambda: t0)
    with pytest.raises(EnrollmentCodeError, match="expired") as late:
        join(
            tmp_path / "late",
            folder_remote,
            enrollment_code=code,
            local_passphrase=PASSPHRASE,
            now=lambda: t0 + 31 * 60,
        )
    assert exit_code(late.value) == 3
    assert not (tmp_path / "late").exists()
    # an expired code is gone, even for a clock that would accept it
    with pytest.raises(EnrollmentCodeError):
        join(
            tmp_path / "x",
            folder_remote,
            enrollment_code=code,
            local_passphrase=PASSPHRASE,
            now=lambda: t0,
        )
    monkeypatch.setenv("CARNET_NEW_PASSPHRASE", PASSPHRASE)
    wrong = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
    args = ["--data-dir", str(tmp_path / "w"), "join", "--from", folder_remote, "--code", wrong]
    assert cli.main(args) == 3
    message = capsys.readouterr().err.strip()
    assert message == "carnet: this enrollment code is wrong or was already used; ask for a new one"


def test_revoked_laptop_reads_nothing_after_and_its_segments_are_refused(
    office: Practice, tmp_path: Path, folder_remote: str
):
    laptop = enrolled(tmp_path, folder_remote, office, "laptop")
    third = joined(tmp_path, folder_remote, "third")
    try:
        add_patient(laptop, "Du portable")
        for device in (laptop, third, office):
            SyncService(device).sync()
        laptop_id = laptop.device_id
        record, left_out = SyncService(office).revoke(laptop_id, practice_passphrase=PASSPHRASE)
        assert left_out == [] and record.epoch == 2 and record.revoked == {laptop_id: 1}
        assert office.practice_keys.current == 2

        # office and third keep syncing with each other, under the new epoch; third
        # wrote offline meanwhile: it learns the epoch before it pushes
        add_patient(third, "Hors ligne")
        after = add_patient(office, "Après révocation")
        SyncService(office).sync()
        SyncService(third).sync()
        assert third.practice_keys.current == 2
        assert third.patient(after)["family_name"] == "Après révocation"
        add_patient(third, "Du troisième")
        SyncService(third).sync()
        SyncService(office).sync()
        assert state(office) == state(third)
        assert office.search_patients("hors ligne")

        # the revoked laptop cannot read what came after
        with pytest.raises(DeviceRevokedError, match="revoked") as cut:
            SyncService(laptop).sync()
        assert exit_code(cut.value) == 3
        assert not laptop.search_patients("apres")
        assert laptop.practice_keys.current == 1

        # a modified client pushes anyway (sealed with the old key): refused, not applied
        add_patient(laptop, "Écrit après")
        SyncEngine(
            StoreReplica(laptop.session), connect(folder_remote), laptop.practice_keys
        ).push()
        for device in (office, third):
            with pytest.raises(RefusedSegmentError) as refused:
                SyncService(device).sync()
            assert exit_code(refused.value) == 5
            assert (refused.value.device, refused.value.seq) == (laptop_id, 2)
            assert not device.search_patients("ecrit")

        # ... nor under a fresh device id (it still holds the old key)
        StoreReplica(laptop.session).set_device_id(new_id())
        add_patient(laptop, "Sous un autre nom")
        assert (
            SyncEngine(StoreReplica(laptop.session), connect(folder_remote), laptop.practice_keys)
            .push()
            .segments
            == 1
        )
        with pytest.raises(RefusedSegmentError) as forged:
            SyncService(office).sync()
        assert forged.value.device in (laptop_id, laptop.device_id)
        assert not office.search_patients("ecrit")
        assert not office.search_patients("autre nom")
        # the others still exchange their own changes despite the refusals
        add_patient(office, "Toujours")
        with pytest.raises(RefusedSegmentError):
            SyncService(office).sync()
        with pytest.raises(RefusedSegmentError):
            SyncService(third).sync()
        assert third.search_patients("toujours")
        # the restore drill names both
        report = SyncService(office).check(read_data=True)
        problems = {d.device: " ".join(d.problems) for d in report.devices if d.problems}
        assert set(problems) == {laptop_id, laptop.device_id}
        assert "revoked" in problems[laptop_id]
        assert "older than the revocation" in problems[laptop.device_id]
    finally:
        laptop.close()
        third.close()


def test_recovery_key_and_passphrase_still_restore_after_a_revocation(
    office_and_kit: tuple[Practice, str], tmp_path: Path, folder_remote: str
):
    office, recovery = office_and_kit
    with enrolled(tmp_path, folder_remote, office, "laptop") as laptop:
        SyncService(office).revoke(laptop.device_id, practice_passphrase=PASSPHRASE)
    add_patient(office, "Après révocation")
    SyncService(office).sync()
    with join(
        tmp_path / "restored", folder_remote, recovery_key=recovery, local_passphrase=PASSPHRASE
    ) as restored:
        assert restored.practice_keys.current == 2
        assert state(restored) == state(office)
        assert restored.search_patients("apres")
    with joined(tmp_path, folder_remote, "by-passphrase") as again:
        assert state(again) == state(office)


def test_cli_device_list_enroll_and_revoke(
    tmp_path: Path,
    folder_remote: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    office_dir = tmp_path / "office"
    with Practice.create(
        office_dir, practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as p:
        set_remote(p, folder_remote, passphrase=PASSPHRASE, create=True)
        SyncService(p).sync()
        office_id = p.device_id
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--data-dir", str(office_dir), "device", "enroll", "--expires", "5"]) == 0
    code = capsys.readouterr().out.splitlines()[1]
    monkeypatch.setenv("CARNET_NEW_PASSPHRASE", LAPTOP_PASSPHRASE)
    laptop_dir = tmp_path / "laptop"
    args = ["--data-dir", str(laptop_dir), "join", "--from", folder_remote, "--code", code]
    assert cli.main(args) == 0
    with Practice.open(laptop_dir, passphrase=LAPTOP_PASSPHRASE) as laptop:
        laptop_id = laptop.device_id
    third = joined(tmp_path, folder_remote, "third")
    third_id = third.device_id
    third.close()
    capsys.readouterr()

    assert cli.main(["--data-dir", str(office_dir), "device", "list", "--json"]) == 0
    rows = {r["device"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {office_id, laptop_id, third_id}
    assert rows[office_id]["state"] == "this device"
    assert rows[laptop_id]["state"] == rows[third_id]["state"] == "active"
    assert all(r["name"] is not None and r["last_active"] for r in rows.values())

    assert cli.main(["--data-dir", str(office_dir), "device", "revoke", laptop_id]) == 0
    out = capsys.readouterr().out
    assert "epoch 2" in out and "carnet passphrase change" in out
    assert cli.main(["--data-dir", str(office_dir), "device", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"{laptop_id}" in listing and "[revoked]" in listing

    monkeypatch.setenv("CARNET_PASSPHRASE", LAPTOP_PASSPHRASE)
    assert cli.main(["--data-dir", str(laptop_dir), "sync"]) == 3
    assert "revoked" in capsys.readouterr().err
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--data-dir", str(tmp_path / "third"), "sync"]) == 0
    monkeypatch.setenv("CARNET_PASSPHRASE", "not the passphrase")
    monkeypatch.setenv("CARNET_PRACTICE_PASSPHRASE", "not the passphrase")
    # a wrong local passphrase never reaches the remote; exit 3 either way
    assert cli.main(["--data-dir", str(office_dir), "device", "revoke", third_id]) == 3


def test_a_newcomer_passes_over_snapshots_a_revoked_device_could_forge(
    office: Practice, tmp_path: Path, folder_remote: str
):
    SyncService(office).publish_snapshot()
    laptop = enrolled(tmp_path, folder_remote, office, "laptop")
    try:
        SyncService(office).revoke(laptop.device_id, practice_passphrase=PASSPHRASE)
        add_patient(office, "Après révocation")
        SyncService(office).sync()
        add_patient(laptop, "Forgé")
        pid = office.practice_id
        body = {
            "cursors": {},
            "changes": [c.to_json() for c in StoreReplica(laptop.session).export_state()],
        }
        backend = connect(folder_remote)
        for device in (office.device_id, laptop.device_id):  # with the old key, far ahead
            number = 99_999_999_999_999
            sealed = seal_object(
                laptop.practice_keys,
                MAGIC_SNAPSHOT,
                PURPOSE_SNAPSHOT,
                [pid, device, str(number)],
                pack_json({**body, "meta": {}}),
            )
            backend.create(snapshot_name(pid, device, number), sealed)
    finally:
        laptop.close()
    with joined(tmp_path, folder_remote, "newcomer") as newcomer:
        assert not newcomer.search_patients("forge")
        assert state(newcomer) == state(office)


def test_wrong_practice_passphrase_revokes_nothing(
    office: Practice, tmp_path: Path, folder_remote: str
):
    with (
        enrolled(tmp_path, folder_remote, office, "laptop") as laptop,
        pytest.raises(WrongSecretError) as wrong,
    ):
        SyncService(office).revoke(laptop.device_id, practice_passphrase="pas la bonne")
    assert exit_code(wrong.value) == 3
    assert office.practice_keys.current == 1
    assert not [n for n in remote_names(folder_remote, "keys") if "/00000002/" in n]


def test_a_revoked_device_cannot_forge_a_newer_epoch(
    office: Practice, tmp_path: Path, folder_remote: str
):
    laptop = enrolled(tmp_path, folder_remote, office, "laptop")
    try:
        SyncService(office).sync()  # the office's info (and public key) is published
        # the laptop learnt the office's public key before it was revoked
        office_public = read_infos(connect(folder_remote), laptop.practice_keys)[
            office.device_id
        ].public_key
        SyncService(office).revoke(laptop.device_id, practice_passphrase=PASSPHRASE)
        pid, backend = office.practice_id, connect(folder_remote)
        fake2, k3 = crypto.random_key(), crypto.random_key()
        ctx3 = f"carnet/practice-key/v1/{pid}/3"
        wrap = crypto.wrap_for_recipient(k3, office_public, f"{ctx3}/device/{office.device_id}")
        backend.put(device_wrap_name(pid, 3, office.device_id), json.dumps(wrap).encode())
        previous = crypto.wrap_with_key(fake2, k3, f"carnet/practice-key/v1/{pid}/2")
        backend.put(key_name(pid, 3, "previous"), json.dumps(previous).encode())
        for kind, wrapped in (  # well formed, as a careful forger would write them
            ("passphrase", crypto.wrap_with_passphrase(k3, "made up", ctx3)),
            ("recovery", crypto.wrap_for_recipient(k3, office_public, ctx3)),
        ):
            backend.put(key_name(pid, 3, kind), json.dumps(wrapped).encode())
        forged = PracticeKeys(pid, {**laptop.practice_keys.epochs, 2: fake2, 3: k3}, 3)
        record = Revocation(3, {office.device_id: 0}, {}, laptop.device_id)
        backend.create(epoch_marker_name(pid, 3), encode_revocation(forged, record))
        with pytest.raises(IntegrityError, match="does not follow") as refused:
            SyncService(office).sync()
        assert exit_code(refused.value) == 5
        assert office.practice_keys.current == 2
    finally:
        laptop.close()


def test_device_keys_are_pinned_when_first_seen(
    office: Practice, tmp_path: Path, folder_remote: str
):
    third = joined(tmp_path, folder_remote, "third")
    laptop = enrolled(tmp_path, folder_remote, office, "laptop")
    try:
        add_patient(third, "Du troisième")
        SyncService(third).sync()
        SyncService(office).sync()  # pulls third's changes: pins third's key
        # the laptop, about to be revoked, replaces third's info with its own key
        laptop_private = bytes.fromhex(laptop.meta_value("device_key"))
        publish_info(
            connect(folder_remote),
            laptop.practice_keys,
            third.device_id,
            "third",
            crypto.recipient_public_key(laptop_private),
        )
        SyncService(office).revoke(laptop.device_id, practice_passphrase=PASSPHRASE)
        SyncService(third).sync()
        assert third.practice_keys.current == 2
        with pytest.raises(DeviceRevokedError):
            SyncService(laptop).sync()
    finally:
        laptop.close()
        third.close()


@given(st.binary(min_size=15, max_size=15), st.sampled_from(["-", " ", ""]), st.booleans())
def test_enrollment_codes_read_back_however_typed(raw: bytes, sep: str, lower: bool):
    text = base64.b32encode(raw).decode()
    typed = sep.join(text[i : i + 4] for i in range(0, 24, 4)).replace("O", "0")
    assert parse_enrollment_code(typed.lower() if lower else typed) == raw


def test_new_codes_are_random_and_well_formed():
    codes = {new_enrollment_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(parse_enrollment_code(c)) == 15 for c in codes)
    for bad in ("", "ABCD-EFGH", "AAAA-BBBB-CCCC-DDDD-EEEE-FFF!", "A" * 25):
        with pytest.raises(EnrollmentCodeError):
            parse_enrollment_code(bad)
