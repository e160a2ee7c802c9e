"""What the fourth GP pass found in the real app, checked there: every appointment of a
crowded morning is its own cell of the agenda, which opens by Enter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import PASSPHRASE, carnet_cli
from tests.helpers.e2e_steps import keys_to, unlock


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
