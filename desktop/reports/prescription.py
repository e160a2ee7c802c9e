"""The printed ordonnance, with what French law requires on it (CSP art. R.5132-3).

Prescriber: full name, qualification or specialty, RPPS identifier, professional
address with "France", phone with "+33", email, signature, date; a locum is named as
"remplaçant du Dr …". Patient: full name, sex, date of birth, and weight and height
for a child (or when given). Each line: the DCI, the posology, the duration or the
number of boxes, the renewals. The ALD layout is the bizone form (the two zones of the
Assurance Maladie's ordonnance). The signature sits right under the last line
(R.5132-4: nothing can be added between them).
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice

from desktop.practice import errors
from desktop.practice.files import write_private_durably
from desktop.practice.practitioners import (
    PracticeDetails,
    Practitioner,
    Prescriber,
    address_on_paper,
)
from desktop.practice.prescriptions import Ordonnance, RxLine
from desktop.practice.textfold import paper_name
from desktop.reports.pdf import paint_html, render_pdf

ALD_ZONE = (
    "Prescriptions relatives au traitement de l'affection de longue durée reconnue "
    "(liste ou hors liste) (AFFECTION EXONÉRANTE)"
)
OTHER_ZONE = "Prescriptions SANS RAPPORT avec l'affection de longue durée (MALADIES INTERCURRENTES)"
SEXES = {"F": "féminin", "M": "masculin"}


def international_phone(phone: str) -> str:
    """'01 23 45 67 89' -> '+33 1 23 45 67 89' (R.5132-3 asks for the +33 prefix)."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("+"):
        return phone.strip()
    if digits.startswith("0033"):
        digits = "0" + digits[4:]
    if len(digits) == 10 and digits.startswith("0"):
        rest = digits[1:]
        return "+33 " + rest[0] + " " + " ".join(rest[i : i + 2] for i in range(1, 9, 2))
    return phone.strip()


def decimal_text(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def age_text(born: dt.date, on: dt.date) -> str:
    """'55 ans', '1 an', and in months below 2 years ('18 mois'): doses go by it."""
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    if months < 24:
        return f"{max(months, 0)} mois"
    years = months // 12
    return f"{years} an{'s' if years > 1 else ''}"


def _prescriber_html(prescriber: Prescriber) -> str:
    who, replaced = prescriber.practitioner, prescriber.replaces
    rows = [f"<b style='font-size:13pt'>{escape(who.full_name or '')}</b>"]
    for text in (who.qualification, who.specialty):
        if text:
            rows.append(escape(text))
    if who.locum:
        target = replaced.full_name if replaced else ""
        target = re.sub(r"^(Dr|Docteur)\s+", "", target)
        rows.append(f"<i>Remplaçant du Dr {escape(target)}</i>" if target else
                    "<i>Médecin remplaçant</i>")
    if who.rpps:
        rows.append(f"RPPS : {escape(who.rpps)}")
    if who.am_number:
        rows.append(f"N° AM : {escape(who.am_number)}")
    if who.locum and replaced is not None and replaced.rpps:
        rows.append(f"<small>RPPS du Dr {escape(replaced.family_name.upper())} : "
                    f"{escape(replaced.rpps)}</small>")
    return "<br/>".join(rows)


def _practice_html(prescriber: Prescriber, practice: PracticeDetails) -> str:
    who = prescriber.practitioner
    street, town, country = address_on_paper(who, practice)
    phone = who.phone or practice.phone
    email = who.email or practice.email
    rows = []
    if practice.name:
        rows.append(f"<b>{escape(practice.name)}</b>")
    rows += [escape(x) for x in (street, town) if x]
    rows.append(country)
    if phone:
        rows.append(f"Tél. : {escape(international_phone(phone))}")
    if email:
        rows.append(f"Courriel : {escape(email)}")
    if practice.finess:
        rows.append(f"FINESS : {escape(practice.finess)}")
    return "<br/>".join(rows)


def _patient_html(o: Ordonnance) -> str:
    pt = o.patient
    name = f"{pt.family_name.upper()} {pt.given_names}".strip()
    if pt.birth_name and pt.birth_name.upper() != pt.family_name.upper():
        born_as = {"F": "née", "M": "né"}.get(pt.sex, "né(e)")
        name += f" ({born_as} {pt.birth_name.upper()})"
    facts = [f"Sexe : {SEXES.get(pt.sex, 'non précisé')}"]
    if pt.birth_date is not None:
        born = {"F": "Née", "M": "Né"}.get(pt.sex, "Né(e)")
        day = pt.birth_date.strftime("%d/%m/%Y")
        facts.append(f"{born} le {day} ({age_text(pt.birth_date, o.on)})")
    if o.weight_kg:
        facts.append(f"Poids : {decimal_text(o.weight_kg)} kg")
    if o.height_cm:
        facts.append(f"Taille : {decimal_text(o.height_cm)} cm")
    if o.bizone and pt.nir:
        facts.append(f"N° d'immatriculation : {escape(pt.nir)}")
    return f"<p><b style='font-size:12pt'>{escape(name)}</b><br/>{' · '.join(facts)}</p>"


def _line_html(number: int, line: RxLine) -> str:
    head = ""
    if line.non_substitutable:
        reason = f" ({escape(line.ns_reason)})" if line.ns_reason else ""
        head = f"<b>NON SUBSTITUABLE{reason}</b> "
    head += f"<b>{escape(line.drug)}</b>"
    if line.brand and line.brand.lower() != line.drug.lower():
        head += f" <small>({escape(line.brand)})</small>"
    details = []
    if line.dosage:
        details.append(escape(line.dosage))
    if line.duration:
        details.append(f"Durée : {escape(line.duration)}")
    if line.quantity:
        details.append(f"Quantité : {escape(line.quantity)}")
    if line.renewals:
        details.append(f"À renouveler {line.renewals} fois")
    return (
        f"<tr><td width='4%' valign='top'><b>{number}.</b></td>"
        f"<td valign='top'>{head}<br/>{'<br/>'.join(details)}</td></tr>"
    )


def _lines_table(lines: list[RxLine], start: int) -> str:
    rows = "".join(_line_html(start + i, line) for i, line in enumerate(lines))
    return f"<table width='100%' cellspacing='0' cellpadding='5'>{rows}</table>" if rows else ""


def _zone(title: str, lines: list[RxLine], start: int) -> str:
    body = _lines_table(lines, start)
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='6' "
        "style='border-style:solid; border-color:#000'>"
        f"<tr><td><p style='font-size:8pt'><b>{escape(title)}</b></p>{body or '<br/>'}"
        "</td></tr></table>"
    )


def ordonnance_html(o: Ordonnance) -> str:
    lines = list(o.lines)
    if o.bizone:
        ald = [line for line in lines if line.ald]
        other = [line for line in lines if not line.ald]
        body = _zone(ALD_ZONE, ald, 1) + "<p></p>" + _zone(OTHER_ZONE, other, len(ald) + 1)
        title = "ORDONNANCE BIZONE (ALD)"
    else:
        body = _lines_table(lines, 1)
        title = "ORDONNANCE"
    notes = f"<p>{escape(o.notes)}</p>" if o.notes else ""
    count = len(lines)
    who = o.prescriber.practitioner
    return f"""
{header_html(o.prescriber, o.practice)}
<p align="right">Le {o.on.strftime("%d/%m/%Y")}</p>
{_patient_html(o)}
<h2 align="center" style="font-size:14pt">{title}</h2>
{body}
{notes}
<p style="font-size:8pt">{count} ligne{"s" if count > 1 else ""} de prescription.</p>
{signature_html(who, "Signature du prescripteur")}
"""


def header_html(prescriber: Prescriber, practice: PracticeDetails) -> str:
    """Who writes (left) and where (right): the head of every page of the practice."""
    return f"""
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td width="55%" valign="top">{_prescriber_html(prescriber)}</td>
<td width="45%" valign="top" align="right">{_practice_html(prescriber, practice)}</td>
</tr></table>
<hr/>"""


def signature_html(who: Practitioner, caption: str) -> str:
    return f"""
<table width="100%" cellspacing="0" cellpadding="0"><tr><td width="50%"></td><td width="50%">
<table width="100%" border="1" cellspacing="0" cellpadding="6" style="border-style:solid">
<tr><td><small>{escape(caption)}</small><br/><br/><br/><br/><br/>
<small>{escape(who.full_name)}</small></td></tr></table>
</td></tr></table>"""


def render_ordonnance(o: Ordonnance) -> bytes:
    return render_pdf(ordonnance_html(o), title="Ordonnance")


def write_ordonnance(path: Path, o: Ordonnance) -> None:
    """The PDF, written privately (0600) and durably: it names a patient."""
    write_private_durably_or_say(path, render_ordonnance(o))


def write_private_durably_or_say(path: Path, data: bytes) -> None:
    """Write a patient's paper privately and durably, or say why not in a sentence."""
    try:
        write_private_durably(path, data)
    except OSError as exc:
        raise errors.StorageError(
            f"cannot write {path} ({exc.strerror or exc.__class__.__name__}); choose another "
            "folder"
        ) from exc


def print_ordonnance(device: QPagedPaintDevice, o: Ordonnance) -> None:
    """The same pages on a printer (configured by QPrintDialog), from any thread."""
    paint_html(ordonnance_html(o), device)


def file_name(o: Ordonnance) -> str:
    return pdf_name(o.patient.family_name, o.on)


def pdf_name(family_name: str, on: dt.date, kind: str = "ordonnance") -> str:
    return paper_name(kind, family_name, on)
