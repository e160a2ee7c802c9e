"""The patient's one-page summary: identity, allergies, history, treatments, vaccinations,
last measurements, on the practice's paper; from the CLI and from the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.app.paper import documents_folder
from desktop.app.summary import SummaryDialog
from desktop.app.tasks import Tasks
from desktop.practice.store import Practice
from desktop.reports.summary import render_summary, show_date, summary_of
from tests.helpers.cli import patient, run
from tests.helpers.pdf import pdf_text


def full_chart(p: Practice, pid: str) -> None:
    p.create_record("allergy", {"patient_id": pid, "substance": "Pénicilline",
                                "reaction": "urticaire", "severity": "modérée"})
    p.create_record("problem", {"patient_id": pid, "label": "Diabète de type 2",
                                "kind": "medical", "onset": "2015", "cim10": "E11"})
    p.create_record("problem", {"patient_id": pid, "label": "Appendicectomie",
                                "kind": "surgical", "onset": "1985-06"})
    p.create_record("treatment", {"patient_id": pid, "drug": "metformine 1000 mg",
                                  "dosage": "1 cp x 2/j", "started": "2015-03-01"})
    p.create_record("treatment", {"patient_id": pid, "drug": "amoxicilline", "stopped":
                                  "2020-01-10"})
    p.create_record("vaccination", {"patient_id": pid, "vaccine": "DTP", "given_on": "2021-09-01",
                                    "lot": "X123"})
    p.add_consultation(pid, started_at="2026-11-02T09:00", weight_kg=62.5, bp_sys=135,
                       bp_dia=85)


def test_the_summary_holds_the_chart_on_the_practices_paper(
    rx_practice: Practice, adult: str, tmp_path: Path
):
    full_chart(rx_practice, adult)
    out = tmp_path / "s.pdf"
    out.write_bytes(render_summary(summary_of(rx_practice, adult, dt.date(2026, 12, 1))))
    text = pdf_text(out)
    for mention in ("SYNTHÈSE MÉDICALE", "Dr Jeanne MARTIN", "RPPS : 10101234567",
                    "MÜLLER Hélène", "Née le 08/03/1971 (55 ans)", "Pénicilline — urticaire",
                    "Diabète de type 2 (médical, depuis 2015, CIM-10 E11)",
                    "Appendicectomie (chirurgical, depuis 06/1985)",
                    "metformine 1000 mg — 1 cp x 2/j (depuis le 01/03/2015)", "DTP — 01/09/2021",
                    "Poids : 62,5 kg (02/11/2026)", "Tension : 135/85 mmHg (02/11/2026)",
                    "Signature"):
        assert mention in text, mention
    assert "amoxicilline" not in text  # a stopped treatment is not current


def test_an_empty_chart_says_so(rx_practice: Practice, child: str, tmp_path: Path):
    html = summary_of(rx_practice, child)
    for empty in ("Allergies non renseignées", "Aucun antécédent noté",
                  "Aucun traitement en cours", "Aucune vaccination notée", "Aucune mesure notée"):
        assert empty in html
    assert "Aucune allergie connue" not in html  # nobody asked: not "none known"
    from desktop.app.allergy_status import record_none_known

    record_none_known(rx_practice, child)
    assert "Aucune allergie connue" in summary_of(rx_practice, child)


def test_the_summary_lists_what_the_ordonnances_still_have_the_patient_take(
    rx_practice: Practice, child: str
):
    """'Aucun traitement en cours' printed a minute after an antibiotic was prescribed."""
    from desktop.practice import prescriptions
    from desktop.practice.prescriptions import RxLine

    prescriptions.add(rx_practice, child, [
        RxLine("amoxicilline 250 mg/5 ml, poudre pour suspension buvable",
               "1 dose-poids 3 fois par jour", "6 jours"),
    ])  # fmt: skip
    html = summary_of(rx_practice, child)
    assert "amoxicilline 250 mg/5 ml, poudre pour suspension buvable — 1 dose-poids 3 fois" in html
    assert "Aucun traitement en cours" not in html
    later = summary_of(rx_practice, child, dt.date.today() + dt.timedelta(days=7))
    assert "Aucun traitement en cours" in later  # its 6 days are over


@pytest.mark.parametrize(("value", "shown"), [("2026-03-12", "12/03/2026"),
                                              ("1975-06", "06/1975"), ("1975", "1975"),
                                              ("2026-11-02T09:00", "02/11/2026"), (None, "")])
def test_partial_dates_show_as_written(value: str | None, shown: str):
    assert show_date(value) == shown


def test_summary_from_the_cli(folder: Path, capsys: pytest.CaptureFixture[str], tmp_path):
    pid = patient(capsys, folder)
    out = tmp_path / "synthese.pdf"
    assert run(capsys, folder, "summary", pid, "-o", str(out))[0] == 0
    assert "PETIT Louise" in pdf_text(out) and "Dr Anne ROUX" in pdf_text(out)


def test_the_app_previews_then_saves_and_prints(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    full_chart(rx_practice, adult)
    asked: list[str] = []
    out = tmp_path / "chosen.pdf"

    def fake(parent: Any, title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    dialog = SummaryDialog(rx_tasks, adult, "MÜLLER Hélène")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Diabète" in dialog.preview.toPlainText(), timeout=5000)
    with qtbot.waitSignal(dialog.pdf_written, timeout=10_000):
        dialog.pdf_button.click()
    assert asked == [str(documents_folder() / f"synthese-MULLER-{dt.date.today()}.pdf")]
    assert "Diabète de type 2" in pdf_text(out)
    again = SummaryDialog(rx_tasks, adult, "MÜLLER Hélène")
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: bool(again.html), timeout=5000)
    target = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    again.print_dialog = to_file
    with qtbot.waitSignal(again.printed, timeout=10_000):
        again.print_button.click()
    assert "SYNTHÈSE MÉDICALE" in pdf_text(target)
