"""Loading the synthetic demo practice (desktop.demo.generator) into a store."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

from desktop.practice.keyfile import KeyFile
from desktop.practice.store import Practice

DEMO_PRACTICE = "Cabinet médical des Tilleuls (démo)"
DEMO_USER = "demo"


def make_demo(
    folder: Path,
    passphrase: str,
    *,
    patients: int,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Create (or add to) a demo practice; returns the number of records imported."""
    from desktop.demo.generator import generate

    if KeyFile.exists(folder):
        practice = Practice.open(folder, passphrase=passphrase)
    else:
        practice = Practice.create(
            folder,
            practice_name=DEMO_PRACTICE,
            username=DEMO_USER,
            passphrase=passphrase,
            display_name="Dr Claire Martin",
        )
    with practice:
        doctors = [u["id"] for u in practice.users() if u["role"] in ("doctor", "locum")]
        if len(doctors) < 2:
            doctors.append(
                practice.create_record(
                    "user",
                    {"username": "remplacant", "display_name": "Dr Julien Roux", "role": "locum"},
                )
            )
            practice.create_record(
                "user", {"username": "secretariat", "display_name": "Sophie", "role": "secretary"}
            )
        records = generate(patients, seed, doctor_ids=doctors, today=today or dt.date.today())
        return practice.import_records(records, progress=progress)


class ProgressPrinter:
    """Prints "N records (rate/s)" on one terminal line."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def __call__(self, count: int) -> None:
        rate = count / max(time.monotonic() - self.start, 1e-6)
        print(f"\r{count:>10,} records  ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        print(file=sys.stderr)
