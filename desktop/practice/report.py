"""Plain-text rendering of a chart, for ``carnet patient show``."""

from __future__ import annotations

from desktop.practice.models import Chart
from desktop.practice.schema import NO_KNOWN_ALLERGY


def _age(birth_date: str | None) -> str:
    if not birth_date:
        return ""
    import datetime as dt

    born = dt.date.fromisoformat(birth_date)
    today = dt.date.today()
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"{years} ans"


def chart_text(chart: Chart) -> str:
    lines = [chart.full_name()]
    if chart.birth_name:
        lines[0] += f" (née {chart.birth_name.upper()})"
    if chart.deleted:
        lines[0] += "  [deleted]"
    lines.append(
        "  ".join(
            x
            for x in (
                chart.sex or "",
                chart.birth_date or "",
                _age(chart.birth_date),
                chart.nir or "",
                chart.phone or "",
            )
            if x
        )
    )
    allergies = [a for a in chart.allergies if a.kind != NO_KNOWN_ALLERGY]
    if allergies:
        lines.append("ALLERGIES: " + ", ".join(a.substance or "?" for a in allergies))
    elif chart.allergies:
        lines.append("ALLERGIES: none known")
    for title, named in (
        ("Problems", [p.label for p in chart.problems]),
        ("Treatments", [t.drug for t in chart.treatments]),
        ("Vaccinations", [v.vaccine for v in chart.vaccinations]),
    ):
        if named:
            lines.append(f"{title}:")
            lines.extend(f"  - {name}" for name in named)
    if chart.consultations:
        lines.append("Consultations:")
        for c in chart.consultations:
            current = c.current
            flag = "  [concurrent versions]" if c.concurrent_versions else ""
            reason = (current.reason if current else None) or ""
            lines.append(f"  {c.started_at}  {reason}  (v{len(c.versions)}){flag}")
            text = (current.text or current.soap_s or "") if current else ""
            if text:
                lines.append(f"    {text}")
    if chart.documents:
        lines.append("Documents:")
        lines.extend(f"  {d.id}  {d.title}  ({d.size} bytes)" for d in chart.documents)
    return "\n".join(lines)
