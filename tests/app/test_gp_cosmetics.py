"""What a GP reads at a glance: the NIR in its groups and the phone in pairs (never
wrapped in the chart header), the sex letter in French, one sentence and a marked field
for a vital out of range, and a chart that gets the room of the window."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.chart_html import consultation_version_html, header_html
from desktop.app.identity_text import show_nir, show_phone
from desktop.app.patient_list import PatientModel
from desktop.app.record_dialogs import IdentityDialog
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.app.vitals import VitalsForm
from desktop.app.window import MainWindow
from desktop.practice import models
from tests.helpers.qt import search_and_open


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_nir_and_phone_are_shown_the_french_way():
    assert show_nir("247106938135913") == "2 47 10 69 381 359 13"
    assert show_nir("2471069381359") == "2 47 10 69 381 359"  # without its key
    assert show_phone("0612345678") == "06 12 34 56 78"
    assert show_phone("+33 1 45 00 00 00") == "01 45 00 00 00"
    assert show_phone("+442079460958") == "+44 20 7946 0958"
    assert show_phone("poste 12") == "poste 12"  # no number: as typed


def test_the_chart_header_groups_the_nir_and_keeps_numbers_on_one_line(qapp: object):
    html = header_html(
        models.chart(
            {
                "id": "r",
                "family_name": "Roux",
                "sex": "F",
                "nir": "247106938135913",
                "phone": "0612345678",
            },
            {},
        )
    )
    assert "2\u00a047\u00a010\u00a069\u00a0381\u00a0359\u00a013" in html
    assert "06\u00a012\u00a034\u00a056\u00a078" in html


def test_the_patient_list_says_the_sex_in_french(french: None):
    model = PatientModel()
    base = {"family_name": "X", "given_names": "", "birth_date": None, "city": None}
    model.set_rows(
        [{**base, "sex": "U", "phone": "0612345678"}, {**base, "sex": "F", "phone": None}]
    )
    assert model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole) == "I"  # indéterminé
    assert model.data(model.index(1, 3), Qt.ItemDataRole.DisplayRole) == "F"
    assert model.data(model.index(0, 4), Qt.ItemDataRole.DisplayRole) == "06 12 34 56 78"


def test_identity_shows_numbers_in_groups_without_writing_them_again(opened: Tasks, qtbot: QtBot):
    chart = {"id": "p", "family_name": "Roux", "sex": "F"}
    chart |= {"nir": "247106938135913", "phone": "0612345678"}
    dialog = IdentityDialog(opened, models.chart(chart, {}))
    qtbot.addWidget(dialog)
    assert dialog.edits["nir"].text() == "2 47 10 69 381 359 13"
    assert dialog.edits["phone"].text() == "06 12 34 56 78"
    assert dialog.changes() == {}  # shown differently, not changed
    dialog.edits["phone"].setText("0145000000")
    dialog.edits["phone"].editingFinished.emit()
    assert dialog.edits["phone"].text() == "01 45 00 00 00"
    assert dialog.changes() == {"phone": "01 45 00 00 00"}


def test_a_vital_out_of_range_is_said_once_and_its_field_is_marked(qtbot: QtBot):
    form = VitalsForm()
    qtbot.addWidget(form)
    form.edits["temperature_c"].setText("48")
    assert form.warnings.text() == ""  # not "unusual" as well as impossible
    assert form.problems.text().count("48") == 1
    assert "#c00000" in form.edits["temperature_c"].styleSheet()
    form.edits["temperature_c"].setText("43")  # possible, unusual: orange, kept
    assert form.problems.text() == "" and "43" in form.warnings.text()
    assert "#b36b00" in form.edits["temperature_c"].styleSheet()
    form.edits["temperature_c"].setText("37")
    assert form.edits["temperature_c"].styleSheet() == ""
    assert form.edits["pulse"].styleSheet() == ""


@pytest.mark.parametrize("size", [(1400, 900), (1280, 800), (1100, 700)])
def test_the_chart_gets_the_room(window: MainWindow, qtbot: QtBot, size: tuple[int, int]):
    """The chart's actions wrap onto a second row when the chart is narrow, so the
    patient list keeps the 400 px it asks for (a row of ten buttons left it ~250)."""
    search_and_open(qtbot, window, "martin")
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    qtbot.waitUntil(lambda: window.split.sizes()[1] > 0)
    patients, chart = window.split.sizes()
    assert chart >= 0.6 * (patients + chart), window.split.sizes()
    assert patients >= 390  # the list stays usable: name, birth date, age
    for button in (window.chart.access_button, window.chart.identity_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width()


def test_the_keyboard_opens_a_consultation_and_a_prescription(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Ctrl+Shift+C: a new consultation; Ctrl+Shift+O: a new ordonnance, from the open
    chart, without the mouse; the buttons say so in their tooltips."""
    from desktop.app.prescription import PrescriptionEditor
    from tests.helpers.qt import consultation_opened

    search_and_open(qtbot, window, "Müller")
    assert "Ctrl+Shift+C" in window.chart.consult_button.toolTip()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_C, ctrl_shift)
    editor = consultation_opened(qtbot, window)
    editor.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_O, ctrl_shift)
    qtbot.waitUntil(
        lambda: isinstance(getattr(window, "editor", None), PrescriptionEditor), timeout=5000
    )
    qtbot.addWidget(window.editor)


def test_the_main_window_title_is_punctuated_the_french_way(
    french: None, opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    """Every dialog's title read "Carnet : …" but the main window's "Carnet: …", built
    outside the translation."""
    info = {"practice_name": "Cabinet des Tilleuls", "db_key": opened.practice.db_key,  # type: ignore[union-attr]
            "remote": None}  # fmt: skip
    w = MainWindow(opened, practice_dir, info)
    qtbot.addWidget(w)
    assert w.windowTitle() == "Carnet : Cabinet des Tilleuls"


def test_a_secretarys_chart_keeps_its_header_at_the_top(window: MainWindow, qtbot: QtBot):
    """Without the clinical panes the header label took half the page, its text centred
    in it, and the buttons the rest: they floated mid-window (seen logged in as the
    secretary). The header keeps its height; the buttons stay right under it."""
    window.resize(1280, 800)
    search_and_open(qtbot, window, "paul")
    chart = window.chart
    chart.chart_page.layout().activate()
    height = chart.header.height()
    chart.set_clinical(False)
    chart.chart_page.layout().activate()
    assert chart.header.height() == height
    button = chart.identity_button
    below = chart.header.geometry().bottom()
    assert button.mapTo(chart.chart_page, button.rect().topLeft()).y() < below + 60


def test_a_secretary_is_offered_no_lab_result_nor_document(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Both are clinical to the store: the secretary typed a whole lab result and was then
    told her role does not open medical content."""
    search_and_open(qtbot, window, "paul")
    chart = window.chart
    chart.set_clinical(False)
    buttons = (chart.lab_button, chart.document_button, chart.documents_button)
    assert [b.isVisibleTo(window) for b in buttons] == [False, False, False]
    assert chart.identity_button.isVisibleTo(window)
    report = tmp_path / "bilan.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report))])
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    chart.dragEnterEvent(enter)
    assert not enter.isAccepted()  # no file dropped on her chart either
    chart.set_clinical(True)
    assert [b.isVisibleTo(window) for b in buttons] == [True, True, True]


def test_a_name_cut_off_in_the_patient_list_is_whole_in_its_tooltip():
    """Two MEUNIER Hélène told apart only by their birth names, cut off at 400 px."""
    model = PatientModel()
    model.set_rows([{"family_name": "Meunier", "given_names": "Hélène Solange",
                     "birth_name": "Dubois", "birth_date": "1941-06-22", "sex": "F",
                     "phone": None, "city": None}])  # fmt: skip
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "MEUNIER Hélène Solange (born DUBOIS)"  # English: "née DUBOIS" in French
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) is None


def test_the_unlock_dialog_shows_the_whole_login_hint(
    french: None, tasks: Tasks, tmp_path: Path, qtbot: QtBot
) -> None:
    """At 420 px the French hint read "votre identifiant (vide : celui qu'ouvre la phrase
    secr…" (seen on the demo's first screen)."""
    dialog = UnlockDialog(tasks, tmp_path / "cabinet", "Cabinet")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    login = dialog.login
    assert "phrase secrète" in login.placeholderText()
    assert login.width() > login.fontMetrics().horizontalAdvance(login.placeholderText()) + 12


def test_the_birth_name_reads_the_french_way_in_the_list_and_the_chart(
    french: None, window: MainWindow, opened: Tasks, qtbot: QtBot
):
    """The list said "(Le Corre)" and the chart "(née LE CORRE)": one convention now."""
    p = opened.practice
    assert p is not None
    p.create_record("patient", {"family_name": "Martin", "given_names": "Anne", "sex": "F",
                                "birth_name": "Le Corre", "birth_date": "1962-04-01"})  # fmt: skip
    search_and_open(qtbot, window, "anne")
    model = window.patients.model
    names = [model.data(model.index(i, 0), Qt.ItemDataRole.DisplayRole)
             for i in range(model.rowCount())]  # fmt: skip
    assert "MARTIN Anne (née LE CORRE)" in names
    assert "(née LE CORRE)" in window.chart.header.text()
    model.set_rows([{"family_name": "Guérin", "given_names": "Luc", "birth_name": "Guérin",
                     "birth_date": None, "sex": "M", "phone": None, "city": None}])  # fmt: skip
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "GUÉRIN Luc"  # same


def test_a_secretarys_chart_says_why_it_shows_no_medical_content(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Logged in as the secretary, a chart was the identity over a blank page, with no
    word of why nor of where its appointments are."""
    search_and_open(qtbot, window, "paul")
    chart = window.chart
    assert not chart.role_note.isVisibleTo(window)  # a doctor has nothing to be told
    chart.set_clinical(False)
    note = chart.role_note
    assert note.isVisibleTo(window)
    assert "your role does not open it" in note.text() and "agenda (Ctrl+G)" in note.text()
    chart.set_clinical(True)
    assert not note.isVisibleTo(window)


def test_a_secretary_is_not_offered_the_practices_export(window: MainWindow) -> None:
    """Offered in the Practice menu, the export was refused only after she had chosen a
    folder and pressed Export: it holds the clinical content."""
    from PySide6.QtGui import QAction

    export = window.findChild(QAction, "exportPractice")
    assert export is not None and export.isVisible()
    window.info["clinical"] = False
    window._apply_role()
    assert not export.isVisible()
    assert window.findChild(QAction, "importCsv").isVisible()  # type: ignore[union-attr]


def test_a_notes_diagnoses_sit_on_their_headings_line():
    """Seen in the real app: "Diagnostics :" then an empty line, then the list."""
    version = dataclasses.replace(
        models.Version.blank(),
        diagnoses=[{"label": "Angine", "cim10": "J02.9"}, {"label": "Fièvre"}],
    )
    html = consultation_version_html(version)
    assert "<b>Diagnoses:</b> Angine <small>(J02.9)</small>; Fièvre" in html
    assert "<ul" not in html and "<li>" not in html


def test_a_secretary_sees_when_the_patient_is_expected(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    """The third GP pass: a secretary's chart showed none of the patient's appointments
    (they live in the summary, hidden with the medical content)."""
    from desktop.practice import people
    from desktop.practice.store import Practice

    p = opened.practice
    assert p is not None
    people.add_user(p, username="accueil", display_name="Sophie", role="secretary",
                    passphrase="phrase de l'accueil")  # fmt: skip
    [paul] = [r["id"] for r in p.search_patients("paul")]
    p.create_record("appointment", {
        "patient_id": paul, "starts_at": "2031-03-04T09:20", "duration_min": 15,
        "status": "booked", "reason": "Vaccin grippe",
    })  # fmt: skip
    p.close()
    opened.practice = Practice.open(
        practice_dir, passphrase="phrase de l'accueil", username="accueil"
    )
    info = {"practice_name": "Cabinet", "db_key": opened.practice.db_key, "remote": None}
    window = MainWindow(opened, practice_dir, info)
    qtbot.addWidget(window)
    window.show()
    window.chart.set_clinical(False)  # as the app does for her role
    search_and_open(qtbot, window, "paul")
    shown = window.chart.desk_appointments
    assert shown.isVisibleTo(window) and not window.chart.summary.isVisibleTo(window)
    assert "04/03/2031 09:20 Vaccin grippe" in shown.text()
    window.chart.set_clinical(True)
    assert not shown.isVisibleTo(window)  # a doctor reads them in the summary
