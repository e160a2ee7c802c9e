"""The real app opens, stays open after each of its first dialogs, and shows its main
window: the paths where it used to quit with exit code 0 (Qt's quit on last window)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.conftest import PASSPHRASE, carnet_cli


def create_practice(app: Any) -> None:
    app.wait("dialog", name="Carnet : bienvenue")
    app.type_into("text", "Nom du cabinet", "Cabinet des Tilleuls")
    app.type_into("text", "Votre identifiant", "dr.martin")
    app.type_into("password text", "Phrase secrète", PASSPHRASE)
    app.type_into("password text", "Confirmer", PASSPHRASE)
    app.click("push button", "Créer")


def unlock(app: Any, passphrase: str = PASSPHRASE) -> None:
    app.type_into("password text", "Phrase secrète", passphrase)
    app.click("push button", "Déverrouiller")


def test_a_new_practice_opens_its_main_window_and_stays_open(start_app: Any) -> None:
    app = start_app()
    create_practice(app)
    app.stays_up()
    app.wait("push button", name="Nouveau patient")
    app.screenshot("new-practice")
    app.stays_up()


def test_unlocking_opens_the_main_window(start_app: Any, tmp_path: Path) -> None:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    app = start_app(folder)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app, "pas la bonne")
    app.wait("label", prefix="Phrase secrète incorrecte")
    unlock(app)
    app.stays_up()


def test_lock_then_unlock_again(start_app: Any) -> None:
    app = start_app()
    create_practice(app)
    app.stays_up()
    app.type_into("text", "Rechercher un patient", "mart")  # the lock used to crash here
    app.focus("text", "Rechercher un patient")
    app.keys("ctrl+l")
    app.wait("dialog", prefix="Carnet : déverrouiller")
    assert app.alive()
    assert "Carnet : déverrouiller" in " ".join(app.screen_texts())
    unlock(app)
    app.stays_up()
    app.gone("dialog", prefix="Carnet : déverrouiller")
