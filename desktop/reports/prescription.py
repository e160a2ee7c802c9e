"""The printed prescription (ordonnance): the practitioner's header, the patient, the lines."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from desktop.reports.pdf import write_pdf


def ordonnance_html(
    *,
    practice: dict[str, Any],
    doctor: dict[str, Any],
    patient: dict[str, Any],
    lines: list[dict[str, Any]],
    notes: str | None,
    on: dt.date,
) -> str:
    address = " ".join(
        escape(str(practice.get(k) or "")) for k in ("address", "postal_code", "city")
    ).strip()
    contact = escape(" · ".join(str(practice[k]) for k in ("phone", "email") if practice.get(k)))
    ids = escape(f"RPPS {doctor['rpps']}" if doctor.get("rpps") else "")
    name = escape(
        f"{(patient.get('family_name') or '').upper()} {patient.get('given_names') or ''}"
    )
    born = escape(patient.get("birth_date") or "")
    items = "".join(
        f"<li style='margin-bottom:10pt'><b>{escape(str(line.get('drug') or ''))}</b><br/>"
        f"{escape(str(line.get('dosage') or ''))}"
        + (f" — {escape(str(line['duration']))}" if line.get("duration") else "")
        + (f" — Qté : {escape(str(line['quantity']))}" if line.get("quantity") else "")
        + "</li>"
        for line in lines
    )
    return f"""
<table width="100%"><tr>
<td valign="top"><b style="font-size:13pt">{escape(doctor.get("display_name") or "")}</b><br/>
{escape(doctor.get("specialty") or "Médecine générale")}<br/>{ids}</td>
<td valign="top" align="right"><b>{escape(practice.get("name") or "")}</b><br/>{address}<br/>
{contact}</td></tr></table>
<hr/>
<p align="right">Le {on.strftime("%d/%m/%Y")}</p>
<p><b>{name}</b>{(" — né(e) le " + born) if born else ""}</p>
<h2 align="center">ORDONNANCE</h2>
<ol>{items}</ol>
{("<p>" + escape(notes) + "</p>") if notes else ""}
<p align="right" style="margin-top:40pt">Signature</p>
"""


def write_ordonnance(path: Path, **kw: Any) -> None:
    write_pdf(ordonnance_html(on=kw.pop("on", dt.date.today()), **kw), path, title="Ordonnance")
