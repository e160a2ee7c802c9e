"""Plain-text rendering of a chart, for ``carnet patient show``."""

from __future__ import annotations

from typing import Any


def _age(birth_date: str | None) -> str:
    if not birth_date:
        return ""
    import datetime as dt

    born = dt.date.fromisoformat(birth_date)
    today = dt.date.today()
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"{years} ans"


def chart_text(chart: dict[str, Any]) -> str:
    lines = []
    name = f"{(chart.get('family_name') or '').upper()} {chart.get('given_names') or ''}".strip()
    if chart.get("birth_name"):
        name += f" (née {chart['birth_name'].upper()})"
    if chart.get("deleted"):
        name += "  [deleted]"
    lines.append(name)
    lines.append(
        "  ".join(
            x
            for x in (
                chart.get("sex") or "",
                chart.get("birth_date") or "",
                _age(chart.get("birth_date")),
                chart.get("nir") or "",
                chart.get("phone") or "",
            )
            if x
        )
    )
    if chart["allergies"]:
        lines.append("ALLERGIES: " + ", ".join(a["substance"] or "?" for a in chart["allergies"]))
    for title, key, label in (
        ("Problems", "problems", "label"),
        ("Treatments", "treatments", "drug"),
        ("Vaccinations", "vaccinations", "vaccine"),
    ):
        if chart[key]:
            lines.append(f"{title}:")
            lines.extend(f"  - {item[label]}" for item in chart[key])
    if chart["consultations"]:
        lines.append("Consultations:")
        for c in chart["consultations"]:
            current = c["current"] or {}
            flag = "  [concurrent versions]" if c["concurrent_versions"] else ""
            lines.append(
                f"  {c['started_at']}  {current.get('reason') or ''}  (v{len(c['versions'])}){flag}"
            )
            text = current.get("text") or current.get("soap_s") or ""
            if text:
                lines.append(f"    {text}")
    if chart["documents"]:
        lines.append("Documents:")
        lines.extend(f"  {d['id']}  {d['title']}  ({d['size']} bytes)" for d in chart["documents"])
    return "\n".join(lines)
