"""A patient's access log as CSV, for their right of access (GDPR art. 15): when, who,
what, from which computer. Written privately and durably; the caller picks the words
(the app passes translated headers and action names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from desktop.practice.audit_query import AccessEntry
from desktop.practice.files import write_private_durably

HEADER = ("time (UTC)", "person", "action", "record", "computer")
ACTIONS = {"read": "opened", "create": "created", "update": "changed", "delete": "deleted"}


def write(
    path: Path,
    rows: Sequence[AccessEntry],
    header: Sequence[str] = HEADER,
    actions: Mapping[str, str] = ACTIONS,
) -> int:
    """Write ``rows`` (UTF-8 with a BOM, so a spreadsheet opens it with its accents)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for e in rows:
        writer.writerow(
            [e.at, e.user_name, actions.get(e.action, e.action), e.entity or "", e.device_name]
        )
    write_private_durably(path, ("\ufeff" + out.getvalue()).encode("utf-8"))
    return len(rows)
