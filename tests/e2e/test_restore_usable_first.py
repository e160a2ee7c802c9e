"""A restore in the real app opens the practice once it is usable: the band above the
charts says the history is still arriving and how far it is, every patient is found
and their chart opens, and once the rest has arrived (here: after the storage was
missing a part, then whole again and F5) the band goes and the history is there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.e2e import PASSPHRASE
from tests.helpers.e2e_steps import fill_restore_wizard, published_in_chunks


def test_a_restore_opens_usable_and_the_history_streams_in_behind(
    start_app: Any, tmp_path: Path
) -> None:
    remote, family = published_in_chunks(tmp_path)
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
