"""Traceability in the real app: a GP opens a chart, then its "Accès au dossier" lists
that opening, by whom, from this computer; Practice > Journal d'accès shows it too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.test_chart import open_chart, practice  # noqa: F401


def test_an_opened_chart_lists_the_opening_in_its_access_list(
    start_app: Any,
    practice: Path,  # noqa: F811
) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
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
