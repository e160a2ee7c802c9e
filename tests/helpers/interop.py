"""What the interop tests attach and compare."""

from __future__ import annotations

import json
from typing import Any

from desktop.practice.models import Chart

PDF = b"%PDF-1.4\n% a letter from the cardiologist\n%%EOF\n"


def comparable(read: Chart) -> dict[str, Any]:
    """A chart as FHIR carries it: the current version of each note and prescription."""
    chart: dict[str, Any] = json.loads(json.dumps(read.to_dict()))
    for key in ("consultations", "prescriptions"):
        for item in chart[key]:
            current = item["current"]
            item["versions"] = [{**current, "parent_id": None}]
            item["current"] = item["versions"][0]
            item["concurrent_versions"] = False
    return chart
