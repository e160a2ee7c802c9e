"""The real app opens, stays open after each of its first dialogs, and shows its main
window: the paths where it used to quit with exit code 0 (Qt's quit on last window)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.e2e import PASSPHRASE, carnet_cli
from tests.helpers.e2e_steps import (
    create_practice,
    fill_restore_wizard,
    synced_practice,
    unlock,
)


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


def test_enter_in_the_new_practice_form_creates_that_practice_not_the_demo(
    start_app: Any,
) -> None:
    app = start_app()
    app.wait("dialog", name="Carnet : bienvenue")
    app.type_into("text", "Nom du cabinet", "Cabinet du Port")
    app.type_into("text", "Votre identifiant", "dr.leroy")
    app.type_into("password text", "Phrase secrète", PASSPHRASE)
    app.type_into("password text", "Confirmer", PASSPHRASE)
    app.focus("password text", "Confirmer")
    app.keys("Return")
    app.stays_up()
    app.wait("frame", name="Carnet : Cabinet du Port")
    app.type_into("text", "Rechercher un patient", "martin")  # the demo has Martins
    app.wait("label", name="Aucun patient")


def test_the_demo_practice_is_built_once_confirmed_and_opens(start_app: Any) -> None:
    app = start_app()
    app.click("push button", "Créer le cabinet de démonstration")
    app.click("push button", "Retour")  # nothing is written before the user confirms
    app.gone("alert", name="Créer le cabinet de démonstration")
    assert not (app.data_dir / "keys.json").exists()
    app.click("push button", "Créer le cabinet de démonstration")
    app.click("push button", "Créer la démo")
    app.wait("progress bar", name="", timeout=10)  # the build shows its progress
    app.stays_up(timeout=180)
    app.type_into("text", "Rechercher un patient", "martin")
    app.wait("label", contains="résultat", timeout=30)
    app.stays_up()


def test_a_restore_from_a_folder_opens_the_restored_practice(
    start_app: Any, tmp_path: Path
) -> None:
    _, remote = synced_practice(tmp_path)
    app = start_app()
    app.click("push button", "Restaurer un cabinet…")
    app.wait("dialog", name="Carnet : restaurer un cabinet")
    fill_restore_wizard(app.in_window("Carnet : restaurer"), str(remote), PASSPHRASE)
    app.click("push button", "Restaurer")
    app.in_window(None).stays_up()
    app.type_into("text", "Rechercher un patient", "helene")
    app.wait("label", name="1 résultat", timeout=30)


def test_a_join_with_an_enrollment_code_opens_the_practice(start_app: Any, tmp_path: Path) -> None:
    source, remote = synced_practice(tmp_path)
    code = carnet_cli(source, "device", "enroll").splitlines()[1].strip()
    app = start_app()
    app.click("push button", "Rejoindre comme nouvel appareil…")
    app.wait("dialog", prefix="Carnet : rejoindre")
    fill_restore_wizard(app.in_window("Carnet : rejoindre"), str(remote), code, code=True)
    app.click("push button", "Rejoindre")
    app.in_window(None).stays_up()
    app.type_into("text", "Rechercher un patient", "dupre")
    app.wait("label", name="1 résultat", timeout=30)
