"""The patient's one-page summary, the French "volet de synthèse médicale" in spirit:
identity, allergies, history, current treatments, vaccinations, last measurements, on
the practice's paper, signed."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtGui import QPagedPaintDevice

from desktop.practice.models import Chart
from desktop.practice.practitioners import PracticeDetails, Prescriber
from desktop.practice.prescriptions import running_lines
from desktop.practice.schema import NO_KNOWN_ALLERGY
from desktop.practice.textfold import fold
from desktop.reports.pdf import paint_html, render_pdf
from desktop.reports.prescription import (
    SEXES,
    age_text,
    decimal_text,
    header_html,
    signature_html,
)

KINDS = {"medical": "médical", "surgical": "chirurgical", "family": "familial",
         "obstetric": "obstétrical"}  # fmt: skip
MEASURES = (
    ("weight_kg", "Poids", "kg"), ("height_cm", "Taille", "cm"), ("bp", "Tension", "mmHg"),
    ("pulse", "Pouls", "/min"), ("temperature_c", "Température", "°C"), ("spo2", "SpO2", "%"),
)  # fmt: skip


def show_date(value: str | None) -> str:
    """'2026-03-12' -> '12/03/2026', '1975-06' -> '06/1975', '1975' stays."""
    if not value:
        return ""
    parts = str(value)[:10].split("-")
    return "/".join(reversed(parts))


def _measures(chart: Chart) -> list[str]:
    found: dict[str, tuple[Any, str]] = {}
    for consult in chart.consultations:  # newest first
        if consult.current is None:
            continue
        current = consult.current
        when = show_date(consult.started_at)
        values = current.fields()
        if current.bp_sys and current.bp_dia:
            values["bp"] = f"{current.bp_sys}/{current.bp_dia}"
        for key, *_ in MEASURES:
            if key not in found and values.get(key) is not None:
                found[key] = (values[key], when)
    out = []
    for key, label, unit in MEASURES:
        if key in found:
            value, when = found[key]
            shown = decimal_text(value) if isinstance(value, float) else str(value)
            out.append(f"{label} : {shown} {unit} ({when})")
    return out


def _section(title: str, items: list[str], empty: str) -> str:
    body = "<br/>".join(items) if items else f"<i>{escape(empty)}</i>"
    return f"<p><b>{escape(title)}</b><br/>{body}</p>"


def summary_html(chart: Chart, prescriber: Prescriber, practice: PracticeDetails,
                 on: dt.date) -> str:
    name = f"{(chart.family_name or '').upper()} {chart.given_names or ''}"
    if chart.birth_name and chart.birth_name.upper() != (chart.family_name or "").upper():
        name += f" (né(e) {chart.birth_name.upper()})"
    facts = [f"Sexe : {SEXES.get(chart.sex or '', 'non précisé')}"]
    if chart.birth_date:
        born = dt.date.fromisoformat(chart.birth_date)
        said = {"F": "Née", "M": "Né"}.get(chart.sex or "", "Né(e)")
        facts.append(f"{said} le {born:%d/%m/%Y} ({age_text(born, on)})")
    if chart.nir:
        facts.append(f"N° de sécurité sociale : {escape(chart.nir)}")
    where = " ".join(x for x in (chart.address, chart.postal_code, chart.city) if x)
    contact = " · ".join(x for x in (where, chart.phone) if x)
    allergies = [
        "<b>" + escape(a.substance or "") + "</b>"
        + "".join(f" — {escape(x)}" for x in (a.reaction, a.severity) if x)
        for a in chart.allergies
        if a.kind != NO_KNOWN_ALLERGY
    ]
    # "No known allergy" only when the chart says so: a colleague reads it as asked.
    said_none = any(a.kind == NO_KNOWN_ALLERGY for a in chart.allergies)
    no_allergy = "Aucune allergie connue" if said_none else "Allergies non renseignées"
    problems = []
    for x in chart.problems:
        text = escape(x.label or "")
        extra = [KINDS.get(x.kind or "", "")]
        if x.onset:
            extra.append(f"depuis {show_date(x.onset)}")
        if x.cim10:
            extra.append(f"CIM-10 {escape(x.cim10)}")
        if x.resolved:
            extra.append(f"résolu le {show_date(x.resolved)}")
        shown = ", ".join(e for e in extra if e)
        problems.append(text + (f" <small>({shown})</small>" if shown else ""))
    treatments = [
        escape(" — ".join(x for x in (t.drug, t.dosage) if x))
        + (f" <small>(depuis le {show_date(t.started)})</small>" if t.started else "")
        for t in chart.treatments
        if not t.stopped
    ]
    listed = {fold(t.drug or "") for t in chart.treatments if not t.stopped}
    for line in running_lines(chart, on):  # today's antibiotic is a current treatment too
        if fold(line.drug) not in listed:
            listed.add(fold(line.drug))
            treatments.append(escape(" — ".join(x for x in (line.drug, line.dosage) if x))
                              + (f" <small>({escape(line.duration)})</small>"
                                 if line.duration else ""))  # fmt: skip
    vaccines = [
        escape(v.vaccine or "") + f" — {show_date(v.given_on)}"
        + (f" <small>(lot {escape(v.lot)})</small>" if v.lot else "")
        for v in chart.vaccinations
    ]
    return f"""
{header_html(prescriber, practice)}
<p align="right">Le {on:%d/%m/%Y}</p>
<h2 align="center" style="font-size:14pt">SYNTHÈSE MÉDICALE</h2>
<p><b style="font-size:12pt">{escape(name.strip())}</b><br/>{" · ".join(facts)}
{"<br/>" + escape(contact) if contact else ""}</p>
{_section("Allergies et intolérances", allergies, no_allergy)}
{_section("Antécédents", problems, "Aucun antécédent noté")}
{_section("Traitements en cours", treatments, "Aucun traitement en cours")}
{_section("Vaccinations", vaccines, "Aucune vaccination notée")}
{_section("Dernières mesures", [escape(m) for m in _measures(chart)], "Aucune mesure notée")}
{signature_html(prescriber.practitioner, "Signature")}
"""


def render_summary(html: str) -> bytes:
    return render_pdf(html, title="Synthèse médicale")


def print_summary(device: QPagedPaintDevice, html: str) -> None:
    paint_html(html, device)


def summary_of(p: Any, patient_id: str, on: dt.date | None = None) -> str:
    """The summary's HTML for this patient, written by the practice's current user (the
    chart read is audited)."""
    from desktop.practice import practitioners

    return summary_html(
        p.chart(patient_id),
        practitioners.prescriber(p, p.user_id),
        practitioners.practice_details(p),
        on or dt.date.today(),
    )
