"""Prescriptions as the GP writes them: lines, renewal, templates, and what the paper needs.

A prescription is an immutable version (store.add_prescription); its lines are JSON, one
:class:`RxLine` each, so a new detail of a line (non-substitutable, an allergy override
and its reason) needs no schema change and syncs with the version.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from desktop.practice import allergies, errors, practitioners
from desktop.practice.drugs import Drug
from desktop.practice.models import Chart, Prescription, PrescriptionVersion
from desktop.practice.practitioners import PracticeDetails, Prescriber
from desktop.practice.store import Practice
from desktop.practice.textfold import fold

NS_REASONS = ("", "MTE", "EFG", "CIF")
"""Why a line is non-substitutable (arrêté du 12 novembre 2019): narrow therapeutic
margin, child under 6 with no suitable generic form, formal contra-indication."""
CHILD_UNDER_YEARS = 15
"""Below this age the paper carries the weight (and the editor asks for it): paediatric
doses go by weight, and French paediatrics ends at 15."""
MAX_RENEWALS = 12


@dataclass(frozen=True, slots=True)
class RxLine:
    """One prescribed drug. ``drug`` is what prints (the DCI, strength and form)."""

    drug: str
    dosage: str = ""  # posology: dose, frequency, route ("1 comprimé 3 fois par jour")
    duration: str = ""  # "7 jours"
    quantity: str = ""  # number of boxes, when the line names a product
    renewals: int = 0
    dci: str = ""  # the molecule(s), in lower case
    brand: str = ""  # the product chosen, printed after the DCI
    substances: tuple[str, ...] = ()  # for the allergy check
    atc: str = ""
    ald: bool = False  # in the ALD zone of a bizone ordonnance
    long_term: bool = False  # also a current treatment of the chart, once saved
    non_substitutable: bool = False
    ns_reason: str = ""
    allergy: str = ""  # the recorded allergy this line was prescribed despite
    override_reason: str = ""  # and why

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> RxLine:
        renewals = values.get("renewals") or 0
        try:
            renewals = int(renewals)
        except (TypeError, ValueError):
            raise errors.InvalidInputError("renewals must be a whole number") from None
        line = cls(
            drug=str(values.get("drug") or "").strip(),
            dosage=str(values.get("dosage") or "").strip(),
            duration=str(values.get("duration") or "").strip(),
            quantity=str(values.get("quantity") or "").strip(),
            renewals=renewals,
            dci=str(values.get("dci") or "").strip(),
            brand=str(values.get("brand") or "").strip(),
            substances=tuple(str(s) for s in values.get("substances") or ()),
            atc=str(values.get("atc") or ""),
            ald=bool(values.get("ald")),
            long_term=bool(values.get("long_term")),
            non_substitutable=bool(values.get("non_substitutable")),
            ns_reason=str(values.get("ns_reason") or ""),
            allergy=str(values.get("allergy") or ""),
            override_reason=str(values.get("override_reason") or ""),
        )
        line.check()
        return line

    def check(self) -> None:
        if not self.drug:
            raise errors.InvalidInputError("each line names a drug")
        if not 0 <= self.renewals <= MAX_RENEWALS:
            raise errors.InvalidInputError(f"renewals go from 0 to {MAX_RENEWALS}")
        if self.ns_reason not in NS_REASONS:
            raise errors.InvalidInputError("the non-substitution reason is MTE, EFG or CIF")
        if self.allergy and not self.override_reason.strip():
            raise errors.InvalidInputError("prescribing despite an allergy needs a reason")

    def to_dict(self) -> dict[str, Any]:
        """Only what is set, so a line stays small in the journal."""
        out = asdict(self)
        out["substances"] = list(self.substances)
        return {k: v for k, v in out.items() if v or k == "drug"}

    @property
    def molecules(self) -> tuple[str, ...]:
        """The substances to check against allergies: known ones, else the typed DCI."""
        return self.substances or ((self.dci,) if self.dci else (self.drug,))


def with_drug(line: RxLine, drug: Drug | None) -> RxLine:
    """The line completed from the drug list: a brand prints as its DCI form (the DCI is
    mandatory), and the substances feed the allergy check."""
    if drug is None:
        return line
    printed = drug.drug if drug.kind == "brand" else line.drug
    return replace(
        line,
        drug=printed,
        dci=drug.dci,
        brand=drug.brand or line.brand,
        substances=drug.substances,
        atc=drug.atc,
    )


def completed(line: RxLine, drug: Drug | None) -> RxLine:
    """A typed line given what the drug list resolved it to: a brand becomes its DCI
    form; a DCI keeps the GP's wording and gains its substances. Known lines stay."""
    if line.substances or drug is None:
        return line
    if drug.kind == "brand":
        return with_drug(line, drug)
    return replace(line, dci=drug.dci, substances=drug.substances, atc=drug.atc)


# --- writing -------------------------------------------------------------------------------


def add(
    p: Practice,
    patient_id: str,
    lines: Sequence[RxLine],
    *,
    notes: str | None = None,
    weight_kg: float | None = None,
    height_cm: float | None = None,
    consultation_id: str | None = None,
) -> str:
    """Save a prescription; refused while a line matches an allergy without a reason."""
    if not lines:
        raise errors.InvalidInputError("a prescription has at least one line")
    for line in lines:
        line.check()
    unresolved = [hit for hit in check_allergies(p, patient_id, lines) if not hit.overridden]
    if unresolved:
        hit = unresolved[0]
        raise errors.InvalidInputError(
            f"line {hit.line + 1} matches the recorded allergy '{hit.allergy}' ({hit.why}); "
            "give a reason to prescribe it anyway"
        )
    if weight_kg is not None and not 0 < weight_kg < 400:
        raise errors.InvalidInputError("the weight is out of range")
    if height_cm is not None and not 0 < height_cm < 300:
        raise errors.InvalidInputError("the height is out of range")
    with p.transaction():
        rx, _ = p.add_prescription(
            patient_id,
            [line.to_dict() for line in lines],
            notes=notes,
            consultation_id=consultation_id,
            weight_kg=weight_kg,
            height_cm=height_cm,
        )
        _to_treatments(p, patient_id, [line for line in lines if line.long_term])
    return rx


def _to_treatments(p: Practice, patient_id: str, lines: Sequence[RxLine]) -> None:
    """The lines the GP marked long-term join the chart's current treatments (once: a
    renewal does not list a drug twice)."""
    if not lines:
        return
    current = {
        fold(t["drug"] or "")
        for t in p.records("treatment", patient_id=patient_id)
        if not t.get("stopped")
    }
    today = dt.date.today().isoformat()
    for line in lines:
        if fold(line.drug) in current:
            continue
        current.add(fold(line.drug))
        p.create_record(
            "treatment",
            {"patient_id": patient_id, "drug": line.drug, "dosage": line.dosage or None,
             "started": today},
        )


def current_version(
    p: Practice, prescription_id: str
) -> tuple[Prescription, PrescriptionVersion]:
    """(the prescription, its current version), read through the audited chart."""
    head = p.get("prescription", prescription_id)
    if head is None or head.get("deleted"):
        raise errors.NotFoundError(f"no prescription with id {prescription_id}")
    chart = p.chart(head["patient_id"])
    for item in chart.prescriptions:
        if item.id == prescription_id and item.current is not None:
            return item, item.current
    raise errors.NotFoundError(f"prescription {prescription_id} has no content on this computer")


_DURATION = re.compile(r"(\d+)\s*(j|jours?|sem|semaines?|mois|ans?)\b")
_DAYS = {"j": 1, "jour": 1, "jours": 1, "sem": 7, "semaine": 7, "semaines": 7, "mois": 30,
         "an": 365, "ans": 365}  # fmt: skip


def duration_days(duration: str) -> int | None:
    """ "7 jours" -> 7, "3 sem." -> 21, "1 mois" -> 30; None when it says no length of
    time ("1 boîte", "si douleur")."""
    m = _DURATION.search(fold(duration))
    return int(m[1]) * _DAYS[m[2]] if m else None


def running_lines(chart: Chart, on: dt.date) -> list[RxLine]:
    """The lines of the chart's prescriptions still being taken on ``on``: written that
    day, or whose duration (times the renewals) has not run out; newest first."""
    out = []
    for rx in chart.prescriptions:
        version = rx.current
        written = (rx.prescribed_at or (version.created_at if version else "") or "")[:10]
        if rx.deleted or version is None or not written:
            continue
        day = dt.date.fromisoformat(written)
        for line in lines_of(version):
            days = duration_days(line.duration)
            lasts = day + dt.timedelta(days=days * (1 + line.renewals)) if days else day
            if day <= on and (day == on or on < lasts):
                out.append(line)
    return out


def lines_of(version: PrescriptionVersion) -> list[RxLine]:
    return [RxLine.from_dict({**line, "renewals": line.get("renewals") or 0})
            for line in version.lines or []]


def renew(p: Practice, prescription_id: str, *, weight_kg: float | None = None) -> str:
    """The same lines, dated today, for the same patient: the GP's commonest act."""
    item, version = current_version(p, prescription_id)
    return add(
        p,
        str(item.patient_id),
        lines_of(version),
        notes=version.notes,
        weight_kg=weight_kg if weight_kg is not None else version.weight_kg,
        height_cm=version.height_cm,
    )


# --- templates -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    lines: tuple[RxLine, ...]
    notes: str = ""


def templates(p: Practice) -> list[Template]:
    return [
        Template(
            r["id"],
            r["name"] or "",
            tuple(RxLine.from_dict(line) for line in r["lines"] or []),
            r["notes"] or "",
        )
        for r in p.records("prescription_template", order="name")
    ]


def save_template(p: Practice, name: str, lines: Iterable[RxLine], notes: str = "") -> str:
    """A named template (practice-wide); an existing name is replaced by the new lines."""
    name = name.strip()
    kept = [
        RxLine.from_dict({**line.to_dict(), "allergy": "", "override_reason": ""})
        for line in lines
    ]
    if not name or not kept:
        raise errors.InvalidInputError("a template has a name and at least one line")
    values = {"name": name, "lines": [line.to_dict() for line in kept], "notes": notes or None}
    with p.transaction():
        for old in p.records("prescription_template", name=name):
            p.update_record("prescription_template", old["id"], values)
            return str(old["id"])
        return p.create_record("prescription_template", {**values, "author_id": p.user_id})


def delete_template(p: Practice, template_id: str) -> None:
    p.delete_record("prescription_template", template_id)


# --- allergies -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AllergyHit:
    line: int  # index in the prescription
    drug: str
    allergy: str  # as recorded in the chart
    why: str  # "penicillins", or the substance
    overridden: bool


def check_allergies(p: Practice, patient_id: str, lines: Sequence[RxLine]) -> list[AllergyHit]:
    recorded = [a["substance"] for a in p.records("allergy", patient_id=patient_id)
                if a.get("substance")]
    return hits_for(recorded, lines)


def hits_for(recorded: Sequence[str], lines: Sequence[RxLine]) -> list[AllergyHit]:
    table = allergies.default_table()
    out = []
    for index, line in enumerate(lines):
        for allergy in recorded:
            why = table.match(allergy, line.molecules, line.atc)
            if why:
                overridden = bool(line.override_reason.strip())
                out.append(AllergyHit(index, line.drug, allergy, why, overridden))
    return out


# --- the paper -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PatientOnPaper:
    family_name: str
    given_names: str
    sex: str  # F, M, U
    birth_date: dt.date | None
    birth_name: str = ""
    nir: str = ""

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass(frozen=True, slots=True)
class Ordonnance:
    """Everything one printed ordonnance shows (R.5132-3), read in one go on the worker."""

    practice: PracticeDetails
    prescriber: Prescriber
    patient: PatientOnPaper
    on: dt.date
    lines: tuple[RxLine, ...]
    notes: str = ""
    weight_kg: float | None = None
    height_cm: float | None = None
    prescription_id: str = ""

    @property
    def bizone(self) -> bool:
        return any(line.ald for line in self.lines)

    @property
    def is_child(self) -> bool:
        age = self.patient.age_on(self.on)
        return age is not None and age < CHILD_UNDER_YEARS


def patient_on_paper(record: Mapping[str, Any]) -> PatientOnPaper:
    born = record.get("birth_date")
    return PatientOnPaper(
        family_name=str(record.get("family_name") or ""),
        given_names=str(record.get("given_names") or ""),
        sex=str(record.get("sex") or "U"),
        birth_date=dt.date.fromisoformat(born) if born else None,
        birth_name=str(record.get("birth_name") or ""),
        nir=str(record.get("nir") or ""),
    )


def ordonnance(p: Practice, prescription_id: str) -> Ordonnance:
    """The paper of a saved prescription, as its author signs it today or signed it then."""
    item, version = current_version(p, prescription_id)
    written = str(item.prescribed_at or "")[:10]
    return Ordonnance(
        practice=practitioners.practice_details(p),
        prescriber=practitioners.prescriber(p, item.author_id),
        patient=patient_on_paper(p.patient(str(item.patient_id))),
        on=dt.date.fromisoformat(written) if written else dt.date.today(),
        lines=tuple(lines_of(version)),
        notes=str(version.notes or ""),
        weight_kg=version.weight_kg,
        height_cm=version.height_cm,
        prescription_id=prescription_id,
    )


def latest_measures(chart: Chart) -> tuple[float | None, float | None]:
    """The patient's last weight and height from the consultations (newest first)."""
    weight = height = None
    for consult in chart.consultations:
        current = consult.current
        if current is not None:
            weight = weight if weight is not None else current.weight_kg
            height = height if height is not None else current.height_cm
    return weight, height
