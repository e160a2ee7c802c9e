"""What a GP found in a morning with the real app, checked there by keyboard only: a new
patient typed with Tab from the first keystroke (the first field has the focus, Tab goes
in the order shown), a lock that brings the GP back to the chart and the agenda, and
Ctrl+Shift+C for a new consultation."""

from __future__ import annotations

from typing import Any

from tests.helpers.e2e_steps import create_practice, keys_to, subprocess_type, unlock


def test_typed_without_looking_then_locked_and_back(start_app: Any) -> None:
    app = start_app()
    create_practice(app)
    app.stays_up()
    keys_to(app, "Carnet : Cabinet", "ctrl+n")
    app.wait("dialog", name="Nouveau patient")
    app.focused("text", "Nom d'usage")  # the keyboard is in the first field at once
    for typed in ("Garnier", "Roussel", "Elodie"):  # family, birth and given names
        subprocess_type(app, typed)
        app.keys("Tab")
    app.keys("Tab")  # past the sex (shown fourth): the NIR will give it
    subprocess_type(app, "15031985")  # a birth date as eight digits
    app.keys("Tab")
    subprocess_type(app, "2 85 03 75 108 123 95")
    app.screenshot("new-patient-typed")
    assert app.text("text", "Nom d'usage") == "Garnier"
    assert app.text("text", "Nom de naissance") == "Roussel"
    assert app.text("text", "Prénoms") == "Elodie"
    app.keys("ctrl+s")
    app.gone("dialog", name="Nouveau patient")
    app.wait_text("née le 15/03/1985")  # female, from the NIR's first digit
    app.wait_text("GARNIER")

    keys_to(app, "Carnet : Cabinet", "ctrl+g")
    app.wait("filler", name="Agenda")  # a top-level QWidget: a filler
    keys_to(app, "Carnet : Cabinet", "ctrl+l")
    app.wait("dialog", prefix="Carnet : déverrouiller")
    shown = " ".join(app.screen_texts())
    assert "GARNIER" not in shown, "locked, yet on screen"
    unlock(app)
    app.stays_up()
    app.wait_text("née le 15/03/1985")  # the same chart, open again
    app.wait("filler", name="Agenda")  # a top-level QWidget: a filler  # and the agenda
    app.screenshot("back-after-unlock")
    keys_to(app, "Carnet : Cabinet", "ctrl+shift+c")  # a consultation without the mouse
    app.wait("dialog", prefix="Nouvelle consultation")


def test_ctrl_l_in_an_open_consultation_locks_and_keeps_what_was_typed(
    start_app: Any,
) -> None:
    """Ctrl+L pressed in the consultation editor did nothing: the lock's shortcut lived
    in the main window only, and the note stayed on screen for whoever came next."""
    app = start_app()
    create_practice(app)
    app.stays_up()
    keys_to(app, "Carnet : Cabinet", "ctrl+n")
    app.wait("dialog", name="Nouveau patient")
    app.in_window("Nouveau patient").type_into("text", "Nom d'usage", "Garnier")
    app.type_into("text", "Date de naissance (jj/mm/aaaa)", "15/03/1985")
    app.keys("ctrl+s")
    app.in_window(None).gone("dialog", name="Nouveau patient")
    app.wait_text("GARNIER")
    keys_to(app, "Carnet : Cabinet", "ctrl+shift+c")
    app.wait("dialog", prefix="Nouvelle consultation")
    app.focused("text", "Motif")
    subprocess_type(app, "Lombalgie commune")
    keys_to(app, "Nouvelle consultation", "ctrl+l")  # from the editor, not the window
    app.wait("dialog", prefix="Carnet : déverrouiller")
    app.gone("dialog", prefix="Nouvelle consultation")
    assert "Lombalgie commune" not in " ".join(app.screen_texts()), "locked, yet on screen"
    unlock(app)
    app.stays_up()
    app.wait_text("GARNIER")
    keys_to(app, "Carnet : Cabinet", "ctrl+shift+c")
    app.wait("dialog", prefix="Nouvelle consultation")
    assert app.in_window("Nouvelle consultation").text("text", "Motif") == "Lombalgie commune"
