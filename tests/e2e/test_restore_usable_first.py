"""A restore in the real app opens the practice once it is usable: the band above the
charts says the history is still arriving and how far it is, every patient is found
and their chart opens, and once the rest has arrived (here: after the storage was
missing a part, then whole again and F5) the band goes and the history is there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop.demo.loader import make_demo
from desktop.practice.store import Practice
from desktop.remote import SyncService, set_remote
from sync import snapshot_format
from tests.e2e.test_stays_open import fill_restore_wizard
from tests.helpers.e2e import PASSPHRASE


def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A demo practice's snapshot in many small chunks; (the remote, a family name)."""
    monkeypatch.setattr(snapshot_format, "CHUNK_BYTES", 16_000)
    remote = tmp_path / "remote"
    remote.mkdir()
    make_demo(tmp_path / "office", PASSPHRASE, patients=20, seed=3, today=dt.date(2026, 11, 1))
    with Practice.open(tmp_path / "office", passphrase=PASSPHRASE) as office:
        set_remote(office, remote.as_uri(), passphrase=PASSPHRASE, create=True)
        SyncService(office).publish_snapshot()
        family = str(office.records("patient", order="family_name")[0]["family_name"])
    return remote, family


def test_a_restore_opens_usable_and_the_history_streams_in_behind(
    start_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote, family = published(tmp_path, monkeypatch)
    last = max(remote.rglob("*.0*"), key=lambda p: p.suffix)  # the last chunk
    hidden = last.with_name(last.name + ".away")
    last.rename(hidden)  # the storage lacks it for now: the stream stops before it

    app = start_app()
    app.click("push button", "Restaurer un cabinet…")
    app.wait("dialog", name="Carnet : restaurer un cabinet")
    fill_restore_wizard(app.in_window("Carnet : restaurer"), str(remote), PASSPHRASE)
    app.click("push button", "Restaurer")
    window = app.in_window(None)
    window.stays_up()
    window.wait("label", prefix="Restauration en cours", timeout=30)
    window.wait("label", contains="parties sur", timeout=30)  # the sync counted them
    window.type_into("text", "Rechercher un patient", family)
    window.wait("label", contains="résultat", timeout=30)
    window.screenshot("restore-streaming")

    hidden.rename(last)  # the storage is whole again
    window.focus("text", "Rechercher un patient")
    window.keys("F5")
    window.gone("label", prefix="Restauration en cours", timeout=60)
    window.wait("label", prefix="Synchronisé à", timeout=30)
    window.stays_up()
