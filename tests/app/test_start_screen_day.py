"""The start screen's appointments of the day: a doctor's or a locum's own (and those
booked for nobody in particular), the whole practice's for the secretary, each with its
practitioner. Seen in the demo: Dr Martin's list held Dr Roux's 23 appointments mixed
with hers, two at 08:30, with nothing to tell whose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.start_screen import StartScreen
from desktop.app.tasks import Tasks
from desktop.practice import people
from desktop.practice.store import Practice

SECRETARY_PASSPHRASE = "phrase de l'accueil"


def _day(tasks: Tasks) -> None:
    """Dr Martin (logged in) and Dr Roux at 08:30, one for nobody at 09:00."""
    p = tasks.practice
    assert p is not None
    roux = p.create_record(
        "user", {"username": "roux", "display_name": "Dr Julien Roux", "role": "locum"}
    )
    people.add_user(p, username="accueil", display_name="Sophie", role="secretary",
                    passphrase=SECRETARY_PASSPHRASE)  # fmt: skip
    today = dt.date.today().isoformat()
    martin, muller, loeuvre = (p.search_patients(n)[0]["id"] for n in ("martin", "müller", "lœ"))
    for pid, who, at in ((martin, p.user_id, "08:30"), (muller, roux, "08:30"),
                         (loeuvre, None, "09:00")):  # fmt: skip
        p.create_record(
            "appointment",
            {"patient_id": pid, "starts_at": f"{today}T{at}", "duration_min": 15,
             "status": "booked", "practitioner_id": who, "reason": "Suivi"},
        )  # fmt: skip


def _shown(tasks: Tasks, qtbot: QtBot) -> tuple[str, list[str]]:
    start = StartScreen(tasks)
    qtbot.addWidget(start)
    with qtbot.waitSignal(start.loaded, timeout=5000):
        start.reload()
    today = start.today
    return start.today_label.text(), [today.item(i).text() for i in range(today.count())]


def test_a_doctor_sees_her_own_day(opened: Tasks, qtbot: QtBot):
    _day(opened)
    title, lines = _shown(opened, qtbot)
    assert "Your appointments today" in title
    assert len(lines) == 2
    assert lines[0].startswith("08:30") and lines[1].startswith("09:00")
    assert not any("Roux" in line for line in lines)


def test_the_secretary_sees_the_whole_practice_with_whose(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
):
    _day(opened)
    assert opened.practice is not None
    opened.practice.close()
    opened.practice = Practice.open(
        practice_dir, passphrase=SECRETARY_PASSPHRASE, username="accueil"
    )
    title, lines = _shown(opened, qtbot)
    assert "Today's appointments" in title
    assert len(lines) == 3
    assert sum("· Dr Julien Roux" in line for line in lines) == 1
    assert lines[2].startswith("09:00") and "·" not in lines[2]  # booked for nobody
