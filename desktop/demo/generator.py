"""A deterministic synthetic French general practice, as plain records.

``generate`` yields ``(entity, record_id, fields)`` tuples, patient by patient and in
dependency order (a patient before its chart; a consultation before its version and its
prescription; a prescription before its version). Field dicts carry every field of the
entity in ``schema.ENTITIES``, with ``None`` where unknown. Nothing touches a database:
the caller writes the records through the store's write path.

Same ``(patients, seed, doctor_ids, today)`` gives exactly the same sequence, ids
included: ids are UUIDv7 whose timestamp is the record's own (local) date, read as UTC,
and whose random bits come from the seeded generator. It is a generator with no state
growing with the practice size (only small caches and the agenda of the coming weeks).
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from desktop.demo import data as dd
from desktop.demo.consultations import Chart, consultations
from desktop.demo.figures import (
    ADULT_HEIGHT,
    AGE_CUM,
    FLU_RISK,
    age_band,
)
from desktop.demo.ids import ascii_fold, make_nir, uuid_from
from desktop.practice.schema import ENTITIES

Record = tuple[str, str, dict[str, Any]]

_EPOCH_ORD = dt.date(1970, 1, 1).toordinal()
_HM = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60 + 60))
_YEAR = 365.2425

def today_slots(rng: random.Random, day: int) -> list[tuple[int, int]]:
    """One doctor's appointments of ``day`` as (minute, duration), first to last: 8:30 to
    12:00, and 14:00 to 18:30 on a weekday (Saturday: the morning; Sunday: none), a slot
    now and then left free."""
    weekday = (day - 1) % 7
    if weekday == 6:
        return []
    hours = [(510, 720)] if weekday == 5 else [(510, 720), (840, 1110)]
    slots = []
    for start, end in hours:
        minute = start
        while True:
            duration = 15 if rng.random() < 0.6 else 20
            if minute + duration > end:
                break
            if rng.random() >= 0.1:
                slots.append((minute, duration))
            minute += duration
    return slots


def _empty(entity: str) -> dict[str, Any]:
    return {name: None for name in ENTITIES[entity].field_names}


class Run:
    """The state of one generation run: the RNG, caches and the coming weeks' agenda."""

    def __init__(self, seed: int, doctor_ids: Sequence[str], today: dt.date,
                 doctor_names: Sequence[str] | None) -> None:
        if not doctor_ids:
            raise ValueError("at least one doctor id is needed")
        self.rng = random.Random(seed)
        self.doctors = tuple(doctor_ids)
        self.today = today.toordinal()
        r = self.rng.random
        self.area = dd.AREAS[int(r() * len(dd.AREAS))]
        self.gps = tuple(doctor_names) if doctor_names else tuple(
            dd.GP_NAMES[int(r() * len(dd.GP_NAMES))] for _ in self.doctors)
        self._dates: dict[int, str] = {}
        self.agenda: set[int] = set()
        # Today's day, booked as a real one looks when the GP opens it (the morning's
        # slots too): its own generator, so the rest of the practice stays as it was.
        self.day_rng = random.Random(f"{seed}:today")
        self.today_slots = [today_slots(self.day_rng, self.today) for _ in self.doctors]
        self.acute = {
            flag: tuple(a for a in dd.ACUTE if flag in a[7] and a[0] != "Examen du nourrisson")
            for flag in "cae"
        }
        self._templates = {e: _empty(e) for e in (
            "patient", "problem", "allergy", "treatment", "vaccination", "consultation",
            "consultation_version", "prescription", "prescription_version", "appointment")}
        self._templates["patient"]["deleted"] = False
        for e in ("problem", "allergy", "treatment", "vaccination", "consultation",
                  "prescription", "appointment"):
            self._templates[e]["deleted"] = False

    # -- small helpers -------------------------------------------------------------------

    def ds(self, day: int) -> str:
        s = self._dates.get(day)
        if s is None:
            s = dt.date.fromordinal(day).isoformat()
            self._dates[day] = s
        return s

    def dts(self, day: int, minute: int) -> str:
        return f"{self.ds(day)}T{_HM[minute]}"

    def uid(self, day: int, minute: int) -> str:
        bits = self.rng.getrandbits(90)
        ms = ((day - _EPOCH_ORD) * 1440 + minute) * 60000 + (bits >> 74) % 60000
        return uuid_from(max(ms, 0), bits & ((1 << 74) - 1))

    def today_appointment(self, pid: str, doc: int) -> Record | None:
        """Now and then, this patient in today's next free slot (their doctor's, else the
        other's); None when the day is full or the draw says no."""
        rng = self.day_rng
        if rng.random() >= 0.3:
            return None
        ndocs = len(self.doctors)
        d = next((k % ndocs for k in range(doc, doc + ndocs) if self.today_slots[k % ndocs]),
                 None)
        if d is None:
            return None
        minute, duration = self.today_slots[d].pop(0)
        booked = self.today - 1 - int(rng.random() * 20)
        bits = rng.getrandbits(74)
        ms = ((booked - _EPOCH_ORD) * 1440 + 540 + int(rng.random() * 540)) * 60000
        return "appointment", uuid_from(ms, bits), self.row(
            "appointment", patient_id=pid, practitioner_id=self.doctors[d],
            starts_at=self.dts(self.today, minute), duration_min=duration,
            reason=dd.APPOINTMENT_REASONS[int(rng.random() * len(dd.APPOINTMENT_REASONS))],
            status="booked")

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def phone(self, prefix: str) -> str:
        n = f"{int(self.rng.random() * 100_000_000):08d}"
        return f"{prefix} {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"

    def row(self, entity: str, **fields: Any) -> dict[str, Any]:
        out = self._templates[entity].copy()
        out.update(fields)
        return out

    # -- one patient ---------------------------------------------------------------------

    def patient(self) -> Iterator[Record]:  # noqa: C901 - one linear story per chart
        rng = self.rng
        r = rng.random
        pick = self.pick
        today = self.today
        _name, land, _cpam, communes, maternities = self.area

        # Identity.
        band5 = bisect(AGE_CUM, r() * AGE_CUM[-1])
        birth_ord = today - int((band5 * 5 + r() * 5) * _YEAR) - 1
        birth = dt.date.fromordinal(birth_ord)
        age = (today - birth_ord) / _YEAR
        x = r()
        sex = "U" if x < 0.002 else "F" if x < 0.522 else "M"
        gen = 0 if birth.year < 1950 else 1 if birth.year < 1980 else 2 if birth.year < 2000 else 3
        names = (dd.FEMALE_NAMES if sex == "F" else dd.MALE_NAMES if sex == "M"
                 else (dd.FEMALE_NAMES, dd.MALE_NAMES)[int(r() * 2)])[gen]
        first = pick(names)
        given = first
        if r() < 0.25:
            second = pick(names)
            if second != first:
                given = f"{first} {second}"
        family = pick(dd.FAMILY_NAMES)
        if r() < 0.05:
            other = pick(dd.FAMILY_NAMES)
            if other != family:
                family = f"{family}-{other}"
        birth_name = None
        if sex == "F" and age >= 24 and r() < 0.45:
            birth_name = family
            family = pick(dd.FAMILY_NAMES)
            if family == birth_name:
                family = pick(dd.FAMILY_NAMES)
        x = r()
        if x < (0.85 if age < 18 else 0.45):
            place = pick(maternities)
        elif x < (0.97 if age < 18 else 0.86):
            place = pick(dd.FRANCE_BIRTH_CODES)
        else:
            place = pick(dd.ABROAD_BIRTH_CODES)
        if sex == "U":
            nir, ins = None, "provisoire"
        else:
            nir = make_nir(sex, birth, place, 1 + int(r() * 999))
            x = r()
            ins = ("qualifiee" if x < 0.80 else "validee" if x < 0.88
                   else "recuperee" if x < 0.92 else "provisoire")
        if age >= 80 and r() < 0.4:
            phone, phone2 = self.phone(land), (self.phone("06") if r() < 0.4 else None)
        else:
            phone = self.phone("06" if r() < 0.7 else "07")
            phone2 = self.phone(land) if r() < (0.5 if age >= 60 else 0.15) else None
        email = None
        if r() < (0.0 if age < 15 else 0.5 if age < 18 else 0.75 if age < 80 else 0.2):
            fn, ln = ascii_fold(first), ascii_fold(birth_name if birth_name and r() < 0.3
                                                   else family)
            x = r()
            local = (f"{fn}.{ln}" if x < 0.5 else f"{fn}.{ln}{birth.year % 100:02d}"
                     if x < 0.7 else f"{fn[0]}.{ln}" if x < 0.85 else f"{ln}.{fn}")
            email = f"{local}@{pick(dd.EMAIL_DOMAINS)}"
        postal, city = communes[0] if r() < 0.3 else pick(communes)
        num = 1 + int(r() ** 2 * 180)
        address = (f"{num}{' bis' if r() < 0.03 else ''} {pick(dd.STREET_TYPES)} "
                   f"{pick(dd.STREET_NAMES)}")
        x = r()
        regime = (f"CPAM {postal[:2]}" if x < 0.9 else "MSA" if x < 0.96
                  else "CNMSS" if x < 0.98 else "ENIM")
        x = r()
        insurance = (f"{regime} / C2S" if x < 0.08 else regime if x < 0.14
                     else f"{regime} / {pick(dd.MUTUELLES)}")
        main_doc = int(r() * len(self.doctors))
        x = r()
        referring = (self.gps[main_doc % len(self.gps)] if x < 0.85
                     else pick(dd.GP_NAMES) if x < 0.95 else None)

        # With the practice since (birth for babies born while registered).
        joined = max(birth_ord + 5, today - int(r() * 15 * _YEAR) - 1)
        if joined >= today:
            joined = today - 1
        pid = self.uid(joined, 540 + int(r() * 540))
        yield "patient", pid, self.row(
            "patient", family_name=family, birth_name=birth_name, given_names=given, sex=sex,
            birth_date=birth.isoformat(), birth_place_code=place, nir=nir, ins_status=ins,
            phone=phone, phone2=phone2, email=email, address=address, postal_code=postal,
            city=city, referring_gp=referring, insurance=insurance)

        # Body: adult height and BMI, children scale on them.
        sx = sex if sex != "U" else "F"
        adult_h = ADULT_HEIGHT[sx] + rng.gauss(0, 6.5 if sx == "F" else 7.0)
        bmi = min(max(rng.gauss(25.0, 4.3), 17.0), 45.0)
        child_fat = 0.9 + r() * 0.2 + (0.1 if bmi >= 30 else 0)

        # Problems, with the treatments they call for.
        band = age_band(age)
        chronic: list[tuple[str, str, int, int | None, tuple[tuple[str, str], ...]]] = []
        for _key, label, code, prev, fmult, resolved_p, drugs in dd.CHRONIC:
            if r() >= prev[band] * (fmult if sex == "F" else 1.0):
                continue
            min_age = 2.0 if code == "J45" else 14.0 if code == "F17.2" else 18.0
            min_age = min(min_age, age * 0.5)
            onset = birth_ord + int((min_age + r() * (age - min_age)) * _YEAR)
            onset = min(onset, today - 1)
            resolved = None
            if r() < resolved_p and today - onset > 200:
                resolved = onset + 90 + int(r() * (today - onset - 90))
            chronic.append((label, code, onset, resolved, drugs))
        if age >= 18 and bmi >= 30:
            onset = birth_ord + int((18 + r() * (age - 18)) * _YEAR)
            chronic.append((dd.OBESITY[0], dd.OBESITY[1], min(onset, today - 1), None, ()))
        treatments: list[tuple[str, str, int, int | None]] = []
        for label, code, onset, resolved, drugs in chronic:
            rec = max(joined, onset)
            yield "problem", self.uid(rec, 540 + int(r() * 540)), self.row(
                "problem", patient_id=pid, kind="other" if code == "F17.2" else "medical",
                label=label, cim10=code, onset=self.ds(onset),
                resolved=None if resolved is None else self.ds(resolved))
            if drugs:
                ndrugs = 2 if code in ("I10", "E11", "I48", "J45") and r() < 0.35 else 1
                first_i = int(r() * len(drugs))
                for k in range(min(ndrugs, len(drugs))):
                    drug, dosage = drugs[(first_i + k) % len(drugs)]
                    started = min(onset + int(r() * 120), today - 1)
                    treatments.append((drug, dosage, started, resolved))
        nsurg = (1 if r() < 0.1 + age / 200 else 0) + (1 if age > 60 and r() < 0.2 else 0)
        for _ in range(nsurg):
            label, code, min_age_i, only = pick(dd.SURGERIES)
            if age < min_age_i or (only and only != sex):
                continue
            day = min(birth_ord + int((min_age_i + r() * (age - min_age_i)) * _YEAR), today - 1)
            yield "problem", self.uid(max(joined, day), 540 + int(r() * 540)), self.row(
                "problem", patient_id=pid, kind="surgical", label=label, cim10=code,
                onset=self.ds(day), resolved=self.ds(day))
        if r() < 0.2:
            label, code = pick(dd.FAMILY_HISTORY)
            yield "problem", self.uid(joined, 540 + int(r() * 540)), self.row(
                "problem", patient_id=pid, kind="family", label=label, cim10=code)
        if r() < 0.15:
            for _ in range(2 if r() < 0.2 else 1):
                substance, reactions, kind = pick(dd.ALLERGIES)
                yield "allergy", self.uid(joined, 540 + int(r() * 540)), self.row(
                    "allergy", patient_id=pid, substance=substance, reaction=pick(reactions),
                    severity=dd.SEVERITIES[0 if r() < 0.5 else 1 if r() < 0.75 else 2],
                    kind=kind)
        for drug, dosage, started, stopped in treatments:
            yield "treatment", self.uid(max(joined, started), 540 + int(r() * 540)), self.row(
                "treatment", patient_id=pid, drug=drug, dosage=dosage, started=self.ds(started),
                stopped=None if stopped is None else self.ds(stopped))

        yield from self._vaccinations(pid, birth_ord, joined, age, chronic)
        yield from consultations(self, Chart(pid, sex, birth_ord, joined, age, chronic,
                                             treatments, adult_h, bmi, child_fat, main_doc))

    def _vaccinations(self, pid: str, birth_ord: int, joined: int, age: float,
                      chronic: list[Any]) -> Iterator[Record]:
        r = self.rng.random
        today = self.today
        shots: list[tuple[int, str]] = []
        v = dd.VACCINES
        for days, key in ((61, "hexa"), (61, "pneumo"), (122, "hexa"), (122, "pneumo"),
                          (152, "mening"), (335, "hexa"), (335, "pneumo"), (365, "mening"),
                          (365, "ror"), (500, "ror"), (2200, "dtcap"), (4200, "dtcap_ado"),
                          (4100, "hpv"), (4300, "hpv")):
            shots.append((birth_ord + days + int(r() * 30), key))
        for years in (25, 45, 65, 75, 85, 95):
            shots.append((birth_ord + int((years + r()) * _YEAR), "dtp"))
        flu = age >= 65 or any(c[1] in FLU_RISK and c[3] is None for c in chronic)
        start_year = dt.date.fromordinal(max(joined, birth_ord)).year
        end_year = dt.date.fromordinal(today).year
        if flu:
            for year in range(start_year, end_year + 1):
                if r() < 0.6:
                    shots.append((dt.date(year, 10, 15).toordinal() + int(r() * 45), "grippe"))
        if age >= 18 and r() < 0.85:
            for when, p in ((dt.date(2021, 4, 1), 1.0), (dt.date(2021, 5, 20), 0.97),
                           (dt.date(2021, 12, 1), 0.75), (dt.date(2022, 10, 15), 0.35),
                           (dt.date(2023, 10, 15), 0.3), (dt.date(2024, 10, 15), 0.3),
                           (dt.date(2025, 10, 15), 0.3)):
                if r() < (p if age >= 65 or when.year == 2021 else p / 4):
                    shots.append((when.toordinal() + int(r() * 40), "covid"))
        shots.sort()
        for day, key in shots:
            if joined <= day < today and day - birth_ord >= 40:
                lot = f"{chr(65 + int(r() * 26))}{chr(65 + int(r() * 26))}{int(r() * 9000) + 1000}"
                yield "vaccination", self.uid(day, 540 + int(r() * 540)), self.row(
                    "vaccination", patient_id=pid, vaccine=self.pick(v[key]),
                    given_on=self.ds(day), lot=lot)


def demo_practice(seed: int = 1) -> dict[str, Any]:
    """Suggested ``practice`` fields for ``generate(..., seed)``: in the patients' area."""
    rng = random.Random(seed)
    _name, land, _cpam, communes, _births = dd.AREAS[int(rng.random() * len(dd.AREAS))]
    postal, city = communes[0]
    n = f"{int(rng.random() * 100_000_000):08d}"
    return {
        "name": f"Cabinet médical des Tilleuls ({city})",
        "address": "12 rue des Tilleuls",
        "postal_code": postal,
        "city": city,
        "phone": f"{land} {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
        "email": "accueil@cabinet-des-tilleuls.fr",
        "finess": f"{postal[:2]}0{int(rng.random() * 1_000_000):06d}",
    }


def generate(
    patients: int,
    seed: int = 1,
    *,
    doctor_ids: Sequence[str],
    today: dt.date,
    doctor_names: Sequence[str] | None = None,
) -> Iterator[Record]:
    """Yield ``(entity, record_id, fields)`` for a practice of ``patients`` patients.

    ``doctor_ids`` are the existing ``user`` ids of the practice's doctors (authors of
    notes, practitioners of appointments); ``doctor_names`` (optional, same order) are
    used as the patients' referring GP. Records are dated before ``today``, except
    booked appointments: today's day (from its first slot) and the six coming weeks.
    """
    if patients < 0:
        raise ValueError("patients must be >= 0")
    practice = Run(seed, doctor_ids, today, doctor_names)
    one: Callable[[], Iterator[Record]] = practice.patient
    for _ in range(patients):
        yield from one()
