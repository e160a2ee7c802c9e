"""The patient's whole record as a readable document (GDPR right of access): identity,
problems, allergies, treatments, vaccinations, every consultation and prescription with
their dates and authors, and the list of documents. HTML for Qt's PDF writer (pdf.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape
from typing import Any

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


def _identity(c: Mapping[str, Any]) -> str:
    facts = [
        ("Nom", _e(c.get("family_name"))),
        ("Nom de naissance", _e(c.get("birth_name"))),
        ("Prénoms", _e(c.get("given_names"))),
        ("Sexe", _SEX.get(c.get("sex") or "U", "")),
        ("Date de naissance", _d(c.get("birth_date"))),
        ("Lieu de naissance (code INSEE)", _e(c.get("birth_place_code"))),
        ("NIR", _e(c.get("nir"))),
        ("Statut de l'identité (INS)", _INS.get(c.get("ins_status") or "", "")),
        ("Adresse", _e(" ".join(str(c.get(k) or "") for k in ("address", "postal_code", "city")))),
        ("Téléphone", _e(" · ".join(str(c[k]) for k in ("phone", "phone2") if c.get(k)))),
        ("Courriel", _e(c.get("email"))),
        ("Médecin traitant", _e(c.get("referring_gp"))),
        ("Assurance", _e(c.get("insurance"))),
    ]
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in facts if v.strip())
    return f"<table cellpadding='2'>{rows}</table>"


def _consultation(item: Mapping[str, Any], who: Mapping[str, str]) -> str:
    v = item.get("current") or {}
    head = (
        f"<h3>{_d(item.get('started_at'))} — {_e(who.get(item.get('author_id') or '', '?'))}</h3>"
    )
    parts = []
    if v.get("reason"):
        parts.append(f"<b>Motif :</b> {_e(v['reason'])}")
    if v.get("text"):
        parts.append(_e(v["text"]).replace("\n", "<br/>"))
    for key, label in (("soap_s", "S"), ("soap_o", "O"), ("soap_a", "A"), ("soap_p", "P")):
        if v.get(key):
            parts.append(f"<b>{label}</b> {_e(v[key])}")
    vitals = []
    for key, label, unit in (
        ("weight_kg", "Poids", "kg"),
        ("height_cm", "Taille", "cm"),
        ("pulse", "Pouls", "/min"),
        ("temperature_c", "Température", "°C"),
        ("spo2", "SpO2", "%"),
    ):
        if v.get(key) is not None:
            vitals.append(f"{label} {v[key]} {unit}")
    if v.get("bp_sys") is not None:
        vitals.insert(0, f"TA {v['bp_sys']}/{v.get('bp_dia') or '?'} mmHg")
    if vitals:
        parts.append("<b>Constantes :</b> " + _e(" · ".join(vitals)))
    diagnoses = [
        f"{_e(d.get('label'))}" + (f" ({_e(d['cim10'])})" if d.get("cim10") else "")
        for d in v.get("diagnoses") or []
        if isinstance(d, dict)
    ]
    if diagnoses:
        parts.append("<b>Diagnostic :</b> " + ", ".join(diagnoses))
    versions = item.get("versions") or []
    if len(versions) > 1:
        parts.append(
            f"<i>Note modifiée : {len(versions)} versions, la dernière le "
            f"{_d(v.get('created_at'))} par {_e(who.get(v.get('author_id') or '', '?'))}.</i>"
        )
    return head + "<p>" + "<br/>".join(parts) + "</p>"


def _prescription(item: Mapping[str, Any], who: Mapping[str, str]) -> str:
    v = item.get("current") or {}
    lines = "".join(
        f"<li><b>{_e(line.get('drug'))}</b> {_e(line.get('dosage'))}"
        + (f" — {_e(line['duration'])}" if line.get("duration") else "")
        + (f" — {_e(line['quantity'])}" if line.get("quantity") else "")
        + "</li>"
        for line in v.get("lines") or []
        if isinstance(line, dict)
    )
    notes = f"<p>{_e(v['notes'])}</p>" if v.get("notes") else ""
    author = _e(who.get(item.get("author_id") or "", "?"))
    return f"<h3>{_d(item.get('prescribed_at'))} — {author}</h3><ul>{lines}</ul>{notes}"


def record_html(
    chart: Mapping[str, Any],
    *,
    practice: Mapping[str, Any],
    authors: Mapping[str, str],
    on: dt.date,
) -> str:
    """``authors``: user id -> display name, for every author named in the chart."""
    name = f"{_e((chart.get('family_name') or '').upper())} {_e(chart.get('given_names'))}"
    problems = [
        [_e(p.get("label")), _e(p.get("cim10")), _KIND.get(p.get("kind") or "", ""),
         _d(p.get("onset")), _d(p.get("resolved"))]
        for p in chart.get("problems") or []
    ]  # fmt: skip
    allergies = [
        [_e(a.get("substance")), _e(a.get("reaction")), _e(a.get("severity"))]
        for a in chart.get("allergies") or []
    ]
    treatments = [
        [_e(t.get("drug")), _e(t.get("dosage")), _d(t.get("started")),
         _d(t.get("stopped")) or "en cours"]
        for t in chart.get("treatments") or []
    ]  # fmt: skip
    vaccinations = [
        [_d(v.get("given_on")), _e(v.get("vaccine")), _e(v.get("lot"))]
        for v in chart.get("vaccinations") or []
    ]
    documents = [
        [_d(d.get("received_at")), _e(d.get("title")), _DOC_KIND.get(d.get("kind") or "", ""),
         _e(d.get("filename"))]
        for d in chart.get("documents") or []
    ]  # fmt: skip
    consultations = "".join(_consultation(c, authors) for c in chart.get("consultations") or [])
    prescriptions = "".join(_prescription(p, authors) for p in chart.get("prescriptions") or [])
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
<h2>Consultations ({len(chart.get("consultations") or [])})</h2>
{consultations or "<p><i>Aucune.</i></p>"}
<h2>Ordonnances ({len(chart.get("prescriptions") or [])})</h2>
{prescriptions or "<p><i>Aucune.</i></p>"}
<h2>Documents</h2>{_table(["Reçu le", "Titre", "Type", "Fichier"], documents)}
<p>Les documents eux-mêmes sont dans le dossier « documents » de cette archive, et tout
le dossier au format FHIR R4 dans « dossier-fhir.json ».</p>
"""
