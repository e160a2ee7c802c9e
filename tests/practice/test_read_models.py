"""The read models at the store's boundary: frozen, complete (every field the schema has,
every version of every note, in order), and a secretary's chart carries no clinical data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.demo import loader as demo_loader
from desktop.practice import bulk_reads, models, people
from desktop.practice.models import Chart, Consultation, Prescription
from desktop.practice.schema import ENTITIES
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE

SECRETARY_PASS = "front desk passphrase"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Practice]:
    folder = tmp_path_factory.mktemp("read-models") / "demo"
    demo_loader.make_demo(folder, PASSPHRASE, patients=15, seed=5, today=dt.date(2026, 11, 28))
    with Practice.open(folder, passphrase=PASSPHRASE) as practice:
        yield practice


def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def test_each_row_type_holds_exactly_its_entitys_fields():
    extra: dict[str, tuple[str, ...]] = {
        "appointment": ("patient_family_name", "patient_given_names"),
        "consultation": ("versions",),
        "prescription": ("versions",),
    }
    for entity, kind in models.ROW_TYPES.items():
        assert _names(kind) == ("id", *ENTITIES[entity].field_names, *extra.get(entity, ())), entity
    assert ("id", *ENTITIES["patient"].field_names) == models.IDENTITY
    assert set(models.SECTIONS.values()) | set(models.IDENTITY) | {"front_desk"} == set(
        _names(Chart)
    )


def test_the_read_models_are_frozen(practice: Practice):
    pid = practice.create_record("patient", {"family_name": "Roux", "given_names": "Léa"})
    practice.add_consultation(pid, reason="Toux", text="Toux sèche.")
    practice.create_record("appointment", {"patient_id": pid, "starts_at": "2026-03-02T09:00"})
    chart = practice.chart(pid)
    consult = chart.consultations[0]
    assert consult.current is not None
    (appointment,) = practice.appointments_between("2026-03-02T00:00", "2026-03-03T00:00")
    for model, name in (
        (chart, "family_name"),
        (chart, "consultations"),
        (consult, "versions"),
        (consult.current, "text"),
        (appointment, "starts_at"),
        (chart.appointments[0], "status"),
    ):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(model, name, None)
        assert not hasattr(model, "__dict__")  # slots: no attribute can be added either
    assert isinstance(chart.consultations, tuple) and isinstance(consult.versions, tuple)
    assert appointment.patient_name() == "ROUX Léa"


def _versions_in_sql(p: Practice, head: str, pid: str) -> dict[str, list[str]]:
    """Each item's version ids as the table holds them, by their stamps."""
    rows = p.conn.execute(
        f"SELECT v.{head}_id, v.id FROM {head}_version v JOIN {head} h ON h.id = v.{head}_id "
        "WHERE h.patient_id = ? ORDER BY v._hlc, v._dev",
        (pid,),
    ).fetchall()
    out: dict[str, list[str]] = {}
    for item, version in rows:
        out.setdefault(item, []).append(version)
    return out


def test_a_demo_chart_holds_every_version_of_every_note_in_order(demo: Practice):
    cid = next(
        c["id"] for c in bulk_reads.records(demo, "consultation") if not c.get("deleted")
    )
    demo.revise_consultation(cid, text="Complétée le lendemain.")  # a second version
    checked = versions = 0
    for patient in bulk_reads.records(demo, "patient"):
        if patient.get("deleted"):
            continue
        chart = demo.chart(patient["id"], include_deleted=True)
        for head, items in (
            ("consultation", chart.consultations),
            ("prescription", chart.prescriptions),
        ):
            stored = _versions_in_sql(demo, head, chart.id)
            assert {i.id for i in items} == set(stored)
            for item in items:
                assert [v.id for v in item.versions] == stored[item.id]
                assert item.current is item.versions[-1]
                checked += 1
                versions += len(item.versions)
        for entity, name in models.SECTIONS.items():
            if entity in ("consultation", "prescription"):
                continue
            count = demo.conn.execute(
                f"SELECT count(*) FROM {entity} WHERE patient_id = ?", (chart.id,)
            ).fetchone()[0]
            assert len(getattr(chart, name)) == count, name
    assert checked > 50 and versions > checked  # the demo's notes, one of them revised


def test_a_revised_note_keeps_every_field_of_every_version(practice: Practice):
    pid = practice.create_record("patient", {"family_name": "Roux"})
    diagnoses = [{"label": "Angine", "cim10": "J02.9"}]
    cid, v1 = practice.add_consultation(
        pid, reason="Angine", text="Gorge rouge.", temperature_c=38.5, diagnoses=diagnoses
    )
    v2 = practice.revise_consultation(cid, text="Gorge rouge. TDR négatif.")
    (consult,) = practice.chart(pid).consultations
    assert isinstance(consult, Consultation)
    first, second = consult.versions
    assert (first.id, second.id, second.parent_id) == (v1, v2, v1)
    assert first.text == "Gorge rouge." and second.text == "Gorge rouge. TDR négatif."
    assert second.temperature_c == 38.5 and second.diagnoses == diagnoses  # carried over
    assert consult.current is second and not consult.concurrent_versions
    assert second.summary() == "Angine"


def test_the_json_of_a_chart_names_the_current_version_as_before(practice: Practice):
    pid = practice.create_record("patient", {"family_name": "Roux"})
    practice.add_consultation(pid, reason="Toux")
    rx, _ = practice.add_prescription(pid, [{"drug": "Paracétamol 1 g"}])
    chart = practice.chart(pid)
    out = json.loads(json.dumps(chart.to_dict()))
    assert list(out) == [*models.IDENTITY, *models.SECTIONS.values()]
    (item,) = out["prescriptions"]
    assert item["id"] == rx and item["current"] == item["versions"][-1]
    assert item["current"]["lines"] == [{"drug": "Paracétamol 1 g"}]
    assert item["concurrent_versions"] is False
    assert isinstance(chart.prescriptions[0], Prescription)


def test_a_secretarys_chart_carries_no_clinical_data(practice: Practice, practice_dir: Path):
    pid = practice.create_record("patient", {"family_name": "Lefèvre", "insurance": "CPAM 75"})
    practice.create_record("problem", {"patient_id": pid, "label": "Asthme"})
    practice.create_record("allergy", {"patient_id": pid, "substance": "Pénicilline"})
    practice.create_record("treatment", {"patient_id": pid, "drug": "Ventoline"})
    practice.create_record("vaccination", {"patient_id": pid, "vaccine": "DTP"})
    practice.create_record("lab_result", {"patient_id": pid, "analyte": "CRP", "value": 42.0})
    practice.add_consultation(pid, reason="Angine", text="secret clinique")
    practice.add_prescription(pid, [{"drug": "Amoxicilline 1 g"}])
    practice.add_document(pid, b"resultats", title="Biologie", filename="bio.txt")
    practice.create_record("appointment", {"patient_id": pid, "starts_at": "2026-12-02T09:00"})
    people.add_user(
        practice, username="sec", display_name="Accueil", role="secretary",
        passphrase=SECRETARY_PASS,
    )  # fmt: skip
    whole = practice.visible_chart(pid)
    assert not whole.front_desk and all(getattr(whole, s) for s in models.CLINICAL_SECTIONS)
    practice.close()
    with Practice.open(practice_dir, passphrase=SECRETARY_PASS, username="sec") as secretary:
        chart = secretary.visible_chart(pid)
    assert chart.front_desk
    assert (chart.family_name, chart.insurance) == ("Lefèvre", "CPAM 75")
    assert [a.starts_at for a in chart.appointments] == ["2026-12-02T09:00"]
    for section in models.CLINICAL_SECTIONS:
        assert getattr(chart, section) == (), section
    shown = json.dumps(chart.to_dict(), ensure_ascii=False)
    for clinical in ("Asthme", "Pénicilline", "Ventoline", "DTP", "CRP", "secret clinique",
                     "Amoxicilline", "Biologie"):  # fmt: skip
        assert clinical not in shown
