"""A practice on a folder storage with a locum enrolled by code, and what such a locum
can forge: shared by the revocation tests (tests/remote)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop import cli
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from sync import crypto
from sync.devices import (
    Revocation,
    device_wrap_name,
    encode_revocation,
    epoch_marker_name,
    read_infos,
)
from sync.layout import key_name
from sync.segments import PracticeKeys
from tests.helpers.practice import PASSPHRASE

LOCUM = "phrase du remplaçant"


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def make_practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    """(office folder, storage URL, recovery kit text) of a practice with one patient."""
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    storage = tmp_path / "storage"
    storage.mkdir()
    with Practice.create(
        tmp_path / "office", practice_name="C", username="dr", passphrase=PASSPHRASE
    ) as p:
        kit = set_remote(p, storage.as_uri(), passphrase=PASSPHRASE, create=True)
        assert kit
        p.create_record("patient", {"family_name": "Avant", "birth_date": "1970-01-01"})
        SyncService(p).sync()
    return tmp_path / "office", storage.as_uri(), kit


def enroll_locum(tmp_path: Path, office: Path, url: str) -> Path:
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        code = SyncService(p).enroll()
    join(tmp_path / "locum", url, enrollment_code=code, local_passphrase=LOCUM).close()
    with Practice.open(tmp_path / "locum", passphrase=LOCUM) as locum:
        SyncService(locum).sync()
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        SyncService(p).sync()
    return tmp_path / "locum"


def forge_epoch_2(backend: Any, locum: Path, office_id: str, desk_id: str) -> str:
    """What a locum (enrolled with a code: it holds the key, not the passphrase) can do
    to pre-empt its revocation: create epoch 2 first, 'revoking' the office, with wraps
    for the desk (a made-up passphrase, its own device key as the kit). Returns the
    locum's device id."""
    with Practice.open(locum, passphrase=LOCUM) as lo:
        keys, pid, me = lo.practice_keys, lo.practice_id, lo.device_id
        desk_public = read_infos(backend, keys)[desk_id].public_key
    k2 = crypto.random_key()
    ctx2 = f"carnet/practice-key/v1/{pid}/2"
    forged = {
        key_name(pid, 2, "passphrase"): crypto.wrap_with_passphrase(k2, "made up", ctx2),
        key_name(pid, 2, "recovery"): crypto.wrap_for_recipient(k2, desk_public, ctx2),
        key_name(pid, 2, "previous"): crypto.wrap_with_key(
            keys.key(1), k2, f"carnet/practice-key/v1/{pid}/1"
        ),
        device_wrap_name(pid, 2, desk_id): crypto.wrap_for_recipient(
            k2, desk_public, f"{ctx2}/device/{desk_id}"
        ),
    }
    for name, wrapped in forged.items():
        backend.put(name, json.dumps(wrapped).encode())
    ring = PracticeKeys(pid, {**keys.epochs, 2: k2}, 2)
    record = Revocation(2, {office_id: 1}, {office_id: 1, desk_id: 1, me: 0}, me)
    backend.create(epoch_marker_name(pid, 2), encode_revocation(ring, record))
    return me
