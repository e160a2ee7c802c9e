"""Roles are enforced in the record API: a practice opened for a secretary refuses
every read and write of clinical content, whatever calls it; a doctor's or a valid
locum's is not restricted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.output import exit_code
from desktop.practice import errors, people
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE

SECRETARY_PASS = "front desk passphrase"
LOCUM_PASS = "locum passphrase 1"
NOTE = "Angine érythémateuse, TDR positif"


@pytest.fixture
def office(practice: Practice) -> dict[str, str]:
    """A practice with a chart holding every kind of clinical record, and a secretary
    and a locum with logins on this computer."""
    p = practice
    pid = p.create_record(
        "patient", {"family_name": "Lefèvre", "given_names": "Anaïs", "birth_date": "1979-04-03"}
    )
    ids = {"patient": pid}
    ids["problem"] = p.create_record("problem", {"patient_id": pid, "label": "Asthme"})
    ids["allergy"] = p.create_record("allergy", {"patient_id": pid, "substance": "Pénicilline"})
    ids["treatment"] = p.create_record("treatment", {"patient_id": pid, "drug": "Ventoline"})
    ids["vaccination"] = p.create_record("vaccination", {"patient_id": pid, "vaccine": "DTP"})
    ids["consultation"], ids["version"] = p.add_consultation(pid, reason="Angine", text=NOTE)
    ids["prescription"], _ = p.add_prescription(pid, [{"drug": "Amoxicilline 1 g"}])
    ids["document"] = p.add_document(
        pid, b"resultats: CRP 42", title="Biologie", filename="bio.txt", kind="result"
    )
    ids["appointment"] = p.create_record(
        "appointment", {"patient_id": pid, "starts_at": "2026-12-02T09:00", "reason": "Suivi"}
    )
    people.add_user(
        p, username="sec", display_name="Sylvie Accueil", role="secretary",
        passphrase=SECRETARY_PASS,
    )
    people.add_user(
        p, username="remp", display_name="Dr Remplaçant", role="locum",
        passphrase=LOCUM_PASS, until="2999-12-31",
    )
    return ids


@pytest.fixture
def secretary(office: dict[str, str], practice: Practice, practice_dir: Path) -> Iterator[Practice]:
    with Practice.open(practice_dir, passphrase=SECRETARY_PASS, username="sec") as p:
        yield p


CLINICAL_CALLS: dict[str, Callable[[Practice, dict[str, str]], Any]] = {
    "chart": lambda p, i: p.chart(i["patient"]),
    "read problem": lambda p, i: p.get("problem", i["problem"]),
    "read allergy": lambda p, i: p.get("allergy", i["allergy"]),
    "read treatment": lambda p, i: p.records("treatment", patient_id=i["patient"]),
    "read vaccination": lambda p, i: p.get("vaccination", i["vaccination"]),
    "read consultation": lambda p, i: p.get("consultation", i["consultation"]),
    "read note version": lambda p, i: p.get("consultation_version", i["version"]),
    "read prescription": lambda p, i: p.get("prescription", i["prescription"]),
    "read document": lambda p, i: p.get("document", i["document"]),
    "document content": lambda p, i: p.document_content(i["document"]),
    # an entity added by schema 3, refused with no change to roles.py: the schema's flag
    "lab results": lambda p, i: p.records("lab_result", patient_id=i["patient"]),
    "note search": lambda p, i: p.search_notes("angine"),
    "write problem": lambda p, i: p.create_record(
        "problem", {"patient_id": i["patient"], "label": "HTA"}
    ),
    "edit allergy": lambda p, i: p.update_record("allergy", i["allergy"], {"reaction": "x"}),
    "delete treatment": lambda p, i: p.delete_record("treatment", i["treatment"]),
    "write consultation": lambda p, i: p.add_consultation(i["patient"], text="x"),
    "revise note": lambda p, i: p.revise_consultation(i["consultation"], text="x"),
    "write prescription": lambda p, i: p.add_prescription(i["patient"], [{"drug": "x"}]),
    "add document": lambda p, i: p.add_document(i["patient"], b"x", title="t", filename="f"),
}


@pytest.mark.parametrize("call", list(CLINICAL_CALLS), ids=list(CLINICAL_CALLS))
def test_a_secretary_is_refused_every_clinical_read_and_write(
    secretary: Practice, office: dict[str, str], call: str
):
    before = secretary.counts()
    with pytest.raises(errors.RoleError) as refused:
        CLINICAL_CALLS[call](secretary, office)
    message = str(refused.value)
    assert "secretary" in message and exit_code(refused.value) == 6
    for content in ("Asthme", "Pénicilline", "Angine", "CRP", "Lefèvre", "Amoxicilline"):
        assert content not in message
    assert secretary.counts() == before  # a refused write wrote nothing


def test_a_secretary_works_on_identity_contact_insurance_and_the_agenda(
    secretary: Practice, office: dict[str, str]
):
    pid = office["patient"]
    assert secretary.role == "secretary" and not secretary.may_read_clinical
    assert secretary.patient(pid)["family_name"] == "Lefèvre"
    secretary.update_record("patient", pid, {"phone": "06 11 22 33 44", "insurance": "CPAM 75"})
    assert [h["id"] for h in secretary.search_patients("lefevre")] == [pid]
    new = secretary.create_record("patient", {"family_name": "Martin", "birth_date": "1990-02-03"})
    secretary.create_record(
        "appointment", {"patient_id": new, "starts_at": "2026-12-02T10:00", "reason": "Vaccin"}
    )
    day = secretary.appointments_between("2026-12-02T00:00", "2026-12-03T00:00")
    assert [a.patient_id for a in day] == [pid, new]
    assert {u["username"] for u in secretary.users()} == {"dr", "sec", "remp"}
    assert secretary.counts()["consultation"] == 1  # numbers, not content


def test_the_sync_replica_still_moves_clinical_records_for_a_secretary(secretary: Practice):
    moved = {c.entity for c in StoreReplica(secretary.session).export_state()}
    assert {"consultation_version", "problem", "document"} <= moved
    with pytest.raises(errors.RoleError):  # and the person's own reads stay refused
        secretary.get("problem", next(iter(secretary.records("patient")))["id"])


def test_a_doctor_and_a_valid_locum_read_and_write_clinical_content(
    office: dict[str, str], practice: Practice, practice_dir: Path
):
    practice.close()
    for user, passphrase in (("dr", PASSPHRASE), ("remp", LOCUM_PASS)):
        with Practice.open(practice_dir, passphrase=passphrase, username=user) as p:
            assert p.may_read_clinical and p.role in ("doctor", "locum")
            chart = p.chart(office["patient"])
            assert NOTE in [c.current.text for c in chart.consultations]
            assert p.document_content(office["document"]) == b"resultats: CRP 42"
            assert [h["patient_id"] for h in p.search_notes("angine")] == [office["patient"]]
            p.add_consultation(office["patient"], text=f"Revu par {user}")


def test_only_a_doctor_manages_users(secretary: Practice):
    with pytest.raises(errors.RoleError, match="secretary"):
        people.add_user(
            secretary, username="x", display_name="X", role="doctor", passphrase="long enough"
        )
    with pytest.raises(errors.RoleError):
        people.deactivate(secretary, "remp")


def test_the_access_log_is_for_clinicians_only(
    secretary: Practice, office: dict[str, str], tmp_path: Path
):
    """Which charts colleagues opened is itself a trace of care: the front desk does not
    read it (the doctor's side is tested with the access log itself)."""
    from desktop.practice.audit_query import AccessFilter

    with pytest.raises(errors.RoleError, match="secretary role cannot read the access log"):
        secretary.chart_access(office["patient"])
    with pytest.raises(errors.RoleError):
        secretary.access_log(AccessFilter())
    with pytest.raises(errors.RoleError):
        secretary.export_access_log(office["patient"], tmp_path / "log.csv")
    assert not (tmp_path / "log.csv").exists()
