"""A small demo practice with the cases the generator never makes: a document, a
deleted patient, a non-qualified identity, a revised note, a departed user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.demo import loader as demo_loader
from desktop.practice import bulk_reads
from desktop.practice.store import Practice
from tests.helpers.interop import PDF
from tests.helpers.practice import PASSPHRASE


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Practice]:
    folder = tmp_path / "demo"
    demo_loader.make_demo(folder, PASSPHRASE, patients=40, seed=3, today=dt.date(2026, 11, 28))
    with Practice.open(folder, passphrase=PASSPHRASE) as practice:
        patients = list(bulk_reads.records(practice, "patient"))
        first, second, third = patients[0]["id"], patients[1]["id"], patients[2]["id"]
        letter = practice.add_document(
            first,
            PDF,
            title="Courrier du cardiologue",
            filename="courrier.pdf",
            mime="application/pdf",
            kind="letter",
        )
        # Schema 3's fields: a treatment's course and stop reason, a vaccination's dose,
        # route and site, lab results (a number with its range, a text, from a letter).
        practice.create_record(
            "treatment",
            {"patient_id": first, "drug": "Amoxicilline 1 g", "started": "2026-01-05",
             "stopped": "2026-01-08", "stop_reason": "Éruption", "long_term": False},
        )  # fmt: skip
        practice.create_record(
            "vaccination",
            {"patient_id": first, "vaccine": "Prevenar 13", "given_on": "2025-11-03",
             "dose_number": 2, "route": "IM", "site": "deltoïde gauche"},
        )  # fmt: skip
        practice.create_record(
            "vaccination",
            {"patient_id": first, "vaccine": "Fluenz", "given_on": "2025-10-01", "route": "nasal"},
        )
        practice.create_record(
            "lab_result",
            {"patient_id": first, "analyte": "Hémoglobine", "value": 11.2, "unit": "g/dL",
             "ref_low": 12.0, "ref_high": 16.0, "taken_on": "2026-02-10",
             "document_id": letter},
        )  # fmt: skip
        practice.create_record(
            "lab_result",
            {"patient_id": first, "analyte": "Antigène SARS-CoV-2", "value_text": "négatif",
             "ref_text": "négatif", "taken_on": "2026-02-11"},
        )  # fmt: skip
        # "Asked, no known allergy": a statement of its own (a SNOMED code in FHIR).
        unasked = next(p["id"] for p in patients[3:] if not practice.chart(p["id"]).allergies)
        practice.create_record("allergy", {"patient_id": unasked, "kind": "none_known"})
        practice.update_record("patient", second, {"ins_status": "provisoire"})
        practice.delete_record("patient", third)
        cid, _ = practice.add_consultation(
            first, reason="Toux", text="Toux sèche.", weight_kg=70, head_circumference_cm=57.0
        )
        practice.revise_consultation(cid, text="Toux sèche depuis 3 jours.")
        leaver = practice.create_record(
            "user", {"username": "ancien", "display_name": "Dr Parti", "role": "locum"}
        )
        practice.delete_record("user", leaver)
        practice.update_record(
            "practice", practice.practice_id, {"city": "Lyon", "finess": "690000001"}
        )
        yield practice


