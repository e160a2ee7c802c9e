"""The prescription editor, with real widgets on a real practice: autocomplete, the allergy
warning and its override, renewal, templates, PDF and the print path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.app.paper import documents_folder
from desktop.app.prescription import PrescriptionEditor
from desktop.app.tasks import Tasks
from desktop.practice import drugs, practitioners, prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.practice.store import Practice
from tests.helpers.pdf import pdf_text

FIXTURE = Path(__file__).parent / "bdpm"


def editor_for(tasks: Tasks, patient_id: str, qtbot: QtBot) -> PrescriptionEditor:
    editor = PrescriptionEditor(tasks, patient_id, "MÜLLER Hélène")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: bool(editor.info), timeout=5000)
    return editor


def complete(editor: PrescriptionEditor, qtbot: QtBot, typed: str, label: str) -> None:
    """Type into the drug field, wait for the list, pick ``label`` as a click would."""
    editor.drug_search.setFocus()
    qtbot.keyClicks(editor.drug_search, typed)
    qtbot.waitUntil(lambda: label in editor.drug_model.stringList(), timeout=5000)
    editor.completer.activated.emit(label)


def test_autocomplete_by_dci_adds_a_line_with_its_substances(
    rx_tasks: Tasks, adult: str, qtbot: QtBot
):
    editor = editor_for(rx_tasks, adult, qtbot)
    complete(editor, qtbot, "amoxi", "amoxicilline 1 g, comprimé dispersible")
    [line] = editor.table.lines()
    assert line.drug == "amoxicilline 1 g, comprimé dispersible"
    assert line.substances == ("amoxicilline",) and line.atc == "J01CA04"
    qtbot.waitUntil(lambda: editor.drug_search.text() == "")


def test_a_brand_from_the_imported_bdpm_becomes_its_dci(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    drugs.import_bdpm(FIXTURE, rx_practice.folder)
    editor = editor_for(rx_tasks, adult, qtbot)
    complete(editor, qtbot, "clamox", "CLAMOXYL 1 g, comprimé dispersible")
    [line] = editor.table.lines()
    assert line.drug == "amoxicilline 1 g, comprimé dispersible"
    assert line.brand == "CLAMOXYL 1 g, comprimé dispersible"


def fill_line(editor: PrescriptionEditor, row: int, dosage: str, duration: str) -> None:
    editor.table.item(row, 1).setText(dosage)  # type: ignore[union-attr]
    editor.table.item(row, 2).setText(duration)  # type: ignore[union-attr]


def test_an_allergy_warns_before_saving_and_the_override_reason_is_kept(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    rx_practice.create_record("allergy", {"patient_id": adult, "substance": "Pénicilline"})
    editor = editor_for(rx_tasks, adult, qtbot)
    assert "Pénicilline" in editor.patient.text()
    editor.drug_search.setText("Amoxicilline 1 g")  # typed, not picked: still checked
    editor._add_typed()
    fill_line(editor, 0, "1 cp matin et soir", "7 jours")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.warning is not None and editor.warning.isVisible())
    warning = editor.warning
    assert warning is not None
    text = warning.findChild(type(editor.patient), "allergyMessage").text()  # type: ignore[union-attr]
    assert "Pénicilline" in text and "penicillins" in text and "Amoxicilline 1 g" in text
    assert not warning.anyway.isEnabled()  # no reason, no override
    warning.back.click()
    assert "Not saved" in editor.status.text()
    assert rx_practice.chart(adult).prescriptions == ()

    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.warning is not warning and editor.warning is not None)
    assert editor.warning is not None
    editor.warning.reason.setText("tolérée lors d'un test de provocation")
    assert editor.warning.anyway.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.warning.anyway.click()
    [item] = rx_practice.chart(adult).prescriptions
    [line] = item.current.lines
    assert line["allergy"] == "Pénicilline"
    assert line["override_reason"] == "tolérée lors d'un test de provocation"
    assert line["substances"] == ["amoxicilline"]


def test_save_as_pdf_starts_in_documents_with_a_telling_name(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    asked: list[str] = []
    out = tmp_path / "chosen.pdf"

    def fake_dialog(parent: Any, title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.table.add(RxLine("paracétamol 1 g, comprimé", "1 cp x 3/j", "5 jours"))
    printed: list[str] = []
    editor.printed.connect(printed.append)
    with qtbot.waitSignal(editor.pdf_written, timeout=10_000) as signal:
        editor.pdf_button.click()
    assert signal.args == [str(out)]
    today = dt.date.today()
    assert asked == [str(documents_folder() / f"ordonnance-MULLER-{today.isoformat()}.pdf")]
    assert "MÜLLER Hélène" in pdf_text(out) and "paracétamol 1 g" in pdf_text(out)
    assert printed == []  # a PDF is not a print
    assert "print" not in editor.status.text().lower()


def test_printing_paints_the_same_pages_on_the_printer(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot, tmp_path: Path
):
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.table.add(RxLine("ibuprofène 400 mg, comprimé", "1 cp x 3/j", "3 jours"))
    target = tmp_path / "printed.pdf"

    def no_print(printer: QPrinter) -> bool:
        return False

    editor.print_dialog = no_print  # the user cancels the print dialog
    editor.print_button.click()
    qtbot.waitUntil(lambda: editor.status.text() == "Not printed.")
    assert rx_practice.chart(adult).prescriptions == ()

    def print_to_file(printer: QPrinter) -> bool:  # what "Print to file" in the dialog does
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    editor.print_dialog = print_to_file
    with qtbot.waitSignal(editor.printed, timeout=10_000) as signal:
        editor.print_button.click()
    assert signal.args == [str(target)]
    text = pdf_text(target)
    assert "ibuprofène 400 mg" in text and "Dr Jeanne MARTIN" in text
    assert len(rx_practice.chart(adult).prescriptions) == 1


def test_renew_an_earlier_prescription_in_one_action(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    earlier = [RxLine("metformine 1000 mg, comprimé", "1 cp matin et soir", "3 mois",
                      renewals=2, ald=True)]
    prescriptions.add(rx_practice, adult, earlier)
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.renew_button.click()
    dialog = editor.renew_dialog
    assert dialog is not None and dialog.list.count() == 1
    assert "metformine 1000 mg" in dialog.list.item(0).text()
    assert "1 cp matin et soir — 3 mois" in dialog.lines.text()  # read before renewing
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # the newest is chosen: Enter renews it
    assert not dialog.isVisible()
    assert editor.table.lines() == earlier
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save_button.click()
    items = rx_practice.chart(adult).prescriptions
    assert len(items) == 2
    both = [prescriptions.lines_of(i.current) for i in items]  # same minute: any order
    assert [[(x.drug, x.dosage, x.duration, x.renewals, x.ald) for x in ls] for ls in both] == [
        [("metformine 1000 mg, comprimé", "1 cp matin et soir", "3 mois", 2, True)]] * 2
    # the renewal was resolved on the way, for the allergy check
    assert sorted(ls[0].substances for ls in both) == [(), ("metformine",)]


def test_a_renewal_appointment_renews_the_current_treatments(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    """The demo's LAURENT Yvette, 84, came for 'Renouvellement': her lévothyroxine and
    amlodipine were in the chart's treatments, never on an ordonnance of Carnet, and
    'Renouveler…' offered only a paracétamol of last month: each drug typed again."""
    p = rx_practice
    for drug, dosage, stopped in (
        ("Lévothyroxine 50 µg", "1 cp le matin à jeun", None),
        ("Amlodipine 5 mg", "1 cp le matin", None),
        ("Oméprazole 20 mg", "1 gél le soir", "2026-01-10"),
    ):
        p.create_record("treatment", {"patient_id": adult, "drug": drug, "dosage": dosage,
                                      "started": "2005-08-29", "stopped": stopped})  # fmt: skip
    prescriptions.add(p, adult, [RxLine("paracétamol 1 g, comprimé", "1 cp x 3", "5 jours")])
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.renew_button.click()
    dialog = editor.renew_dialog
    assert dialog is not None and dialog.list.count() == 2
    running = [t for t in p.chart(adult).treatments if not t.stopped]  # the chart's order
    assert {t.drug for t in running} == {"Lévothyroxine 50 µg", "Amlodipine 5 mg"}
    assert dialog.list.item(0).text() == (
        "Current treatments: " + ", ".join(str(t.drug) for t in running)
    )  # the stopped one is not renewed
    assert dialog.list.item(1).text().endswith("paracétamol 1 g, comprimé")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # chosen first: Enter renews them
    lines = editor.table.lines()
    assert [(x.drug, x.dosage, x.long_term) for x in lines] == [
        (t.drug, t.dosage, True) for t in running
    ]
    editor.save_button.click()  # no duration yet: asked, not saved
    question = editor.incomplete_question
    assert question is not None and question.isVisible()
    assert "Line 1 (" in question.text() and "no duration nor number of boxes" in question.text()
    question.buttons()[1].click()  # "Complete the lines"
    assert len(p.chart(adult).prescriptions) == 1
    for row in range(editor.table.rowCount()):
        editor.table.item(row, 2).setText("3 mois")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save_button.click()
    assert len([t for t in p.chart(adult).treatments if not t.stopped]) == 2  # not twice


def test_a_line_without_posology_or_duration_is_asked_about(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    """R.5132-3 asks each line for its posology, and its duration or number of boxes."""
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.table.add(RxLine("paracétamol 1 g, comprimé"))
    editor.table.add(RxLine("sérum physiologique", "lavage de nez", quantity="1 boîte"))
    editor.save_button.click()
    question = editor.incomplete_question
    assert question is not None and question.text().startswith(
        "Line 1 (paracétamol 1 g, comprimé) has no posology. Line 1 (paracétamol 1 g, "
        "comprimé) has no duration nor number of boxes."
    )
    assert "Line 2" not in question.text()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        question.buttons()[0].click()  # saved anyway, as the GP chose


def test_a_template_saved_once_fills_the_next_prescription(
    rx_tasks: Tasks, adult: str, qtbot: QtBot
):
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.table.add(RxLine("paracétamol 1 g, comprimé", "1 cp x 3/j si fièvre", "5 jours"))
    editor.table.add(RxLine("chlorure de sodium 0,9 %, solution pour lavage nasal",
                            "2 lavages par jour", "7 jours"))
    editor.save_template("Rhinopharyngite")
    qtbot.waitUntil(lambda: "Rhinopharyngite" in [t.name for t in editor.templates])
    again = editor_for(rx_tasks, adult, qtbot)
    again.templates_button.click()
    dialog = again.templates_dialog
    assert dialog is not None
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(names.index("Rhinopharyngite"))
    assert dialog.lines.text().splitlines() == [  # what it holds, read before it is used
        "paracétamol 1 g, comprimé — 1 cp x 3/j si fièvre — 5 jours",
        "chlorure de sodium 0,9 %, solution pour lavage nasal — 2 lavages par jour — 7 jours"]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter uses it
    assert [line.drug for line in again.table.lines()] == [
        "paracétamol 1 g, comprimé", "chlorure de sodium 0,9 %, solution pour lavage nasal"]


def test_the_lines_are_saved_as_a_template_from_the_templates_dialog(
    rx_tasks: Tasks, adult: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
):
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.templates_button.click()
    dialog = editor.templates_dialog
    assert dialog is not None and dialog.list.count() == 0
    assert not dialog.use_button.isEnabled() and "No template yet" in dialog.lines.text()
    editor.table.add(RxLine("ibuprofène 400 mg, comprimé", "1 cp x 3/j", "3 jours"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Entorse", True))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: [t.name for t in editor.templates] == ["Entorse"])
    assert not dialog.isVisible()


def test_a_childs_prescription_asks_for_the_weight(
    rx_tasks: Tasks, rx_practice: Practice, child: str, qtbot: QtBot
):
    editor = editor_for(rx_tasks, child, qtbot)
    assert editor.weight_box.value() == 0  # no consultation measured it
    editor.table.add(RxLine("paracétamol 2,4 %, suspension buvable", "1 dose-poids x 4/j", "3 j"))
    editor.save_button.click()
    assert "weight" in editor.status.text()
    assert rx_practice.chart(child).prescriptions == ()
    rx_practice.add_consultation(child, reason="Fièvre", weight_kg=17.2, height_cm=104)
    measured = editor_for(rx_tasks, child, qtbot)
    assert measured.weight_box.value() == pytest.approx(17.2)
    measured.table.add(RxLine("paracétamol 2,4 %, suspension buvable", "1 dose-poids x 4/j",
                              "3 jours"))
    with qtbot.waitSignal(measured.saved, timeout=5000):
        measured.save_button.click()
    [item] = rx_practice.chart(child).prescriptions
    assert item.current.weight_kg == pytest.approx(17.2)
    assert item.current.height_cm == pytest.approx(104)


def test_bad_renewals_are_a_sentence(rx_tasks: Tasks, adult: str, qtbot: QtBot):
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.table.add(RxLine("paracétamol 1 g"))
    editor.table.item(0, 4).setText("deux")  # type: ignore[union-attr]
    editor.save_button.click()
    assert "Line 1" in editor.status.text() and "renewals" in editor.status.text()


def test_lines_marked_long_term_join_the_current_treatments(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    from PySide6.QtCore import Qt

    from desktop.app.rx_lines import LONG

    editor = editor_for(rx_tasks, adult, qtbot)
    editor.table.add(RxLine("amlodipine 5 mg, gélule", "1 gélule le matin", "3 mois"))
    editor.table.add(RxLine("paracétamol 1 g, comprimé", "1 cp x 3/j si douleur", "5 jours"))
    editor.table.item(0, LONG).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save_button.click()
    assert [t.drug for t in rx_practice.chart(adult).treatments] == [
        "amlodipine 5 mg, gélule"]


def test_a_line_matching_an_allergy_turns_red_as_soon_as_it_is_added(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    rx_practice.create_record("allergy", {"patient_id": adult, "substance": "Pénicilline"})
    editor = editor_for(rx_tasks, adult, qtbot)
    complete(editor, qtbot, "parac", "paracétamol 1 g, comprimé")
    assert editor.mark_allergies() == [] and "allergy" not in editor.status.text()
    qtbot.waitUntil(lambda: editor.drug_search.text() == "")
    complete(editor, qtbot, "amoxi", "amoxicilline 1 g, comprimé dispersible")
    assert "amoxicilline" in editor.status.text() and "Pénicilline" in editor.status.text()
    assert "penicillins" in editor.status.text()  # the class, in words
    red = [editor.table.item(row, 0).font().bold() for row in range(2)]  # type: ignore[union-attr]
    assert red == [False, True]


def test_escape_with_lines_asks_before_dropping_them(rx_tasks: Tasks, adult: str, qtbot: QtBot):
    editor = editor_for(rx_tasks, adult, qtbot)
    complete(editor, qtbot, "parac", "paracétamol 1 g, comprimé")
    editor.reject()  # what Escape and the window's close button do
    box = editor.discard_question
    assert box is not None and box.isVisible() and editor.isVisible()
    assert box.defaultButton().text() == "Continue writing"  # Escape then Enter keeps it
    box.defaultButton().click()
    assert editor.isVisible() and len(editor.table.lines()) == 1
    editor.reject()
    discard = next(b for b in editor.discard_question.buttons() if "Discard" in b.text())  # type: ignore[union-attr]
    discard.click()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)


def test_escape_on_an_empty_prescription_just_closes(rx_tasks: Tasks, adult: str, qtbot: QtBot):
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.reject()
    assert editor.discard_question is None and not editor.isVisible()


def test_renewing_keeps_the_notes_of_the_earlier_prescription(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    prescriptions.add(rx_practice, adult, [RxLine("paracétamol 1 g, comprimé", "1 cp x 3")],
                      notes="Ne pas substituer.")
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.renew_button.click()
    assert editor.renew_dialog is not None
    editor.renew_dialog.renew_button.click()
    assert editor.notes.text() == "Ne pas substituer."


def test_the_editor_names_the_mentions_the_paper_still_lacks(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    complete_paper = editor_for(rx_tasks, adult, qtbot)
    assert complete_paper.info["missing"] == []  # all filled in
    assert not complete_paper.mentions.isVisible()
    assert rx_practice.user_id is not None
    practitioners.set_profile(rx_practice, rx_practice.user_id, {"rpps": ""})
    editor = editor_for(rx_tasks, adult, qtbot)
    assert editor.info["missing"] == ["rpps"]
    said = editor.mentions
    assert said.isVisible() and "RPPS" in said.text() and "My practitioner profile" in said.text()
    complete(editor, qtbot, "amoxi", "amoxicilline 1 g, comprimé dispersible")
    # the list's proposals, then the added line, took the status line: the lack is still said
    assert said.isVisible() and "RPPS" in said.text()


def test_the_documents_folder_is_never_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _kind: str(tmp_path / "none"))
    )
    monkeypatch.setenv("HOME", str(tmp_path))
    assert documents_folder() == Path.home()


def test_the_renewal_dialog_shows_the_lines_of_the_one_chosen(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot
):
    for drug in ("ramipril 5 mg, comprimé", "atorvastatine 20 mg, comprimé"):
        prescriptions.add(rx_practice, adult, [RxLine(drug, "1 cp le soir", "3 mois")])
    editor = editor_for(rx_tasks, adult, qtbot)
    editor.renew_button.click()
    dialog = editor.renew_dialog
    assert dialog is not None and dialog.list.count() == 2
    assert dialog.list.accessibleName() == "Earlier prescriptions"
    assert dialog.renew_button.isDefault()  # Enter renews; Qt had picked Cancel
    second = dialog.list.item(1).text().split(": ", 1)[1]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert second in dialog.lines.text()  # its lines, read before renewing
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert [line.drug for line in editor.table.lines()] == [second]
