"""One patient's consultations in the demo practice: when they came, what each note says
(a chronic follow-up or an acute episode), the vitals, the prescription, and the
appointments around them.

Each step draws its random numbers in the order the single long function it replaces
drew them, so a seed still gives the same practice, byte for byte (generator.py's
contract).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.demo import data as dd
from desktop.demo.figures import ADULT_HEIGHT, CHILD_BMI, GROWTH, interp

if TYPE_CHECKING:
    from desktop.demo.generator import Record, Run

_YEAR = 365.2425
Problem = tuple[str, str, int, int | None, Any]  # label, code, onset, resolved, drugs
Treatment = tuple[str, str, int, int | None]  # drug, dosage, started, stopped


@dataclass(frozen=True, slots=True)
class Chart:
    """What the rest of the patient's story tells their consultations."""

    pid: str
    sex: str
    birth_ord: int
    joined: int
    age: float
    chronic: list[Problem]
    treatments: list[Treatment]
    adult_h: float
    bmi: float
    child_fat: float
    main_doc: int


@dataclass(slots=True)
class _Note:
    """What one consultation is about, before the vitals."""

    reason: str
    symptoms: str
    exam: str
    plan: str
    diagnoses: list[dict[str, str]]
    conclusion: str
    lines: list[dict[str, str]]
    notes: str | None = None
    fever: bool = False
    resp: bool = False


@dataclass(frozen=True, slots=True)
class _Vitals:
    weight: float | None
    height: float | None
    bp_sys: int | None
    bp_dia: int | None
    pulse: int | None
    temp: float | None
    spo2: int | None


def consultations(run: Run, c: Chart) -> Iterator[Record]:
    """The patient's consultations since they joined, then a missed or coming appointment."""
    for day, minute in _visit_times(run, c):
        yield from _visit(run, c, day, minute)
    yield from _later_appointments(run, c)


def _visit_times(run: Run, c: Chart) -> list[tuple[int, int]]:
    """(day, minute) of each visit, sorted: more often for the young, the old and the
    chronically ill; never on a Sunday, never today."""
    r = run.rng.random
    today = run.today
    age = c.age
    n_chronic = sum(1 for p in c.chronic if p[3] is None and p[1] not in ("F17.2", "E66"))
    rate = (6.0 if age < 2 else 3.0 if age < 6 else 1.0 if age < 18 else 1.0 if age < 40
            else 1.4 if age < 60 else 2.2 if age < 75 else 3.5) + 0.7 * n_chronic
    years = (today - c.joined) / _YEAR
    count = int(rate * years * (0.25 + r() * 0.8) + 0.5)
    count = min(max(count, 2), 40)
    span = today - c.joined
    visits = []
    for _ in range(count):
        day = c.joined + int(r() * span)
        wd = (day - 1) % 7
        if wd == 6:
            day -= 1 if day - 1 >= c.joined else -1
            wd = (day - 1) % 7
        if day >= today:
            day = today - 1
            wd = (day - 1) % 7
        minute = 510 + int(r() * (42 if wd >= 5 else 126)) * 5
        visits.append((day, minute))
    visits.sort()
    return visits


def _visit(run: Run, c: Chart, day: int, minute: int) -> Iterator[Record]:
    """One consultation: its record, its signed version, its prescription, and the
    appointment it was when recent."""
    r = run.rng.random
    docs = run.doctors
    a = (day - c.birth_ord) / _YEAR
    author = docs[c.main_doc] if r() < 0.8 else docs[int(r() * len(docs))]
    cid = run.uid(day, minute)
    started = run.dts(day, minute)
    yield "consultation", cid, run.row(
        "consultation", patient_id=c.pid, started_at=started, author_id=author)

    active = [p for p in c.chronic
              if p[2] <= day and (p[3] is None or p[3] > day) and p[1] != "E66"]
    follow_up = bool(active) and a >= 2 and r() < 0.55
    note = _follow_up(run, c, day, active) if follow_up else _acute(run, a)
    vitals = _signs(run, a, active, follow_up, note, _body(run, c, a, follow_up))
    yield _version(run, cid, author, day, minute, note, vitals)

    if note.lines:
        rid = run.uid(day, minute + 12)
        at = run.dts(day, minute + 12)
        yield "prescription", rid, run.row(
            "prescription", patient_id=c.pid, consultation_id=cid, author_id=author,
            prescribed_at=at)
        yield "prescription_version", run.uid(day, minute + 12), run.row(
            "prescription_version", prescription_id=rid, author_id=author,
            created_at=at, lines=note.lines, notes=note.notes, signed=True)

    if day >= run.today - 120 and r() < 0.7:
        booked = max(c.joined, day - 1 - int(r() * 20))
        yield "appointment", run.uid(booked, 540 + int(r() * 540)), run.row(
            "appointment", patient_id=c.pid, practitioner_id=author,
            starts_at=started, duration_min=15 if r() < 0.6 else 20,
            reason=note.reason, status="done")


def _follow_up(run: Run, c: Chart, day: int, active: list[Problem]) -> _Note:
    """A chronic follow-up: the active problems, and their treatments renewed."""
    r = run.rng.random
    pick = run.pick
    fem = c.sex == "F"
    who = "Patiente" if fem else "Patient"
    reason = pick(dd.CHRONIC_REASONS)
    labels = ", ".join(p[0].lower() for p in active[:3])
    symptoms = f"{who} vu{'e' if fem else ''} pour le suivi : {labels}."
    exam = pick(dd.CHRONIC_EXAMS)
    plan = pick(dd.CHRONIC_PLANS)
    diagnoses = [{"label": p[0], "cim10": p[1]} for p in active[:3]]
    lines: list[dict[str, str]] = []
    for drug, dosage, started_d, stopped in c.treatments:
        if started_d <= day and (stopped is None or stopped > day):
            lines.append({"drug": drug, "dosage": dosage, "duration": "3 mois",
                          "quantity": "QSP 3 mois"})
    resp = any(p[1] in ("J44", "J45") for p in active)
    notes = None
    if lines and r() < 0.3:
        notes = "Ordonnance renouvelable 3 fois." if r() < 0.6 else (
            "Ne pas substituer.")
    conclusion = f"{diagnoses[0]['label']} équilibré{'e' if r() < 0.5 else ''}."
    return _Note(reason, symptoms, exam, plan, diagnoses, conclusion, lines, notes,
                 resp=resp)


def _acute(run: Run, a: float) -> _Note:
    """An acute episode fitting the age (a newborn's check-up most often before 2)."""
    r = run.rng.random
    pick = run.pick
    if a < 2 and r() < 0.6:
        acute = dd.ACUTE[11]
    else:
        acute = pick(run.acute["c" if a < 15 else "a" if a < 70 else "e"])
    reason, sym, exams, diag, code, plan, rx, flags = acute
    fever = "f" in flags and r() < 0.7
    resp = "r" in flags
    if "n" in flags:
        symptoms = f"{pick(sym).capitalize()}."
    else:
        since = 1 + int(r() * 6)
        symptoms = f"Depuis {since} jour{'s' if since > 1 else ''}, {pick(sym)}."
    exam = f"{pick(exams).capitalize()}."
    lines: list[dict[str, str]] = []
    notes = None
    if rx and r() < 0.85:
        lines = [{"drug": d, "dosage": ds, "duration": du, "quantity": q}
                 for d, ds, du, q in rx]
        if r() < 0.1:
            notes = "Arrêt de travail remis." if a >= 18 else None
    return _Note(reason, symptoms, exam, plan, [{"label": diag, "cim10": code}], f"{diag}.",
                 lines, notes, fever, resp)


def _body(run: Run, c: Chart, a: float, follow_up: bool) -> tuple[float | None, float | None]:
    """(weight, height): a child on the growth curve, an adult not always weighed."""
    r = run.rng.random
    height: float | None
    weight: float | None
    if a < 18:
        sx = c.sex if c.sex != "U" else "F"
        h = interp(GROWTH[sx], a) * c.adult_h / ADULT_HEIGHT[sx]
        w = interp(CHILD_BMI, a) * c.child_fat * (h / 100) ** 2
        height = round(h * 2) / 2
        weight = round(w, 2 if a < 2 else 1)
        if r() < 0.05:
            weight = None
    else:
        h = c.adult_h - (max(0.0, a - 70) * 0.15)
        w = c.bmi * (h / 100) ** 2 * (0.97 + r() * 0.06)
        height = float(round(h)) if r() < 0.15 else None
        weight = round(w, 1) if r() < 0.65 or follow_up else None
    return weight, height


def _signs(run: Run, a: float, active: list[Problem], follow_up: bool, note: _Note,
           body: tuple[float | None, float | None]) -> _Vitals:
    """Blood pressure, pulse, temperature and oxygen saturation, when taken."""
    rng = run.rng
    r = rng.random
    fever = note.fever
    bp_sys = bp_dia = pulse = spo2 = None
    if a >= 15 and (follow_up or r() < 0.7):
        sys_base = 105 + 0.5 * min(a, 90) + (12 if any(p[1] == "I10" for p in active)
                                             else 0)
        bp_sys = min(max(int(rng.gauss(sys_base, 8)), 90), 200)
        bp_dia = min(max(int(bp_sys * 0.58 + rng.gauss(5, 5)), 50), bp_sys - 25)
    if r() < 0.45 or fever:
        base = 125 if a < 1 else 100 if a < 6 else 85 if a < 12 else 72
        pulse = min(max(int(rng.gauss(base + (15 if fever else 0), 8)), 45), 180)
    temp = (round(38.0 + r() * 1.8, 1) if fever
            else round(36.4 + r() * 0.9, 1) if r() < 0.2 else None)
    if note.resp and r() < 0.9 or r() < 0.08:
        copd = any(p[1] == "J44" for p in active)
        spo2 = min(100, int((91 if copd else 95) + r() * (5 if copd else 5)))
    return _Vitals(body[0], body[1], bp_sys, bp_dia, pulse, temp, spo2)


def _version(run: Run, cid: str, author: str, day: int, minute: int, note: _Note,
             v: _Vitals) -> Record:
    """The note's signed version: free text most often, SOAP fields otherwise."""
    vit = ""
    if v.bp_sys is not None:
        vit = f" TA {v.bp_sys}/{v.bp_dia} mmHg."
    if v.temp is not None:
        vit += f" T {v.temp:.1f} °C."
    if run.rng.random() < 0.3:
        text = None
        soap: tuple[str | None, ...] = (note.symptoms, f"{note.exam}{vit}", note.conclusion,
                                        note.plan)
    else:
        text = (f"Motif : {note.reason}.\n{note.symptoms}\nExamen : {note.exam}{vit}\n"
                f"Conclusion : {note.conclusion} {note.plan}")
        soap = (None, None, None, None)
    return "consultation_version", run.uid(day, minute + 15), run.row(
        "consultation_version", consultation_id=cid, author_id=author,
        created_at=run.dts(day, minute + 15), reason=note.reason, text=text,
        soap_s=soap[0], soap_o=soap[1], soap_a=soap[2], soap_p=soap[3],
        weight_kg=v.weight, height_cm=v.height, bp_sys=v.bp_sys, bp_dia=v.bp_dia,
        pulse=v.pulse, temperature_c=v.temp, spo2=v.spo2, diagnoses=note.diagnoses,
        signed=True)


def _later_appointments(run: Run, c: Chart) -> Iterator[Record]:
    """A past appointment not honoured (now and then), a booked one (one in five), and
    one of today's (until the day is full)."""
    r = run.rng.random
    today = run.today
    if r() < 0.05:
        day = today - 1 - int(r() * 90)
        if (day - 1) % 7 < 5 and day > c.joined:
            yield "appointment", run.uid(max(c.joined, day - 7), 600), run.row(
                "appointment", patient_id=c.pid, practitioner_id=run.doctors[c.main_doc],
                starts_at=run.dts(day, 510 + int(r() * 126) * 5), duration_min=15,
                reason=run.pick(dd.APPOINTMENT_REASONS),
                status="no_show" if r() < 0.6 else "cancelled")
    if r() < 0.2:
        yield _future_appointment(run, c.pid, c.main_doc)
    booked_today = run.today_appointment(c.pid, c.main_doc)  # on its own generator
    if booked_today is not None:
        yield booked_today


def _future_appointment(run: Run, pid: str, doc: int) -> Record:
    """A booked appointment in the six coming weeks, in a free slot when one is found."""
    r = run.rng.random
    today = run.today
    ndocs = len(run.doctors)
    agenda = run.agenda
    duration = 15 if r() < 0.6 else 20
    cells = duration // 5
    for attempt in range(12):
        day = today + 1 + int(r() * 42)
        if (day - 1) % 7 >= 5:
            day += 2
        minute = 510 + int(r() * (126 - cells + 1)) * 5
        d = doc if attempt < 6 else int(r() * ndocs)
        base = ((day - today) * ndocs + d) * 288 + minute // 5
        if attempt == 11 or not any(base + k in agenda for k in range(cells)):
            break
    for k in range(cells):
        agenda.add(base + k)
    return "appointment", run.uid(today - int(r() * 30), 540 + int(r() * 540)), run.row(
        "appointment", patient_id=pid, practitioner_id=run.doctors[d],
        starts_at=run.dts(day, minute), duration_min=duration,
        reason=run.pick(dd.APPOINTMENT_REASONS), status="booked")
