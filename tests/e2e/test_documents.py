"""A document of the chart opened in the real app's viewer, driven by accessible names:
the chart's Documents… list, Ouvrir, and the PDF's pages on screen (QtPdf, from memory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import carnet_cli
from tests.helpers.e2e_steps import unlock
from tests.helpers.pdf import made_pdf


def open_chart(app: Any, typed: str) -> None:
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    app.type_into("text", "Rechercher un patient", typed)
    app.wait("label", contains="résultat")
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", prefix="MARTIN Paul", timeout=20)


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    patient = carnet_cli(
        folder, "patient", "add", "--family-name", "Martin", "--given-name", "Paul",
        "--birth-date", "1950-01-01", "--sex", "M",
    ).strip()  # fmt: skip
    pdf = tmp_path / "coloscopie.pdf"
    pdf.write_bytes(made_pdf([["Compte rendu de coloscopie"], ["Conclusion : normale"]]))
    carnet_cli(folder, "document", "add", patient, str(pdf), "--title", "Coloscopie",
               "--kind", "result")  # fmt: skip
    return folder


def test_a_pdf_opens_in_the_viewer(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    summary = app.text("label", "Synthèse du dossier")
    assert "Coloscopie" in summary and "Résultat d'analyse ou d'examen" in summary, summary
    app.click("push button", "Documents du dossier")
    app.wait("dialog", prefix="Documents : MARTIN Paul")
    app.in_window("Documents : MARTIN Paul").click("push button", "Ouvrir")
    app.in_window(None).wait("dialog", prefix="Document : Coloscopie")
    app.wait("label", name="2 pages", timeout=20)
    app.wait("push button", name="Exporter une copie…")
    app.screenshot("document-viewer")
    app.stays_up()
