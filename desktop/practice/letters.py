"""Letters and certificates from templates that fill in the practice, the practitioner
and the patient; the result is saved in the chart as a document (a PDF).

The shipped templates are in resources/letters/templates.toml; a practice's own version
of one (a ``letter_template`` record, synced) replaces it by name. Fields are
``${name}`` (string.Template): a brace or a dollar the GP types stays as typed.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.practice import errors, practitioners, prescriptions
from desktop.practice.models import Chart
from desktop.practice.schema import NO_KNOWN_ALLERGY
from desktop.practice.store import Practice
from desktop.practice.textfold import fold, paper_name

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "letters" / "templates.toml"
KINDS = ("letter", "certificate")
FIELDS = (
    "patient_title", "patient_name", "patient_birth_date", "patient_age", "problems",
    "allergies", "treatments", "practitioner", "practitioner_qualification", "rpps",
    "practice", "practice_address", "city", "date",
    "patient_born", "patient_concerned", "practitioner_and_qualification",
    "consultation_reason",
)  # fmt: skip
"""The last three agree with the chart and the profile: "né" or "née" by the patient's
sex (né(e) when the chart has none), "l'intéressé" or "l'intéressée", and the
practitioner followed by the qualification only when the profile has one (no ", ,").
``consultation_reason``: the reason of the day's last consultation, or the blank
"[motif de la consultation]" for the GP to fill in."""


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    name: str
    kind: str  # letter | certificate
    body: str
    id: str = ""  # the practice's record; empty for a shipped template


@functools.cache
def shipped() -> tuple[LetterTemplate, ...]:
    with SHIPPED.open("rb") as f:
        data = tomllib.load(f)
    return tuple(
        LetterTemplate(t["name"], t["kind"], str(t["body"]).strip() + "\n")
        for t in data["template"]
    )


def templates(p: Practice) -> list[LetterTemplate]:
    """The practice's templates: its own, and the shipped ones it has not replaced."""
    own = [
        LetterTemplate(r["name"] or "", r["kind"] or "letter", r["body"] or "", r["id"])
        for r in p.records("letter_template", order="name")
    ]
    names = {t.name for t in own}
    return own + [t for t in shipped() if t.name not in names]


def template(p: Practice, name: str) -> LetterTemplate:
    for t in templates(p):
        if t.name == name:
            return t
    known = ", ".join(t.name for t in templates(p))
    raise errors.NotFoundError(f"no letter template named '{name}' (templates: {known})")


def save_template(p: Practice, name: str, kind: str, body: str) -> str:
    """The practice's version of a template (new, or replacing one of the same name)."""
    name = name.strip()
    if not name or not body.strip():
        raise errors.InvalidInputError("a template has a name and a text")
    if kind not in KINDS:
        raise errors.InvalidInputError("a template is a letter or a certificate")
    values = {"name": name, "kind": kind, "body": body}
    with p.transaction():
        for old in p.records("letter_template", name=name):
            p.update_record("letter_template", old["id"], values)
            return str(old["id"])
        return p.create_record("letter_template", {**values, "author_id": p.user_id})


def _allergies(chart: Chart) -> str:
    """The allergies recorded; "aucune connue" only when the chart says so (the statement
    "no known allergy"), "non renseignées" when nobody asked."""
    named = [a.substance for a in chart.allergies if a.substance and a.kind != NO_KNOWN_ALLERGY]
    if named:
        return ", ".join(named)
    if any(a.kind == NO_KNOWN_ALLERGY for a in chart.allergies):
        return "aucune connue"
    return "non renseignées"


def _years(born: str | None, on: dt.date) -> int | None:
    if not born or len(born) < 10:
        return None
    b = dt.date.fromisoformat(born[:10])
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def _age(born: str | None, on: dt.date) -> str:
    years = _years(born, on)
    if years is None:
        return ""
    return f"{years} an{'s' if years > 1 else ''}"


def _in_a_sentence(reason: str) -> str:
    """"Toux sèche" after "pour": "toux sèche"; an acronym ("HTA") stays as typed."""
    if len(reason) > 1 and reason[0].isupper() and reason[1].islower():
        return reason[0].lower() + reason[1:]
    return reason


def context(p: Practice, patient_id: str, on: dt.date) -> dict[str, str]:
    """The values of every field, read once (the chart read is audited)."""
    chart = p.chart(patient_id)
    me = practitioners.prescriber(p, p.user_id).practitioner
    place = practitioners.practice_details(p)
    born = chart.birth_date
    live_problems = [x.label for x in chart.problems if x.label and not x.resolved]
    current = [t for t in chart.treatments if not t.stopped and t.drug]
    treatments = [" ".join(x for x in (t.drug, t.dosage) if x) for t in current]
    listed = {fold(t.drug or "") for t in current}
    for line in prescriptions.running_lines(chart, on):  # today's antibiotic is one too
        if fold(line.drug) not in listed:
            listed.add(fold(line.drug))
            treatments.append(f"{line.drug} ({line.dosage})" if line.dosage else line.drug)
    years = _years(born, on)
    todays = [
        c.current.reason
        for c in chart.consultations  # newest first
        if c.current is not None and c.current.reason and (c.started_at or "")[:10] == str(on)
    ]
    return {
        "consultation_reason": (
            _in_a_sentence(todays[0]) if todays else "[motif de la consultation]"
        ),
        # "Madame" for a girl of 12 read oddly to a colleague: a child is "l'enfant"
        "patient_title": (
            "l'enfant"
            if years is not None and years < prescriptions.CHILD_UNDER_YEARS
            else {"F": "Madame", "M": "Monsieur"}.get(chart.sex or "", "")
        ),
        "patient_name": f"{chart.given_names or ''} {(chart.family_name or '').upper()}".strip(),
        "patient_birth_date": dt.date.fromisoformat(born).strftime("%d/%m/%Y") if born else "",
        "patient_age": _age(born, on),
        "problems": ", ".join(live_problems) or "aucun connu",
        "allergies": _allergies(chart),
        "treatments": "; ".join(t for t in treatments if t) or "aucun",
        "practitioner": me.full_name,
        "practitioner_qualification": me.qualification or me.specialty or "",
        "practitioner_and_qualification": ", ".join(
            x for x in (me.full_name, me.qualification or me.specialty) if x
        ),
        "patient_born": {"F": "née", "M": "né"}.get(chart.sex or "", "né(e)"),
        "patient_concerned": {"F": "l'intéressée", "M": "l'intéressé"}.get(
            chart.sex or "", "l'intéressé(e)"
        ),
        "rpps": me.rpps,
        "practice": place.name,
        "practice_address": " ".join(x for x in (place.address, place.postal_code, place.city)
                                     if x),
        "city": me.city or place.city,
        "date": on.strftime("%d/%m/%Y"),
    }


def fill(body: str, values: Mapping[str, str]) -> str:
    """``${field}`` replaced; unknown fields and stray dollars left as typed."""
    return string.Template(body).safe_substitute(values)


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter ready to print: its template, its final text, who writes and where."""

    template: LetterTemplate
    text: str
    on: dt.date
    prescriber: practitioners.Prescriber
    practice: practitioners.PracticeDetails
    patient_family_name: str


def draft(p: Practice, patient_id: str, name: str, on: dt.date | None = None) -> Letter:
    """The template filled in for this patient, for the GP to complete."""
    day = on or dt.date.today()
    chosen = template(p, name)
    return letter(p, patient_id, chosen, fill(chosen.body, context(p, patient_id, day)), day)


def letter(
    p: Practice, patient_id: str, chosen: LetterTemplate, text: str, on: dt.date | None = None
) -> Letter:
    if not text.strip():
        raise errors.InvalidInputError("the letter is empty")
    return Letter(
        chosen,
        text,
        on or dt.date.today(),
        practitioners.prescriber(p, p.user_id),
        practitioners.practice_details(p),
        str(p.patient(patient_id).get("family_name") or ""),
    )


def keep_in_chart(p: Practice, patient_id: str, made: Letter, pdf: bytes) -> str:
    """Save the printed letter in the chart as a document; returns its id."""
    slug = "certificat" if made.template.kind == "certificate" else "courrier"
    return p.add_document(
        patient_id,
        pdf,
        title=made.template.name,
        filename=paper_name(slug, made.patient_family_name, made.on),
        mime="application/pdf",
        kind="letter",
    )
