"""Make the database fixture of the current schema version (Electrum's idea: keep a
practice made by every released schema and test that each still opens and upgrades).

    python -m tests.data.make_fixtures   # writes tests/data/schema-<N>/ once per version
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["CARNET_INSECURE_FAST_KDF"] = "1"

from desktop.practice.migrations import SCHEMA_VERSION
from desktop.practice.store import Practice

PASSPHRASE = "fixture passphrase"


def main() -> int:
    folder = Path(__file__).parent / f"schema-{SCHEMA_VERSION}"
    if folder.exists():
        print(f"{folder} exists: fixtures of a released schema never change", file=sys.stderr)
        return 1
    with Practice.create(
        folder, practice_name="Cabinet Fixture", username="dr", passphrase=PASSPHRASE
    ) as p:
        pid = p.create_record(
            "patient",
            {
                "family_name": "Lefèvre",
                "given_names": "Anaïs",
                "birth_date": "1979-04-03",
                "sex": "F",
            },
        )
        p.update_record("patient", pid, {"phone": "06 10 20 30 40"})
        cid, _ = p.add_consultation(pid, reason="Angine", text="Angine érythémateuse.")
        p.revise_consultation(cid, text="Angine érythémateuse. TDR négatif.")
        p.add_prescription(
            pid,
            [
                {
                    "drug": "Paracétamol 1 g",
                    "dosage": "1 cp x3/j",
                    "duration": "5 jours",
                    "quantity": "1 boîte",
                }
            ],
        )
        doc = p.add_document(pid, b"lettre de liaison", title="Lettre", filename="lettre.txt")
        # Schema 3: a treatment's course and stop reason, a vaccination's dose, route and
        # site, a child's head circumference, a lab result with its document.
        p.create_record(
            "treatment",
            {
                "patient_id": pid, "drug": "Amoxicilline 1 g", "started": "2026-01-05",
                "stopped": "2026-01-08", "stop_reason": "Éruption cutanée", "long_term": False,
            },
        )  # fmt: skip
        p.create_record(
            "vaccination",
            {
                "patient_id": pid, "vaccine": "Boostrixtetra", "given_on": "2025-11-03",
                "lot": "AB123", "dose_number": 2, "route": "IM", "site": "deltoïde gauche",
            },
        )  # fmt: skip
        p.add_consultation(
            pid, started_at="2020-01-06T10:00", reason="Croissance", head_circumference_cm=35.5
        )
        p.create_record(
            "lab_result",
            {
                "patient_id": pid, "analyte": "Hémoglobine", "value": 13.2, "unit": "g/dL",
                "ref_low": 12.0, "ref_high": 16.0, "taken_on": "2026-02-10", "document_id": doc,
            },
        )  # fmt: skip
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
