"""The synthetic demo practice: deterministic, complete, ordered and plausible."""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from collections import Counter
from typing import Any

import pytest

from desktop.demo.generator import Run, generate
from desktop.demo.ids import uuid7
from desktop.practice.schema import ENTITIES

TODAY = dt.date(2026, 11, 28)
DOCTORS = ("018f0000-0000-7000-8000-00000000d001", "018f0000-0000-7000-8000-00000000d002")
N = 2000

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
PHONE = re.compile(r"^0[1-7]( \d{2}){4}$")


def _records(n: int, seed: int = 1) -> list[tuple[str, str, dict[str, Any]]]:
    return list(generate(n, seed, doctor_ids=DOCTORS, today=TODAY))


@pytest.fixture(scope="module")
def practice() -> list[tuple[str, str, dict[str, Any]]]:
    return _records(N)


def _age(birth: str, on: dt.date) -> float:
    return (on - dt.date.fromisoformat(birth)).days / 365.2425


def test_same_seed_same_sequence_other_seed_differs() -> None:
    assert _records(150, 5) == _records(150, 5)
    a, b = _records(150, 5), _records(150, 6)
    assert a != b
    assert {r[1] for r in a}.isdisjoint(r[1] for r in b)


def test_fields_are_exactly_the_schema_with_the_right_types(practice: list[Any]) -> None:
    for entity, _rid, fields in practice:
        schema = ENTITIES[entity]
        assert tuple(fields) == schema.field_names or set(fields) == set(schema.field_names)
        for f in schema.fields:
            value = fields[f.name]
            if value is None:
                assert f.name != "deleted" and f.name != "signed"
                continue
            ok = {
                "text": lambda v: isinstance(v, str),
                "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
                "real": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
                "bool": lambda v: isinstance(v, bool),
                "date": lambda v: isinstance(v, str) and DATE.match(v) is not None,
                "pdate": lambda v: isinstance(v, str) and re.match(r"^\d{4}(-\d{2}){0,2}$", v),
                "datetime": lambda v: isinstance(v, str) and DATETIME.match(v) is not None,
                "json": lambda v: isinstance(v, list | dict),
            }[f.type](value)
            assert ok, (entity, f.name, value)
        if "deleted" in fields:
            assert fields["deleted"] is False
        if schema.versioned:
            assert fields["parent_id"] is None and fields["signed"] is True


def test_dependency_order_and_references(practice: list[Any]) -> None:
    seen: dict[str, str] = {d: "user" for d in DOCTORS}
    refs = {"patient_id": "patient", "consultation_id": "consultation",
            "prescription_id": "prescription", "author_id": "user", "practitioner_id": "user"}
    versions: Counter[str] = Counter()
    for entity, rid, fields in practice:
        for name, target in refs.items():
            if fields.get(name) is not None:
                assert seen.get(fields[name]) == target, (entity, name)
        if entity in ("consultation_version", "prescription_version"):
            versions[fields["consultation_id" if entity[0] == "c" else "prescription_id"]] += 1
        assert rid not in seen
        seen[rid] = entity
    parents = [rid for rid, e in seen.items() if e in ("consultation", "prescription")]
    assert all(versions[rid] == 1 for rid in parents)


def test_ids_are_unique_uuid7_stamped_with_the_record_date(practice: list[Any]) -> None:
    ids = [rid for _, rid, _ in practice]
    assert len(set(ids)) == len(ids)
    for entity, rid, fields in practice:
        u = uuid.UUID(rid)
        assert u.version == 7 and u.variant == uuid.RFC_4122 and str(u) == rid
        if entity == "consultation":
            ms = u.int >> 80
            stamp = dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%dT%H:%M")
            assert stamp == fields["started_at"]
    rng = random.Random(3)
    when = dt.datetime(2024, 5, 6, 7, 8, 9)
    u = uuid.UUID(uuid7(rng, when))
    assert u.version == 7 and (u.int >> 80) == int(when.replace(tzinfo=dt.UTC).timestamp() * 1000)
    assert uuid7(random.Random(3), when) == str(u)


def _nir_key(nir13: str) -> int:
    digits = nir13[:5] + {"2A": "19", "2B": "18"}.get(nir13[5:7], nir13[5:7]) + nir13[7:]
    return 97 - int(digits) % 97


def test_nir_is_valid_and_matches_identity(practice: list[Any]) -> None:
    patients = [f for e, _, f in practice if e == "patient"]
    checked = 0
    for p in patients:
        if p["sex"] == "U":
            assert p["nir"] is None and p["ins_status"] == "provisoire"
            continue
        nir, birth = p["nir"], dt.date.fromisoformat(p["birth_date"])
        assert len(nir) == 15 and re.fullmatch(r"[12]\d{4}(\d{2}|2A|2B)\d{8}", nir), nir
        assert nir[0] == ("1" if p["sex"] == "M" else "2")
        assert nir[1:3] == f"{birth.year % 100:02d}" and nir[3:5] == f"{birth.month:02d}"
        assert nir[5:10] == p["birth_place_code"]
        assert int(nir[13:]) == _nir_key(nir[:13])
        checked += 1
    assert checked > 0.99 * len(patients)
    statuses = Counter(p["ins_status"] for p in patients)
    assert statuses["qualifiee"] > 0.7 * len(patients) and statuses["provisoire"] > 0
    places = [p["birth_place_code"] for p in patients]
    assert all(len(c) == 5 for c in places)
    assert any(c.startswith("99") for c in places)


def test_names_and_contacts_look_french(practice: list[Any]) -> None:
    patients = [f for e, _, f in practice if e == "patient"]
    names = " ".join(f"{p['given_names']} {p['family_name']} {p['birth_name'] or ''}"
                     for p in patients)
    for ch in "éèëïçôœæ'-":
        assert ch in names.lower(), ch
    assert sum(not n.isascii() for n in names.split()) > 0.1 * len(patients)
    married = [p for p in patients if p["birth_name"]]
    assert married and all(p["sex"] == "F" for p in married)
    assert 0.05 * len(patients) < len(married) < 0.4 * len(patients)
    for p in patients:
        assert PHONE.match(p["phone"]), p["phone"]
        assert p["phone2"] is None or PHONE.match(p["phone2"])
        assert p["email"] is None or re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]+", p["email"])
        assert re.fullmatch(r"\d{5}", p["postal_code"]) and p["city"] and p["address"][0].isdigit()
        assert p["insurance"]


def test_age_pyramid_is_plausible(practice: list[Any]) -> None:
    ages = [_age(f["birth_date"], TODAY) for e, _, f in practice if e == "patient"]
    assert all(0 <= a < 101 for a in ages)
    assert 0.45 < sum(30 <= a < 75 for a in ages) / len(ages) < 0.75
    assert 0.12 < sum(a < 18 for a in ages) / len(ages) < 0.3
    assert sum(a >= 85 for a in ages) > 0
    sexes = Counter(f["sex"] for e, _, f in practice if e == "patient")
    assert sexes["F"] > 0.4 * len(ages) and sexes["M"] > 0.4 * len(ages)


def test_vitals_are_plausible_for_age(practice: list[Any]) -> None:
    birth: dict[str, str] = {}
    consult_patient: dict[str, str] = {}
    seen_vitals = Counter()
    for entity, rid, f in practice:
        if entity == "patient":
            birth[rid] = f["birth_date"]
        elif entity == "consultation":
            consult_patient[rid] = f["patient_id"]
        elif entity == "consultation_version":
            on = dt.date.fromisoformat(f["created_at"][:10])
            age = _age(birth[consult_patient[f["consultation_id"]]], on)
            w, h = f["weight_kg"], f["height_cm"]
            if w is not None:
                assert (2 <= w <= 15) if age < 1 else (6 <= w <= 25) if age < 3 else (
                    10 <= w <= 200), (age, w)
                seen_vitals["weight"] += 1
            if h is not None:
                assert (44 <= h <= 90) if age < 1 else (140 <= h <= 210) if age >= 18 else (
                    60 <= h <= 200), (age, h)
                seen_vitals["height"] += 1
            if f["bp_sys"] is not None:
                assert age >= 15 and 80 <= f["bp_sys"] <= 220 and 40 <= f["bp_dia"] <= 130
                assert f["bp_sys"] > f["bp_dia"] + 15
                seen_vitals["bp"] += 1
            if f["pulse"] is not None:
                assert 40 <= f["pulse"] <= 190
            if f["temperature_c"] is not None:
                assert 35.5 <= f["temperature_c"] <= 41
            if f["spo2"] is not None:
                assert 85 <= f["spo2"] <= 100
                seen_vitals["spo2"] += 1
            assert f["reason"] and (f["text"] or (f["soap_s"] and f["soap_a"]))
            assert f["diagnoses"] and all(set(d) == {"label", "cim10"} for d in f["diagnoses"])
    assert min(seen_vitals.values()) > 100 and len(seen_vitals) == 4


def test_chart_contents_and_counts_scale(practice: list[Any]) -> None:
    counts = Counter(e for e, _, _ in practice)
    per_patient = counts["consultation"] / N
    assert 8 <= per_patient <= 12, per_patient
    assert counts["consultation_version"] == counts["consultation"]
    assert 0.4 * counts["consultation"] < counts["prescription"] < counts["consultation"]
    assert counts["prescription_version"] == counts["prescription"]
    allergic = {f["patient_id"] for e, _, f in practice if e == "allergy"}
    assert 0.1 * N < len(allergic) < 0.2 * N
    assert counts["vaccination"] > N and counts["treatment"] > 0.5 * N
    codes = Counter(f["cim10"] for e, _, f in practice if e == "problem")
    for code in ("I10", "E11", "J45", "J44", "E03", "F32", "E78", "I48", "M17", "E66"):
        assert codes[code] > 0, code
    kinds = Counter(f["kind"] for e, _, f in practice if e == "problem")
    assert kinds["surgical"] > 0 and kinds["family"] > 0
    # Treatments follow problems: metformin only for diabetics, levothyroxine for E03.
    problems: dict[str, set[str]] = {}
    for e, _, f in practice:
        if e == "problem":
            problems.setdefault(f["patient_id"], set()).add(f["cim10"])
        elif e == "treatment":
            if f["drug"].startswith("Metformine"):
                assert "E11" in problems.get(f["patient_id"], set())
            if f["drug"].startswith("Lévothyroxine"):
                assert "E03" in problems.get(f["patient_id"], set())
    # Consultations per patient range with age and chronic load, within 2..40.
    per = Counter(f["patient_id"] for e, _, f in practice if e == "consultation")
    assert min(per.values()) >= 2 and max(per.values()) <= 40


def test_appointments(practice: list[Any]) -> None:
    appts = [f for e, _, f in practice if e == "appointment"]
    future = [a for a in appts if a["status"] == "booked" and a["starts_at"][:10] > str(TODAY)]
    assert 0.15 * N < len({a["patient_id"] for a in future}) < 0.25 * N
    for a in appts:
        if a["status"] != "booked":
            continue
        start = dt.datetime.fromisoformat(a["starts_at"])
        assert TODAY <= start.date() <= TODAY + dt.timedelta(days=50)
        assert start.weekday() < 5 or start.date() == TODAY  # a Saturday's morning
        assert a["duration_min"] in (15, 20)
        assert dt.time(8, 30) <= start.time() and (
            start + dt.timedelta(minutes=a["duration_min"])).time() <= dt.time(19, 0)
    past = Counter(a["status"] for a in appts if a["status"] != "booked")
    assert past["done"] > 0 and past["no_show"] > 0
    assert all(dt.date.fromisoformat(a["starts_at"][:10]) < TODAY
               for a in appts if a["status"] != "booked")


def _today(records: list[Any], day: dt.date) -> list[dict[str, Any]]:
    return [f for e, _, f in records if e == "appointment" and f["starts_at"][:10] == str(day)]


def test_today_is_booked_from_its_first_slot_without_changing_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A GP opening the demo at 9:00 sees a day as it looks: the morning (past slots too)
    and, on a weekday, the afternoon, for each doctor, no two at once."""
    wednesday = dt.date(2026, 12, 2)
    records = list(generate(N, 1, doctor_ids=DOCTORS, today=wednesday))
    day = _today(records, wednesday)
    assert all(a["status"] == "booked" for a in day)
    for doctor in DOCTORS:
        mine = sorted(a["starts_at"][11:] for a in day if a["practitioner_id"] == doctor)
        assert len(mine) >= 20 and mine[0] <= "09:00" and mine[-1] >= "17:00", mine
        assert len(set(mine)) == len(mine)
        spans = sorted(
            (a["starts_at"], a["duration_min"]) for a in day if a["practitioner_id"] == doctor
        )
        for (start, minutes), (following, _) in zip(spans, spans[1:], strict=False):
            end = dt.datetime.fromisoformat(start) + dt.timedelta(minutes=minutes)
            assert end <= dt.datetime.fromisoformat(following)
    saturday = _today(_records(N), TODAY)  # the morning only; Sunday: closed
    assert saturday and all(a["starts_at"][11:] < "12:00" for a in saturday)
    sunday = TODAY + dt.timedelta(days=1)
    assert _today(list(generate(300, 1, doctor_ids=DOCTORS, today=sunday)), sunday) == []
    # Today's day has a generator of its own: every other record is what it was.
    ids = {rid for e, rid, f in records if e == "appointment" and f in day}
    monkeypatch.setattr(Run, "today_appointment", lambda *_: None)
    assert list(generate(N, 1, doctor_ids=DOCTORS, today=wednesday)) == [
        r for r in records if r[1] not in ids
    ]


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        list(generate(1, doctor_ids=(), today=TODAY))
    assert list(generate(0, doctor_ids=DOCTORS, today=TODAY)) == []
