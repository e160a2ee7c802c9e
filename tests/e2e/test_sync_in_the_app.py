"""Sync as the GP sees it in the real app: the status bar tells the truth after start-up
and after each sync, a change made on another computer shows in the open chart without
reopening it, and a new recovery kit's key stays on screen until it is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.e2e import PASSPHRASE, carnet_cli
from tests.helpers.e2e_steps import synced_practice, unlock


def test_the_status_bar_and_the_open_chart_follow_the_sync(start_app: Any, tmp_path: Path) -> None:
    source, remote = synced_practice(tmp_path)
    laptop = tmp_path / "laptop"
    code = carnet_cli(source, "device", "enroll").splitlines()[1].strip()
    carnet_cli(laptop, "join", "--from", remote.as_uri(), "--code", code, "--as-user", "dr.b")
    app = start_app(source)
    unlock(app)
    app.stays_up()
    app.wait("label", prefix="Synchronisé à", timeout=30)  # it syncs at start-up
    app.type_into("text", "Rechercher un patient", "helene")
    app.wait("label", name="1 résultat")
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", contains="DUPRÉ Hélène")

    patient = carnet_cli(laptop, "search", "helene").split()[0]
    carnet_cli(laptop, "patient", "edit", patient, "--set", "family_name=Dupré-Morel")
    carnet_cli(laptop, "sync")
    app.keys("F5")
    app.wait("label", contains="DUPRÉ-MOREL Hélène", timeout=30)  # the chart, not reopened
    app.wait("label", prefix="Synchronisé à")
    app.screenshot("synced")


def test_a_new_recovery_kit_stays_on_screen_until_kept(start_app: Any, tmp_path: Path) -> None:
    source, _ = synced_practice(tmp_path)
    app = start_app(source)
    unlock(app)
    app.stays_up()
    app.click("menu item", "Cabinet")
    app.click("menu item", "Nouveau kit de secours…")
    app.click("push button", "Faire un nouveau kit")
    app.wait("dialog", name="Clé de récupération", timeout=30)
    key = app.text("text", "Clé de récupération")
    assert len(key.replace("-", "")) >= 40
    app.in_window("Clé de récupération")
    app.focus("text", "Clé de récupération")
    app.keys("Escape")  # the only copy of the key: it does not go away
    app.wait("label", prefix="Enregistrez le kit de secours")
    app.click("check box", "J'ai noté cette clé et je la garde en lieu sûr")
    app.click("push button", "Fermer")
    app.in_window(None).gone("dialog", name="Clé de récupération")
    assert PASSPHRASE not in key
