"""What the interop tests attach and compare."""

from __future__ import annotations

import json
from typing import Any

PDF = b"%PDF-1.4\n% a letter from the cardiologist\n%%EOF\n"


def comparable(chart: dict[str, Any]) -> dict[str, Any]:
    """A chart as FHIR carries it: the current version of each note and prescription."""
    chart = json.loads(json.dumps(chart))
    for key in ("consultations", "prescriptions"):
        for item in chart[key]:
            current = item["current"]
            item["versions"] = [{**current, "parent_id": None}]
            item["current"] = item["versions"][0]
            item["concurrent_versions"] = False
    return chart
