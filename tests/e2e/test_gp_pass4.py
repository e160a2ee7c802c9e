"""What the fourth GP pass found in the real app, checked there: every appointment of a
crowded morning is its own cell of the agenda, which opens by Enter, and its patient's
chart by a button; on a locum's 1280x800 laptop the main window's status bar and the
agenda's buttons are on screen; the practice's name at the first unlock; a short birth
date shown as understood; from one patient to the next by the day's list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import PASSPHRASE, App, Driver, Session, carnet_cli
from tests.helpers.e2e_steps import keys_to, subprocess_type, unlock


@pytest.fixture
def morning(tmp_path: Path) -> Path:
    """A practice with four appointments today: 08:45 for 20 minutes then 09:05 (one
    quarter hour runs into the next), and 10:00 and 10:10 (the same quarter hour)."""
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    from desktop.practice.store import Practice

    today = dt.date.today().isoformat()
    with Practice.open(folder, passphrase=PASSPHRASE) as p:  # no CLI books an appointment
        for family, start in (("Bourgeois", "08:45"), ("Vincent", "09:05"),
                              ("Moreau", "10:00"), ("Henry", "10:10")):  # fmt: skip
            pid = p.create_record(
                "patient", {"family_name": family, "given_names": "Alex", "sex": "M",
                            "birth_date": "1970-01-01"},
            )  # fmt: skip
            p.create_record("appointment", {
                "patient_id": pid, "practitioner_id": p.user_id, "starts_at": f"{today}T{start}",
                "duration_min": 20, "status": "booked", "reason": "Suivi",
            })  # fmt: skip
    return folder


def cell(app: Any, name: str) -> bool:
    return bool(
        app.driver.ask(
            op="wait", pid=app.pid, role="table cell", name=name, enter=["table"], timeout=20
        )  # fmt: skip
    )


def test_each_appointment_of_a_crowded_morning_is_its_own_cell(
    start_app: Any, morning: Path
) -> None:
    app = start_app(morning)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    keys_to(app, "Carnet : Cabinet", "ctrl+g")
    app.wait("filler", name="Agenda")
    # Today's grid opens on the time of day, once loaded (its title is the day's date);
    # the GP goes up to the morning: a cell out of view is off a screen reader's too.
    app.wait("label", name=dt.date.today().strftime("%d/%m/%Y"))
    app.wheel("table", "Rendez-vous", 20)
    for shown in ("08:45 BOURGEOIS Alex (Suivi)", "09:05 VINCENT Alex (Suivi)",
                  "10:00 MOREAU Alex (Suivi)", "10:10 HENRY Alex (Suivi)"):  # fmt: skip
        assert cell(app, shown), f"no cell of its own for {shown!r}"
    app.screenshot("agenda-own-cells")
    app.driver.ask(op="click", pid=app.pid, role="table cell", name="10:10 HENRY Alex (Suivi)",
                   enter=["table"])  # fmt: skip  # selected as a screen reader does
    app.focus("table", "Rendez-vous")
    app.keys("Return")  # opens the one selected
    app.wait("dialog", name="Déplacer le rendez-vous")
    app.in_window("Déplacer le rendez-vous").wait("label", name="HENRY Alex")


@pytest.fixture(scope="module")
def laptop(session: Session, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """A screen of its own, 1280x800 (a locum's laptop), once the suite's is up."""
    small = Session(tmp_path_factory.mktemp("laptop"), screen="1280x800x24")
    yield small
    small.close()


def on_screen(app: App, role: str, **name: str) -> None:
    x, y, width, height = app.extents(role, **name)
    assert 0 <= x <= x + width <= 1280 and 0 <= y <= y + height <= 800, (role, name, x, y)


def test_a_laptop_screen_shows_the_whole_window_and_agenda(
    laptop: Session, shots: Path, morning: Path
) -> None:
    """At 1280x800 the main window (1280x800 inside its frame) put its status bar, where
    the sync says what it does, below the screen's edge."""
    driver = Driver(laptop.env)
    app = App(laptop, driver, morning, shots)
    try:
        app.wait("dialog", prefix="Carnet : déverrouiller")
        unlock(app)
        app.stays_up()
        on_screen(app, "label", prefix="Synchronisation")
        keys_to(app, "Carnet : Cabinet", "ctrl+g")
        app.wait("filler", name="Agenda")
        app.click("radio button", "Semaine")
        for button in ("Nouveau rendez-vous…", "Déplacer…", "Annuler le rendez-vous",
                       "Ouvrir le dossier"):  # fmt: skip
            on_screen(app, "push button", name=button)
        monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        app.wait("label", prefix=monday.strftime("%d/%m/%Y – "))  # the week, loaded
        app.wheel("table", "Rendez-vous", 20)  # up to the morning, whatever the hour
        assert cell(app, "10:10 HENRY Alex (Suivi)")
        app.screenshot("laptop-agenda-week")
        app.driver.ask(op="click", pid=app.pid, role="table cell",
                       name="10:10 HENRY Alex (Suivi)", enter=["table"])  # fmt: skip
        app.click("push button", "Ouvrir le dossier")  # the patient's chart, from the agenda
        app.wait("label", prefix="HENRY Alex")
    finally:
        app.close()
        driver.close()


def test_a_birth_date_typed_short_shows_as_understood(start_app: Any, morning: Path) -> None:
    app = start_app(morning)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    keys_to(app, "Carnet : Cabinet", "ctrl+n")
    app.wait("dialog", name="Nouveau patient")
    app.in_window("Nouveau patient").focus("text", "Date de naissance (jj/mm/aaaa)")
    subprocess_type(app, "5/3/85")
    app.keys("Tab")
    app.wait_text("05/03/1985")  # the date as understood, once the field is left
    assert app.text("text", "Date de naissance (jj/mm/aaaa)") == "05/03/1985"
    app.screenshot("birth-date-understood")


def test_the_first_unlock_after_carnet_init_names_the_practice(
    start_app: Any, session: Session, tmp_path: Path
) -> None:
    """It read the folder's name ('cabinet'; 'demo' after carnet demo)."""
    folder = tmp_path / "cabinet"
    settings = {"XDG_CONFIG_HOME": session.env["XDG_CONFIG_HOME"]}  # the app's own settings
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin",
               env=settings)  # fmt: skip
    app = start_app(folder)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    app.wait("label", name="Cabinet des Tilleuls")
    assert "cabinet" not in app.screen_texts()
    app.screenshot("unlock-names-the-practice")


def test_from_one_patient_to_the_next_by_the_days_list(start_app: Any, morning: Path) -> None:
    """Once a chart was open, nothing led back to the day's appointments but a lock."""
    app = start_app(morning)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    app.focus("list", "Rendez-vous du jour")
    app.keys("Return")  # the first of the day
    app.wait("label", prefix="BOURGEOIS Alex")
    keys_to(app, "Carnet : Cabinet", "ctrl+w")  # Patient > Fermer le dossier
    app.wait("list", name="Rendez-vous du jour")
    app.focused("list", "Rendez-vous du jour")
    listed = app.driver.ask(op="wait", pid=app.pid, role="list item", contains="VINCENT Alex",
                            enter=["list"], timeout=20)  # fmt: skip
    assert listed, "the day's list was not read again"
    app.keys("Return")  # the next one, chosen already
    app.wait("label", prefix="VINCENT Alex")
    app.screenshot("next-patient")
