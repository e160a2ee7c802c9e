"""Devices from the real app: Cabinet > Appareils… lists this computer, "Inscrire un
appareil" shows a code read from the screen (through the accessibility tree), and a new
computer joins the practice with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.e2e import carnet_cli
from tests.helpers.e2e_steps import synced_practice, unlock


def test_enroll_a_computer_from_the_app(start_app: Any, tmp_path: Path) -> None:
    source, remote = synced_practice(tmp_path)
    app = start_app(source)
    unlock(app)
    app.stays_up()
    app.click("menu item", "Cabinet")
    app.click("menu item", "Appareils…")
    app.wait("dialog", name="Appareils", timeout=30)
    app.in_window("Appareils")
    app.wait("label", name="1 appareils", timeout=30)
    app.click("push button", "Inscrire un appareil")
    app.wait("label", prefix="Valable une fois, jusqu'au", timeout=30)
    code = app.text("text", "Code d'enrôlement")
    assert len(code.replace("-", "").replace(" ", "")) == 24, code
    app.screenshot("enrollment-code")
    laptop = tmp_path / "laptop"
    carnet_cli(laptop, "join", "--from", remote.as_uri(), "--code", code, "--as-user", "dr.b")
    app.click("push button", "Actualiser")
    app.wait("label", name="2 appareils", timeout=30)  # the new computer is listed
    app.stays_up()
