"""Every key in ``meta`` is declared once, in desktop.practice.meta.MetaKey."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.practice import meta
from desktop.practice.meta import MetaKey
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote, state
from tests.helpers.practice import PASSPHRASE


def test_a_synced_and_joined_practice_holds_only_declared_keys(tmp_path: Path) -> None:
    remote = tmp_path / "remote"
    remote.mkdir()
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, remote.as_uri(), passphrase=PASSPHRASE, create=True)
        pid = office.create_record("patient", {"family_name": "Durand"})
        office.add_consultation(pid, text="Suivi.")
        office.search_notes("suivi")
        SyncService(office).sync()
        with join(
            tmp_path / "laptop",
            remote.as_uri(),
            passphrase=PASSPHRASE,
            local_passphrase=PASSPHRASE,
        ) as laptop:
            laptop.update_record("patient", pid, {"city": "Lyon"})
            SyncService(laptop).sync()
            for practice in (office, laptop):
                keys = set(meta.read_all(practice.conn))
                assert keys <= set(MetaKey), keys - set(MetaKey)
                assert MetaKey.PUSH_SEQ in keys and MetaKey.AUDIT_HEAD in keys


def test_the_sync_service_names_declared_keys() -> None:
    """desktop.remote.state still spells its keys as strings: each must be a MetaKey."""
    for name in (
        "REMOTE_URL",
        "LAST_SYNC",
        "LAZY_DOCUMENTS",
        "RESTORE_STATE",
        "SNAPSHOT_LOADED",
        "DEVICE_KEY",
        "DEVICE_NAME",
        "DEVICE_INFO",
        "REVOCATIONS",
        "MOVE_OWED",
        "DEVICE_PINS",
    ):
        MetaKey(getattr(state, name))


def test_an_undeclared_key_is_refused(practice: Practice) -> None:
    with pytest.raises(ValueError):
        practice.set_meta("no_such_key", 1)
    with pytest.raises(ValueError):
        practice.meta_value("no_such_key")
