"""A consultation as a GP writes it, and the chart that shows it: every field typed comes
back in the detail, French numbers and dates, Cancel that keeps (or discards) the draft,
Ctrl+S, the chart's sections edited in place, and the start screen."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.allergy_dialog import AllergyDialog
from desktop.app.consultation import ConsultationEditor, draft_name
from desktop.app.record_dialogs import ProblemDialog
from desktop.app.tasks import Tasks
from desktop.app.vitals import young_child
from desktop.app.window import MainWindow
from desktop.practice.drafts import DraftStore
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import consultation_opened, search_and_open, type_text


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def ctrl_s(qtbot: QtBot, dialog: QWidget) -> None:
    """Ctrl+S as typed: a shortcut needs its window active."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClick(
        dialog.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )


def open_editor(qtbot: QtBot, w: MainWindow, name: str) -> ConsultationEditor:
    search_and_open(qtbot, w, name)
    w.new_consultation(w.chart.chart.id)  # type: ignore[union-attr]
    return consultation_opened(qtbot, w)


def test_everything_typed_is_saved_and_shown(
    french: None,
    window: MainWindow,
    practice_dir: Path,
    qtbot: QtBot,
):
    editor = open_editor(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    type_text(editor.reason, "Fièvre")
    editor.text.setPlainText("Fièvre depuis 2 jours.\nPas de toux.\nGorge rouge.")
    editor.soap["soap_p"].setPlainText("Paracétamol\nRevoir si > 3 jours")
    for name, typed in (
        ("temperature_c", "38.5"),  # a dot: the bug was 38.0
        ("weight_kg", "58,1"),
        ("height_cm", "170"),
        ("bp_sys", "135"),
        ("bp_dia", "85"),
        ("pulse", "92"),
        ("spo2", "97"),
    ):
        type_text(editor.vitals.edits[name], typed)
    type_text(editor.diagnoses, "Angine (J02.9); Fièvre (R50.9)")
    assert editor.vitals.bmi.text() == "IMC : 20,1"
    with qtbot.waitSignal(editor.saved, timeout=5000):
        ctrl_s(qtbot, editor)
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        v = fresh.chart(pid).consultations[0].current
    assert (v.temperature_c, v.weight_kg, v.pulse, v.spo2) == (38.5, 58.1, 92, 97)
    assert v.text == "Fièvre depuis 2 jours.\nPas de toux.\nGorge rouge."
    assert v.diagnoses == [
        {"label": "Angine", "cim10": "J02.9"},
        {"label": "Fièvre", "cim10": "R50.9"},
    ]
    qtbot.waitUntil(lambda: window.chart.timeline.topLevelItemCount() == 1, timeout=5000)
    window.chart.timeline.setCurrentItem(window.chart.timeline.topLevelItem(0))
    detail = window.chart.detail.toPlainText()
    for expected in (
        "Motif : Fièvre",
        "Fièvre depuis 2 jours.\nPas de toux.\nGorge rouge.",
        "P (plan)\nParacétamol\nRevoir si > 3 jours",
        "TA 135/85 mmHg",
        "T° 38,5 °C",
        "Poids 58,1 kg",
        "Taille 170 cm",
        "Pouls 92 /min",
        "SpO2 97 %",
        "IMC 20,1",
        "Angine (J02.9)",
        "Fièvre (R50.9)",
    ):
        assert expected in detail, expected
    summary = window.chart.summary.toPlainText()
    today = dt.date.today().strftime("%d/%m/%Y")
    assert f"T° 38,5 °C ({today})" in summary
    assert f"Poids 58,1 kg ({today})" in summary


def test_a_vital_that_is_not_a_number_is_refused_not_rounded(
    french: None,
    window: MainWindow,
    practice_dir: Path,
    qtbot: QtBot,
):
    editor = open_editor(qtbot, window, "paul")
    type_text(editor.reason, "Fièvre")
    type_text(editor.vitals.edits["temperature_c"], "38,5,2")
    type_text(editor.vitals.edits["pulse"], "72,5")
    assert "n'est pas un nombre" in editor.vitals.problems.text()
    editor.save()
    assert "corrigez" in editor.status.text()
    assert "entier" in editor.status.text()
    assert editor.buttons.isEnabled()
    pid = window.chart.chart.id  # type: ignore[union-attr]
    assert window.tasks.practice.chart(pid).consultations == ()  # type: ignore[union-attr]


def test_cancel_asks_and_keeps_the_draft_the_chart_shows_it(
    french: None,
    window: MainWindow,
    qtbot: QtBot,
):
    editor = open_editor(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    type_text(editor.reason, "Lombalgie")
    type_text(editor.vitals.edits["temperature_c"], "37,2")
    editor.buttons.rejected.emit()  # Cancel
    box = editor.draft_question
    assert box is not None and box.isVisible()
    assert editor.isVisible()  # nothing closed before the answer
    editor.keep_button.click()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: window.chart.draft_box.isVisible(), timeout=5000)
    assert "Lombalgie" in window.chart.draft_label.text()
    assert window.drafts.load(draft_name(pid))["temperature_c"] == 37.2  # type: ignore[index]

    window.chart.draft_button.click()  # resume: the draft comes back
    again = consultation_opened(qtbot, window)
    assert again.reason.text() == "Lombalgie"
    assert again.vitals.edits["temperature_c"].text() == "37,2"
    qtbot.keyClick(again, Qt.Key.Key_Escape)  # Escape asks too
    assert again.draft_question is not None
    again.discard_button.click()
    qtbot.waitUntil(lambda: not window.chart.draft_box.isVisible(), timeout=5000)
    assert window.drafts.load(draft_name(pid)) is None


@pytest.fixture
def draft_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every draft decrypted: (its name, whether on the UI thread)."""
    seen: list[tuple[str, bool]] = []
    real = DraftStore.load

    def load(self: DraftStore, name: str) -> dict[str, object] | None:
        seen.append((name, threading.current_thread() is threading.main_thread()))
        return real(self, name)

    monkeypatch.setattr(DraftStore, "load", load)
    return seen


def test_a_resumed_draft_is_decrypted_on_the_worker_and_the_editor_opens_filled(
    window: MainWindow, qtbot: QtBot, draft_reads: list[tuple[str, bool]],
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    editor = open_editor(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    type_text(editor.reason, "Lombalgie")
    editor.close()  # keeps the draft
    qtbot.waitUntil(lambda: window.chart.draft_box.isVisible(), timeout=5000)
    at_show: list[str] = []
    real_show = ConsultationEditor.show
    monkeypatch.setattr(
        ConsultationEditor, "show", lambda e: (at_show.append(e.reason.text()), real_show(e))
    )
    draft_reads.clear()
    window.chart.draft_button.click()  # resume
    again = consultation_opened(qtbot, window)
    assert at_show == ["Lombalgie"]  # filled before it shows: nothing typed is overwritten
    assert (draft_name(pid), False) in draft_reads  # read on the worker
    assert not [name for name, on_ui in draft_reads if on_ui]  # never on the UI thread
    type_text(again.reason, " aiguë")  # the GP types at once
    drained: list[bool] = []
    window.tasks.db(lambda p: None, on_done=lambda _: drained.append(True))
    qtbot.waitUntil(lambda: drained == [True], timeout=5000)  # every reply delivered
    assert again.reason.text() == "Lombalgie aiguë"
    assert not [name for name, on_ui in draft_reads if on_ui]


def test_an_amendment_draft_is_read_on_the_worker(
    window: MainWindow, qtbot: QtBot, draft_reads: list[tuple[str, bool]]
):
    search_and_open(qtbot, window, "muller")  # has one consultation: "Toux sèche"
    draft_reads.clear()
    window.chart.amend_button.click()
    editor = consultation_opened(qtbot, window.chart)
    assert editor.text.toPlainText() == "Toux sèche"
    amendment = [on_ui for name, on_ui in draft_reads if name.startswith("consultation-amend:")]
    assert amendment == [False]  # its draft, read once, on the worker
    assert not [name for name, on_ui in draft_reads if on_ui]  # (the chart's own check too)


def test_a_lock_while_the_draft_loads_opens_no_editor(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "paul")
    before = getattr(window, "editor", None)
    window.new_consultation(window.chart.chart.id)  # type: ignore[union-attr]
    window.lock()  # before the draft's answer: nothing may open over the unlock
    drained: list[bool] = []
    window.tasks.db(lambda p: None, on_done=lambda _: drained.append(True))
    qtbot.waitUntil(lambda: drained == [True], timeout=5000)
    assert getattr(window, "editor", None) is before
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ConsultationEditor)]


def test_continue_writing_leaves_the_editor_open(window: MainWindow, qtbot: QtBot):
    editor = open_editor(qtbot, window, "paul")
    type_text(editor.reason, "Toux")
    editor.cancel()
    editor.back_button.click()
    assert editor.isVisible() and editor.reason.text() == "Toux"


def test_header_born_and_age_in_months(
    french: None,
    window: MainWindow,
    opened: Tasks,
    qtbot: QtBot,
):
    p = opened.practice
    assert p is not None
    born = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    pid = p.create_record(
        "patient",
        {"family_name": "Petit", "given_names": "Léa", "sex": "F", "birth_date": born,
         "birth_name": "Grand"},
    )  # fmt: skip
    window.open_chart(pid)
    qtbot.waitUntil(lambda: window.chart.chart is not None, timeout=5000)
    header = window.chart.header.text()
    assert "née GRAND" in header
    assert f"née le {dt.date.fromisoformat(born).strftime('%d/%m/%Y')}" in header
    assert "13 mois" in header
    assert "Femme" in header


def test_problems_with_french_dates_edited_resolved_and_deleted(
    french: None,
    window: MainWindow,
    practice_dir: Path,
    qtbot: QtBot,
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    qtbot.mouseClick(window.chart.problem_button, Qt.MouseButton.LeftButton)
    add = window.editor
    assert isinstance(add, ProblemDialog)
    add.edits["label"].setText("Appendicectomie")
    add.kind.setCurrentIndex(add.kind.findData("surgical"))
    add.edits["onset"].setText("2026-13-01")
    add.save()
    assert add.error.text()  # a wrong date is said, not written
    add.edits["onset"].setText("1975")
    with qtbot.waitSignal(add.saved, timeout=5000):
        ctrl_s(qtbot, add)
    qtbot.waitUntil(lambda: bool(window.chart.chart.problems), timeout=5000)  # type: ignore[union-attr]
    summary = window.chart.summary.toPlainText()
    assert "Appendicectomie" in summary and "Chirurgical" in summary and "depuis 1975" in summary

    problem_id = window.chart.chart.problems[0].id  # type: ignore[union-attr]
    window.chart.summary.anchorClicked.emit(QUrl(f"problem:{problem_id}"))
    edit = window.chart.dialog
    assert isinstance(edit, ProblemDialog)
    assert edit.edits["onset"].text() == "1975"
    edit.edits["resolved"].setText("06/1975")
    edit.edits["onset"].setText("05/1975")
    with qtbot.waitSignal(edit.saved, timeout=5000):
        edit.save()
    qtbot.waitUntil(lambda: "résolu 06/1975" in window.chart.summary.toPlainText(), timeout=5000)
    assert "Antécédents résolus" in window.chart.summary.toPlainText()

    window.chart.summary.anchorClicked.emit(QUrl(f"problem:{problem_id}"))
    delete = window.chart.dialog
    assert isinstance(delete, ProblemDialog) and delete.delete_button is not None
    delete.delete_button.click()
    assert delete.confirm is not None
    with qtbot.waitSignal(delete.saved, timeout=5000):
        delete.confirm.button(delete.confirm.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not window.chart.chart.problems, timeout=5000)  # type: ignore[union-attr]
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:  # a tombstone
        (row,) = fresh.chart(pid, include_deleted=True).problems
        assert (row.deleted, row.onset, row.resolved) == (True, "1975-05", "1975-06")


def test_allergy_severity_in_the_header_and_edited(
    french: None,
    window: MainWindow,
    qtbot: QtBot,
):
    search_and_open(qtbot, window, "muller")
    allergy_id = window.chart.chart.allergies[0].id  # type: ignore[union-attr]
    window.chart.summary.anchorClicked.emit(QUrl(f"allergy:{allergy_id}"))
    dialog = window.chart.dialog
    assert isinstance(dialog, AllergyDialog)
    assert dialog.edits["substance"].text() == "Pénicilline"
    dialog.edits["reaction"].setText("urticaire")
    dialog.severity.setCurrentText("sévère")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    qtbot.waitUntil(
        lambda: "Pénicilline (urticaire, sévère)" in window.chart.header.text(), timeout=5000
    )


def test_start_screen_shows_today_and_recent_charts(
    window: MainWindow,
    opened: Tasks,
    qtbot: QtBot,
):
    p = opened.practice
    assert p is not None
    martin = p.search_patients("martin")[0]["id"]
    today = dt.date.today().isoformat()
    p.create_record(
        "appointment",
        {"patient_id": martin, "starts_at": f"{today}T09:30", "duration_min": 15,
         "reason": "Renouvellement", "status": "booked"},
    )  # fmt: skip
    search_and_open(qtbot, window, "muller")
    start = window.chart.start
    with qtbot.waitSignal(start.loaded, timeout=5000):
        window.chart.show_chart(None)  # back to the start screen
    assert window.chart.pages.currentWidget() is start
    assert "09:30  MARTIN Paul — Renouvellement" in start.today.item(0).text()
    assert start.recent.item(0).text().startswith("MÜLLER Hélène")
    with qtbot.waitSignal(window.chart.open_patient, timeout=5000):
        start.today.itemActivated.emit(start.today.item(0))
    qtbot.waitUntil(
        lambda: window.chart.chart is not None and window.chart.chart.id == martin, timeout=5000
    )
    assert QApplication.instance() is not None


def test_a_lock_leaves_no_name_on_the_start_screen(window: MainWindow, opened: Tasks, qtbot: QtBot):
    search_and_open(qtbot, window, "muller")
    start = window.chart.start
    window.lock()
    for _ in range(3):  # the reload the lock would have scheduled, and its answer
        QApplication.processEvents()
        opened.db(lambda p: None).result(timeout=5)
    QApplication.processEvents()
    assert start.today.count() == 0 and start.recent.count() == 0


def test_amend_a_signed_consultation_is_a_new_version(
    french: None,
    window: MainWindow,
    practice_dir: Path,
    qtbot: QtBot,
):
    search_and_open(qtbot, window, "muller")  # has one consultation: "Toux sèche"
    pid = window.chart.chart.id  # type: ignore[union-attr]
    assert window.chart.timeline.currentItem() is window.chart.timeline.topLevelItem(0)
    assert "Toux sèche" in window.chart.detail.toPlainText()  # the newest entry, shown
    assert window.chart.amend_button.isEnabled()
    window.chart.amend_button.click()
    editor = consultation_opened(qtbot, window.chart)
    assert "Amend" in editor.windowTitle()
    assert editor.text.toPlainText() == "Toux sèche"  # starts from the signed text
    assert editor.vitals.edits["weight_kg"].text() == "60"
    editor.save()
    assert "aucune" in editor.status.text().lower()  # nothing changed: no empty version
    editor.text.setPlainText("Toux sèche.\nAuscultation normale, revu à J3.")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        ctrl_s(qtbot, editor)
    qtbot.waitUntil(
        lambda: len(window.chart.chart.consultations[0].versions) == 2,  # type: ignore[union-attr]
        timeout=5000,
    )
    item = window.chart.timeline.topLevelItem(0)
    assert item is not None and item.text(2) == "2"
    window.chart.timeline.setCurrentItem(item)
    detail = window.chart.detail.toPlainText()
    assert "version 2 sur 2" in detail and "version 1 sur 2" in detail
    assert detail.index("revu à J3") < detail.index("version 1 sur 2")  # newest first
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        versions = fresh.chart(pid).consultations[0].versions
    assert [v.text for v in versions] == [
        "Toux sèche",
        "Toux sèche.\nAuscultation normale, revu à J3.",
    ]
    assert versions[1].parent_id == versions[0].id and versions[1].weight_kg == 60


def test_a_new_patient_born_22_06_1941_typed_the_french_way(
    french: None, opened: Tasks, qtbot: QtBot
):
    from desktop.app.new_patient import NewPatientDialog

    dialog = NewPatientDialog(opened, name="Durand Lucie")
    qtbot.addWidget(dialog)
    dialog.edits["birth_date"].setText("22 juin")
    dialog.buttons.accepted.emit()  # refused in words by the store, not a crash
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert dialog.error.text() == (
        "Date de naissance : cette valeur n'est pas valide ; tapez une date comme 22/06/1941."
    )
    dialog.edits["birth_date"].setText("22/06/1941")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.buttons.accepted.emit()
    patient = opened.db(lambda p: p.patient(saved.args[0])).result(timeout=5)
    assert patient["birth_date"] == "1941-06-22"


def test_enter_in_the_reason_moves_on_and_never_saves(window: MainWindow, qtbot: QtBot):
    editor = open_editor(qtbot, window, "paul")
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=5000)
    editor.reason.setFocus()
    type_text(editor.reason, "Renouvellement")
    qtbot.keyClick(editor.reason, Qt.Key.Key_Return)
    assert editor.isVisible() and not editor._saved
    assert editor.focusWidget() is editor.text  # the note, next in the form


def test_tab_goes_from_the_reason_to_the_note_and_on_to_the_vitals(
    window: MainWindow, qtbot: QtBot
):
    editor = open_editor(qtbot, window, "paul")
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=5000)
    editor.reason.setFocus()
    qtbot.keyClick(editor.reason, Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.text  # not the Free text / SOAP tab bar
    type_text(editor.text, "Toux")
    qtbot.keyClick(editor.text, Qt.Key.Key_Tab)
    assert editor.text.toPlainText() == "Toux"  # no tab character typed
    assert editor.focusWidget() is not editor.text  # on to the next field


def test_a_head_circumference_is_asked_of_a_young_child_only(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    """An adult's note has no head circumference field; a two-year-old's has; an adult's
    note amended that holds one keeps it (nothing typed is hidden)."""
    two = dt.date.today().replace(day=1) - dt.timedelta(days=2 * 366)
    practice = opened.practice
    assert practice is not None
    practice.create_record(
        "patient", {"family_name": "Petit", "given_names": "Léo", "birth_date": two.isoformat()}
    )
    field = "head_circumference_cm"
    adult = open_editor(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    assert not adult.vitals.edits[field].isVisible() and adult.vitals.edits["weight_kg"].isVisible()
    assert not adult.vitals.labels[field].isVisible()
    adult.close()
    window.patients.search.clear()
    search_and_open(qtbot, window, "petit")
    qtbot.waitUntil(lambda: window.chart.chart.family_name == "Petit", timeout=5000)  # type: ignore[union-attr]
    window.new_consultation(window.chart.chart.id)  # type: ignore[union-attr]
    child = consultation_opened(qtbot, window)
    assert child.vitals.edits[field].isVisible() and child.vitals.labels[field].isVisible()
    type_text(child.reason, "Suivi")
    type_text(child.vitals.edits[field], "48,5")
    with qtbot.waitSignal(child.saved, timeout=5000):
        child.save()
    practice.add_consultation(pid, reason="Mesure", head_circumference_cm=57.0)
    window.open_chart(pid)
    qtbot.waitUntil(lambda: window.chart.chart.id == pid, timeout=5000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.chart.timeline.topLevelItemCount() == 1, timeout=5000)
    window.chart.timeline.setCurrentItem(window.chart.timeline.topLevelItem(0))
    window.chart.amend_selected()
    amending = consultation_opened(qtbot, window.chart)
    assert amending.vitals.edits[field].isVisible()
    assert amending.vitals.edits[field].text() == "57"


def test_young_child_is_under_six_on_the_day_and_unknown_ages_are_asked():
    assert young_child("2021-06-15", dt.date(2027, 6, 14))
    assert not young_child("2021-06-15", dt.date(2027, 6, 15))
    assert young_child(None, dt.date(2027, 6, 15))  # unknown: the field is offered
    assert young_child("1950", dt.date(2027, 6, 15))  # a partial date: offered too


def test_enter_on_a_consultation_of_the_timeline_opens_it_to_amend(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Enter and a double click on a timeline entry did nothing: at the keyboard, the GP
    had to Tab across the chart to the Amend button."""
    search_and_open(qtbot, window, "muller")  # one consultation: "Toux sèche"
    timeline = window.chart.timeline
    timeline.setFocus()
    timeline.setCurrentItem(timeline.topLevelItem(0))
    qtbot.keyClick(timeline, Qt.Key.Key_Return)
    editor = consultation_opened(qtbot, window.chart)
    assert "Amend" in editor.windowTitle()
    assert editor.text.toPlainText() == "Toux sèche"


def test_an_amendment_closed_unchanged_asks_nothing(window: MainWindow, qtbot: QtBot) -> None:
    """Opened to read and closed by Escape, an amendment asked 'This consultation is not
    saved. Keep it as a draft?' about a consultation saved long ago (and said its draft
    would come back in a new consultation)."""
    search_and_open(qtbot, window, "muller")  # one consultation: "Toux sèche"
    window.chart.amend_button.click()
    editor = consultation_opened(qtbot, window.chart)
    editor.cancel()
    assert getattr(editor, "draft_question", None) is None and not editor.isVisible()
    window.chart.amend_button.click()
    editor = consultation_opened(qtbot, window.chart)
    editor.text.setPlainText("Toux sèche, revu à J3.")
    editor.cancel()  # changed: asked, about this amendment
    box = editor.draft_question
    assert box is not None and "amend this consultation again" in box.informativeText()
    editor.back_button.click()
