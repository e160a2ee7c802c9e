"""A letter or certificate on the practice's paper: the same head as the ordonnance,
the place and date, a title, the text the GP completed, and the signature."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QPagedPaintDevice

from desktop.practice.letters import Letter
from desktop.reports.pdf import paint_html, render_pdf
from desktop.reports.prescription import header_html, signature_html


def letter_html(made: Letter) -> str:
    who = made.prescriber.practitioner
    city = who.city or made.practice.city
    where = f"{escape(city)}, le " if city else "Le "
    if made.template.kind == "certificate":
        name = escape(made.template.name.upper())
        title = f"<h2 align='center' style='font-size:14pt'>{name}</h2>"
    else:
        title = f"<p><b>Objet : {escape(made.template.name)}</b></p>"
    paragraphs = "".join(
        f"<p>{'<br/>'.join(escape(line) for line in block.splitlines())}</p>"
        for block in made.text.strip().split("\n\n")
        if block.strip()
    )
    return f"""
{header_html(made.prescriber, made.practice)}
<p align="right">{where}{made.on.strftime("%d/%m/%Y")}</p>
{title}
{paragraphs}
{signature_html(who, "Signature")}
"""


def render_letter(made: Letter) -> bytes:
    return render_pdf(letter_html(made), title=made.template.name)


def print_letter(device: QPagedPaintDevice, made: Letter) -> None:
    paint_html(letter_html(made), device)
