"""Roles in the real app: a secretary who logs in by name finds the patient, their
identity and appointment, and no clinical text anywhere on screen; the doctor, logged in
after her on the same computer, sees the chart's clinical content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import PASSPHRASE, carnet_cli

SECRETARY = "phrase de la secrétaire"
CLINICAL = ("Asthme instable", "Ventoline", "Pénicilline", "Nouvelle consultation")


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    pid = carnet_cli(
        folder, "patient", "add", "--family-name", "Martin", "--given-name", "Paul",
        "--birth-date", "1950-01-01", "--sex", "M",
    ).split()[-1]  # fmt: skip
    carnet_cli(folder, "note", "add", pid, "--text", "Asthme instable, Ventoline à la demande")
    carnet_cli(folder, "patient", "edit", pid, "--set", "insurance=CPAM de Paris")
    from desktop.practice.store import Practice

    with Practice.open(folder, passphrase=PASSPHRASE) as p:  # no CLI books an appointment
        p.create_record("appointment", {
            "patient_id": pid, "starts_at": "2031-03-04T09:20", "duration_min": 15,
            "status": "booked", "reason": "Vaccin grippe",
        })  # fmt: skip
    secret = tmp_path / "secretary.txt"
    secret.write_text(SECRETARY, encoding="utf-8")
    carnet_cli(folder, "user", "add", "--username", "sylvie", "--display-name", "Sylvie Accueil",
               "--role", "secretary", "--new-passphrase-file", str(secret))  # fmt: skip
    return folder


def log_in(app: Any, login: str, passphrase: str) -> None:
    app.wait("dialog", prefix="Carnet : déverrouiller")
    app.type_into("text", "Identifiant", login)
    app.type_into("password text", "Phrase secrète", passphrase)
    app.click("push button", "Déverrouiller")
    app.stays_up()


def open_martin(app: Any) -> None:
    app.type_into("text", "Rechercher un patient", "martin paul")
    found = app.driver.ask(
        op="wait", pid=app.pid, role="table cell", name="MARTIN Paul", enter=["table"], timeout=20
    )
    assert found, "the search did not list MARTIN Paul"
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", prefix="MARTIN Paul", timeout=20)


def test_a_secretary_sees_no_clinical_text_and_the_doctor_does(
    start_app: Any, practice: Path
) -> None:
    app = start_app(practice)
    log_in(app, "sylvie", SECRETARY)
    open_martin(app)
    shown = " ".join(app.screen_texts())
    assert "MARTIN Paul" in shown
    for clinical in CLINICAL:
        assert clinical not in shown, f"{clinical!r} shown to the secretary"
    app.wait("label", contains="04/03/2031 09:20 Vaccin grippe")  # when Paul is expected
    app.screenshot("secretary-chart")
    app.focus("text", "Rechercher un patient")
    app.keys("ctrl+l")
    log_in(app, "dr.martin", PASSPHRASE)
    open_martin(app)
    app.wait_text("Asthme instable")
    shown = " ".join(app.screen_texts())
    assert "Nouvelle consultation" in shown
