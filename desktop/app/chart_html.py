"""The chart as rich text: the identity header, the summary of each section, and the full
detail of a consultation or prescription with every field that was typed (reason, text
and SOAP with their line breaks, every vital, diagnoses with their codes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.app.allergy_status import real_allergies, statement
from desktop.app.dates import age_text, born_text, show_date, show_datetime
from desktop.app.document_attach import kind_label
from desktop.app.growth import growth_points, is_child
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.identity_text import birth_name_shown, show_nir, show_phone, unbroken
from desktop.app.lab_results import latest_items
from desktop.app.numbers import show_number
from desktop.app.vitals import BY_NAME, bmi, vitals_summary
from desktop.practice.audit_query import AccessEntry
from desktop.practice.models import (
    Allergy,
    Chart,
    Consultation,
    Document,
    Prescription,
    PrescriptionVersion,
    Problem,
    Row,
    Treatment,
    Vaccination,
    Version,
)

RED = "#c00000"
SEXES = {
    "F": QT_TRANSLATE_NOOP("chart", "Woman"),
    "M": QT_TRANSLATE_NOOP("chart", "Man"),
}
PROBLEM_KINDS = {
    "medical": QT_TRANSLATE_NOOP("chart", "Medical"),
    "surgical": QT_TRANSLATE_NOOP("chart", "Surgical"),
    "family": QT_TRANSLATE_NOOP("chart", "Family"),
    "obstetric": QT_TRANSLATE_NOOP("chart", "Obstetric"),
    "other": QT_TRANSLATE_NOOP("chart", "Other"),
}
SOAP_LABELS = (
    ("soap_s", QT_TRANSLATE_NOOP("chart", "S (subjective)")),
    ("soap_o", QT_TRANSLATE_NOOP("chart", "O (objective)")),
    ("soap_a", QT_TRANSLATE_NOOP("chart", "A (assessment)")),
    ("soap_p", QT_TRANSLATE_NOOP("chart", "P (plan)")),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("chart", text)


def lines(text: str | None) -> str:
    """Plain text as HTML, its line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


def allergy_text(a: Allergy) -> str:
    details = ", ".join(p for p in (a.reaction, a.severity) if p)
    return (a.substance or "?") + (f" ({details})" if details else "")


GREEN = "#1d6b2f"
AMBER = "#8a5a00"


def statement_text(stamp: AccessEntry | None) -> str:
    """ "No known allergy (recorded 02/12/2026 by Dr Martin)", or without its stamp while
    the audit is still being read (or if it never reached this computer)."""
    text = QCoreApplication.translate("chart", "No known allergy")
    if stamp is not None:
        text += " " + QCoreApplication.translate("chart", "(recorded {0} by {1})").format(
            show_date(stamp.at[:10]), stamp.user_name
        )
    return text


def statement_link(said: Allergy, stamp: AccessEntry | None) -> str:
    """The summary's "no known allergy": a link that offers to withdraw it (recorded by
    mistake, or for the wrong patient)."""
    shown = f"<span style='color:{GREEN}'>{escape(statement_text(stamp))}</span>"
    return f"<a href='no-known-allergy:{escape(said.id)}'>{shown}</a>"


def allergy_line(c: Chart, stamp: AccessEntry | None = None) -> str:
    """The header's allergy line: the allergies in red; else the statement "no known
    allergy", dated and signed; else, in another colour, that nobody recorded either (a
    GP must not read "asked, none" into an empty line). Nothing for the front desk."""
    allergies = real_allergies(c.allergies)
    if allergies:
        listed = ", ".join(escape(allergy_text(a)) for a in allergies)
        line = escape(QCoreApplication.translate("chart", "Allergies: {0}")).format(listed)
        return f"<b style='color:{RED}'>{line}</b>"
    if c.front_desk:
        return ""
    if statement(c.allergies) is not None:
        return f"<b style='color:{GREEN}'>{escape(statement_text(stamp))}</b>"
    unknown = QCoreApplication.translate("chart", "Allergies not documented")
    return f"<i style='color:{AMBER}'>{escape(unknown)}</i>"


def header_html(c: Chart, stamp: AccessEntry | None = None) -> str:
    name = escape(c.full_name())
    born_as = birth_name_shown(c.sex, c.family_name, c.birth_name)
    if born_as:
        name += f" <small>({escape(born_as)})</small>"
    facts = [
        _t(SEXES[c.sex]) if c.sex in SEXES else "",
        born_text(c.sex, c.birth_date),
        age_text(c.birth_date),
        unbroken(show_nir(c.nir)),
        unbroken(show_phone(c.phone)),
    ]
    html = f"<h2 style='margin:0'>{name}</h2>{escape(' · '.join(f for f in facts if f))}"
    line = allergy_line(c, stamp)
    return html + (f"<br/>{line}" if line else "")


def link(kind: str, record: Row, html: str) -> str:
    """An entry of the summary that opens its edit dialog when clicked (or Enter)."""
    return f"<a href='{kind}:{escape(record.id)}'>{html}</a>"


def problem_text(p: Problem) -> str:
    text = link("problem", p, escape(p.label or ""))
    if p.cim10:
        text += f" <small>({escape(p.cim10)})</small>"
    facts = []
    if p.kind in PROBLEM_KINDS and p.kind != "medical":
        facts.append(_t(PROBLEM_KINDS[p.kind]))
    if p.onset:
        facts.append(QCoreApplication.translate("chart", "since {0}").format(show_date(p.onset)))
    if p.resolved:
        facts.append(
            QCoreApplication.translate("chart", "resolved {0}").format(show_date(p.resolved))
        )
    if facts:
        text += f" <small>— {escape(', '.join(facts))}</small>"
    return text


def treatment_text(t: Treatment) -> str:
    text = link("treatment", t, escape(f"{t.drug or ''} {t.dosage or ''}".strip()))
    facts = []
    if t.started:
        facts.append(QCoreApplication.translate("chart", "since {0}").format(show_date(t.started)))
    if t.long_term is True:
        facts.append(QCoreApplication.translate("chart", "long-term"))
    elif t.long_term is False:
        facts.append(QCoreApplication.translate("chart", "short course"))
    if t.stopped:
        facts.append(
            QCoreApplication.translate("chart", "stopped {0}").format(show_date(t.stopped))
        )
    if t.stop_reason:
        facts.append(t.stop_reason)
    if facts:
        text += f" <small>({escape(', '.join(facts))})</small>"
    return text


def vaccination_text(v: Vaccination) -> str:
    """ "Boostrixtetra, dose 2 (03/11/2025)" """
    text = v.vaccine or ""
    if v.dose_number is not None:
        text += QCoreApplication.translate("chart", ", dose {0}").format(v.dose_number)
    return f"{text} ({show_date(v.given_on)})"


def document_text(d: Document) -> str:
    """A document in the summary: a link that opens it in the viewer, then its kind."""
    text = f"{d.title or ''} ({show_date(d.received_at)})"
    kind = escape(kind_label(d.kind))
    return link("document", d, escape(text)) + f" <small>{kind}</small>"


def last_vitals(chart: Chart) -> dict[str, tuple[Any, str]]:
    """The most recent value of each vital sign across consultations, with the date of
    the consultation that measured it."""
    found: dict[str, tuple[Any, str]] = {}
    for consult in chart.consultations:  # newest first
        if consult.current is None:
            continue
        current = consult.current.fields()
        for key in BY_NAME:
            if key not in found and current.get(key) is not None:
                found[key] = (current[key], consult.started_at or "")
    return found


def last_vitals_items(chart: Chart) -> list[str]:
    """ "TA 135/85 mmHg (12/03/2026)", "Poids 58,1 kg (02/11/2025)", …"""
    found = last_vitals(chart)
    items = []
    if "bp_sys" in found or "bp_dia" in found:
        when = (found.get("bp_sys") or found["bp_dia"])[1]
        dia = found.get("bp_dia", (None, ""))[0]
        summary = vitals_summary({"bp_sys": found.get("bp_sys", (None, ""))[0], "bp_dia": dia})
        items.append(f"{summary[0]} ({show_date(when)})")
    for key, (value, when) in found.items():
        if key in ("bp_sys", "bp_dia"):
            continue
        items.append(f"{vitals_summary({key: value})[0]} ({show_date(when)})")
    weight, height = found.get("weight_kg"), found.get("height_cm")
    if weight and height:
        b = bmi(weight[0], height[0])
        if b:
            items.append(QCoreApplication.translate("chart", "BMI {0}").format(show_number(b)))
    return items


def appointment_items(
    c: Chart, names: Mapping[str, str] | None = None, today: dt.date | None = None
) -> list[str]:
    """The appointments the patient is expected at, soonest first, each with its
    practitioner when ``names`` (user id -> name) has them (HTML): "when, and with
    whom?" is a patient's question on the phone. Past ones still booked are not
    expected any more."""
    day = (today or dt.date.today()).isoformat()
    upcoming = sorted(
        (a for a in c.appointments if a.status == "booked" and (a.starts_at or "") >= day),
        key=lambda a: a.starts_at or "",
    )
    out = []
    for a in upcoming:
        text = " ".join(x for x in (show_datetime(a.starts_at), a.reason or "") if x)
        who = (names or {}).get(a.practitioner_id or "")
        out.append(escape(f"{text} · {who}" if who else text))
    return out


def appointments_html(c: Chart, names: Mapping[str, str] | None = None) -> str:
    """The front desk's view of a chart's appointments (its summary is not shown)."""
    items = appointment_items(c, names)
    title = escape(QCoreApplication.translate("chart", "Appointments"))
    if not items:
        none = QCoreApplication.translate("chart", "No appointment booked.")
        return f"<b>{title}</b><br/><i>{escape(none)}</i>"
    return f"<b>{title}</b><ul style='margin-top:0px'>" + "".join(
        f"<li>{i}</li>" for i in items
    ) + "</ul>"


def summary_html(
    c: Chart, stamp: AccessEntry | None = None, names: Mapping[str, str] | None = None
) -> str:
    parts = []

    def section(title: str, items: list[str]) -> None:
        if items:
            parts.append(
                f"<h3>{escape(title)}</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
            )

    active = [p for p in c.problems if not p.resolved]
    past = [p for p in c.problems if p.resolved]
    section(QCoreApplication.translate("chart", "Problems"), [problem_text(p) for p in active])
    section(QCoreApplication.translate("chart", "Past problems"), [problem_text(p) for p in past])
    current = [t for t in c.treatments if not t.stopped]
    stopped = sorted(
        (t for t in c.treatments if t.stopped),
        key=lambda t: t.stopped or "",
        reverse=True,
    )
    section(
        QCoreApplication.translate("chart", "Current treatments"),
        [treatment_text(t) for t in current],
    )
    section(
        QCoreApplication.translate("chart", "Stopped treatments"),
        [treatment_text(t) for t in stopped[:5]],
    )
    section(
        QCoreApplication.translate("chart", "Allergies"),
        [
            link("allergy", a, f"<span style='color:{RED}'>{escape(allergy_text(a))}</span>")
            for a in real_allergies(c.allergies)
        ]
        or (
            [statement_link(said, stamp)] if (said := statement(c.allergies)) is not None else []
        ),
    )
    section(
        QCoreApplication.translate("chart", "Last vitals"),
        [escape(i) for i in last_vitals_items(c)],
    )
    if is_child(c) and any(growth_points(c).values()):
        curves = QCoreApplication.translate("chart", "Weight, height and head circumference…")
        section(
            QCoreApplication.translate("chart", "Growth"),
            [f"<a href='growth:all'>{escape(curves)}</a>"],
        )
    results = c.lab_results
    # A URL scheme has no "_": "lab-result", read back as the entity's name.
    labs = [link("lab-result", r, escape(text)) for r, text in latest_items(results)]
    if results:
        every = QCoreApplication.translate("chart", "Every result, by analyte ({0})…")
        labs.append(f"<a href='lab-results:all'>{escape(every.format(len(results)))}</a>")
    section(QCoreApplication.translate("chart", "Lab results"), labs)
    vaccinations = c.vaccinations
    items = [link("vaccination", v, escape(vaccination_text(v))) for v in vaccinations[:8]]
    if vaccinations:
        every = QCoreApplication.translate("chart", "All the vaccinations ({0})…")
        items.append(f"<a href='vaccinations:all'>{escape(every.format(len(vaccinations)))}</a>")
    section(QCoreApplication.translate("chart", "Vaccinations"), items)
    section(QCoreApplication.translate("chart", "Appointments"), appointment_items(c, names))
    section(
        QCoreApplication.translate("chart", "Documents"),
        [document_text(d) for d in c.documents],
    )
    return (
        "".join(parts)
        or "<i>" + escape(QCoreApplication.translate("chart", "Empty chart.")) + "</i>"
    )


def consultation_version_html(version: Version) -> str:
    """Every field of one version of a consultation, as typed."""
    out = []
    if version.reason:
        out.append(
            "<b>"
            + escape(QCoreApplication.translate("chart", "Reason:"))
            + "</b> "
            + escape(version.reason)
        )
    if version.text:
        out.append(lines(version.text))
    for key, label in SOAP_LABELS:
        if version.field(key):
            out.append(f"<b>{escape(_t(label))}</b><br/>{lines(version.field(key))}")
    vitals = vitals_summary(version.fields())
    b = bmi(version.weight_kg, version.height_cm)
    if b:
        vitals.append(QCoreApplication.translate("chart", "BMI {0}").format(show_number(b)))
    if vitals:
        out.append(
            "<b>"
            + escape(QCoreApplication.translate("chart", "Vitals:"))
            + "</b> "
            + escape(" · ".join(vitals))
        )
    diagnoses = version.diagnoses or []
    if diagnoses:
        # On the line of their heading, as they were typed ("; " between): a list block
        # left an empty line under "Diagnostics :" (Qt keeps a list's top margin).
        items = "; ".join(
            escape(d.get("label") or "")
            + (f" <small>({escape(d['cim10'])})</small>" if d.get("cim10") else "")
            for d in diagnoses
        )
        out.append(
            "<b>" + escape(QCoreApplication.translate("chart", "Diagnoses:")) + f"</b> {items}"
        )
    return "<br/>".join(out)


def prescription_version_html(version: PrescriptionVersion) -> str:
    body = "<br/>".join(
        escape(
            " — ".join(
                str(line.get(k)) for k in ("drug", "dosage", "duration", "quantity") if line.get(k)
            )
        )
        for line in version.lines or []
    )
    if version.notes:
        body += "<br/>" + lines(version.notes)
    return body


def consultation_html(kind: str, entry: Consultation | Prescription) -> str:
    """Every version of a consultation or prescription, newest first."""
    if isinstance(entry, Consultation):
        title = escape(
            QCoreApplication.translate("chart", "Consultation of {0}").format(
                show_datetime(entry.started_at)
            )
        )
        written = [(v.created_at, consultation_version_html(v)) for v in entry.versions]
    else:
        title = "℞"
        written = [(v.created_at, prescription_version_html(v)) for v in entry.versions]
    blocks = []
    for number, (created_at, body) in enumerate(written, 1):
        label = escape(
            QCoreApplication.translate("chart", "version {0} of {1}, written {2}").format(
                number, len(written), escape(show_datetime(created_at))
            )
        )
        blocks.append(f"<p><b>{title}</b> <small>{label}</small><br/>{body}</p>")
    if not blocks:  # a restore still streaming the history, or content another sync brings
        missing = QCoreApplication.translate(
            "chart", "Its content is not on this computer yet: it arrives with the next sync."
        )
        blocks.append(f"<p><b>{title}</b><br/><i>{escape(missing)}</i></p>")
    return "<hr/>".join(reversed(blocks))
