"""Traceability in the real app: a GP opens a chart, then its "Accès au dossier" lists
that opening (from this computer, in French), found through the accessibility tree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.e2e import carnet_cli
from tests.helpers.e2e_steps import unlock


def test_an_opened_chart_lists_the_opening_in_its_access_list(
    start_app: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    carnet_cli(
        folder, "patient", "add", "--family-name", "Martin", "--given-name", "Paul",
        "--birth-date", "1950-01-01", "--sex", "M",
    )  # fmt: skip
    app = start_app(folder)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    app.type_into("text", "Rechercher un patient", "martin")
    app.wait("label", name="1 résultat")
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", prefix="MARTIN Paul", timeout=20)
    app.click("push button", "Accès au dossier")
    app.wait("dialog", prefix="Accès au dossier : MARTIN Paul")
    found = app.driver.ask(
        op="wait",
        pid=app.pid,
        role="table cell",
        name="Ouvert : Identité",
        enter=["table"],
        timeout=20,
    )
    assert found, "the chart's access list does not show its opening"
    shown = app.screen_texts()
    assert any("de tous les ordinateurs du cabinet" in t for t in shown), shown
    app.screenshot("chart-access")
    app.stays_up()
