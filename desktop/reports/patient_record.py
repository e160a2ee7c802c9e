"""The patient's whole record as a readable document (GDPR right of access): identity,
problems, allergies, treatments, vaccinations, every consultation and prescription with
their dates and authors, and the list of documents. HTML for Qt's PDF writer (pdf.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape
from typing import Any

from desktop.practice.models import Chart, Consultation, Prescription, Version

_SEX = {"F": "féminin", "M": "masculin", "U": "non précisé"}
_INS = {
    "provisoire": "provisoire",
    "recuperee": "récupérée",
    "validee": "validée",
    "qualifiee": "qualifiée",
}
_KIND = {"medical": "médical", "surgical": "chirurgical", "family": "familial", "other": "autre"}
_DOC_KIND = {"letter": "courrier", "result": "résultat", "scan": "imagerie", "other": "autre"}


def _d(value: str | None) -> str:
    """'2024-03-05' or '2024-03-05T09:30' -> '05/03/2024' or '05/03/2024 09:30'."""
    if not value:
        return ""
    day = f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return f"{day} {value[11:16]}" if len(value) > 10 else day


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _table(head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "<p><i>Aucun.</i></p>"
    th = "".join(f"<th align='left'>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    table = "<table width='100%' cellspacing='0' cellpadding='3' border='1'>"
    return f"{table}<tr>{th}</tr>{body}</table>"


def _identity(c: Chart) -> str:
    facts = [
        ("Nom", _e(c.family_name)),
        ("Nom de naissance", _e(c.birth_name)),
        ("Prénoms", _e(c.given_names)),
        ("Sexe", _SEX.get(c.sex or "U", "")),
        ("Date de naissance", _d(c.birth_date)),
        ("Lieu de naissance (code INSEE)", _e(c.birth_place_code)),
        ("NIR", _e(c.nir)),
        ("Statut de l'identité (INS)", _INS.get(c.ins_status or "", "")),
        ("Adresse", _e(" ".join(str(x or "") for x in (c.address, c.postal_code, c.city)))),
        ("Téléphone", _e(" · ".join(str(x) for x in (c.phone, c.phone2) if x))),
        ("Courriel", _e(c.email)),
        ("Médecin traitant", _e(c.referring_gp)),
        ("Assurance", _e(c.insurance)),
    ]
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in facts if v.strip())
    return f"<table cellpadding='2'>{rows}</table>"


def _vitals(v: Version) -> list[str]:
    vitals = []
    for value, label, unit in (
        (v.weight_kg, "Poids", "kg"),
        (v.height_cm, "Taille", "cm"),
        (v.pulse, "Pouls", "/min"),
        (v.temperature_c, "Température", "°C"),
        (v.spo2, "SpO2", "%"),
    ):
        if value is not None:
            vitals.append(f"{label} {value} {unit}")
    if v.bp_sys is not None:
        vitals.insert(0, f"TA {v.bp_sys}/{v.bp_dia or '?'} mmHg")
    return vitals


def _consultation(item: Consultation, who: Mapping[str, str]) -> str:
    head = f"<h3>{_d(item.started_at)} — {_e(who.get(item.author_id or '', '?'))}</h3>"
    v = item.current
    if v is None:  # the note is not on this computer yet
        return head + "<p></p>"
    parts = []
    if v.reason:
        parts.append(f"<b>Motif :</b> {_e(v.reason)}")
    if v.text:
        parts.append(_e(v.text).replace("\n", "<br/>"))
    for text, label in ((v.soap_s, "S"), (v.soap_o, "O"), (v.soap_a, "A"), (v.soap_p, "P")):
        if text:
            parts.append(f"<b>{label}</b> {_e(text)}")
    vitals = _vitals(v)
    if vitals:
        parts.append("<b>Constantes :</b> " + _e(" · ".join(vitals)))
    diagnoses = [
        f"{_e(d.get('label'))}" + (f" ({_e(d['cim10'])})" if d.get("cim10") else "")
        for d in v.diagnoses or []
        if isinstance(d, Mapping)
    ]
    if diagnoses:
        parts.append("<b>Diagnostic :</b> " + ", ".join(diagnoses))
    if len(item.versions) > 1:
        parts.append(
            f"<i>Note modifiée : {len(item.versions)} versions, la dernière le "
            f"{_d(v.created_at)} par {_e(who.get(v.author_id or '', '?'))}.</i>"
        )
    return head + "<p>" + "<br/>".join(parts) + "</p>"


def _prescription(item: Prescription, who: Mapping[str, str]) -> str:
    v = item.current
    lines = "".join(
        f"<li><b>{_e(line.get('drug'))}</b> {_e(line.get('dosage'))}"
        + (f" — {_e(line['duration'])}" if line.get("duration") else "")
        + (f" — {_e(line['quantity'])}" if line.get("quantity") else "")
        + "</li>"
        for line in (v.lines if v is not None else None) or []
        if isinstance(line, Mapping)
    )
    notes = f"<p>{_e(v.notes)}</p>" if v is not None and v.notes else ""
    author = _e(who.get(item.author_id or "", "?"))
    return f"<h3>{_d(item.prescribed_at)} — {author}</h3><ul>{lines}</ul>{notes}"


def record_html(
    chart: Chart,
    *,
    practice: Mapping[str, Any],
    authors: Mapping[str, str],
    on: dt.date,
) -> str:
    """``authors``: user id -> display name, for every author named in the chart."""
    name = f"{_e((chart.family_name or '').upper())} {_e(chart.given_names)}"
    problems = [
        [_e(p.label), _e(p.cim10), _KIND.get(p.kind or "", ""), _d(p.onset), _d(p.resolved)]
        for p in chart.problems
    ]
    allergies = [[_e(a.substance), _e(a.reaction), _e(a.severity)] for a in chart.allergies]
    treatments = [
        [_e(t.drug), _e(t.dosage), _d(t.started), _d(t.stopped) or "en cours"]
        for t in chart.treatments
    ]
    vaccinations = [[_d(v.given_on), _e(v.vaccine), _e(v.lot)] for v in chart.vaccinations]
    documents = [
        [_d(d.received_at), _e(d.title), _DOC_KIND.get(d.kind or "", ""), _e(d.filename)]
        for d in chart.documents
    ]
    consultations = "".join(_consultation(c, authors) for c in chart.consultations)
    prescriptions = "".join(_prescription(p, authors) for p in chart.prescriptions)
    return f"""
<p align="right"><b>{_e(practice.get("name"))}</b><br/>
{_e(" ".join(str(practice.get(k) or "") for k in ("address", "postal_code", "city")))}</p>
<h1>Dossier médical de {name}</h1>
<p>Copie complète du dossier, remise au patient le {on.strftime("%d/%m/%Y")}
(droit d'accès et de portabilité, RGPD articles 15 et 20).</p>
<h2>Identité</h2>{_identity(chart)}
<h2>Problèmes et antécédents</h2>
{_table(["Problème", "CIM-10", "Type", "Début", "Résolu le"], problems)}
<h2>Allergies et intolérances</h2>{_table(["Substance", "Réaction", "Sévérité"], allergies)}
<h2>Traitements</h2>{_table(["Médicament", "Posologie", "Début", "Fin"], treatments)}
<h2>Vaccinations</h2>{_table(["Date", "Vaccin", "Lot"], vaccinations)}
<h2>Consultations ({len(chart.consultations)})</h2>
{consultations or "<p><i>Aucune.</i></p>"}
<h2>Ordonnances ({len(chart.prescriptions)})</h2>
{prescriptions or "<p><i>Aucune.</i></p>"}
<h2>Documents</h2>{_table(["Reçu le", "Titre", "Type", "Fichier"], documents)}
<p>Les documents eux-mêmes sont dans le dossier « documents » de cette archive, et tout
le dossier au format FHIR R4 dans « dossier-fhir.json ».</p>
"""
