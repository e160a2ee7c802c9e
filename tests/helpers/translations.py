"""The French translation file and a reader of its messages."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parents[2]


TS = ROOT / "resources" / "i18n" / "carnet_fr.ts"


def messages(path: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for ctx in ET.parse(path).getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.findall("message"):
            tr = m.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished")
            if tr is not None and m.get("numerus") == "yes":  # one text per plural form
                forms = [f.text for f in tr.findall("numerusform")]
                text = " | ".join(forms) if forms and all(forms) else None
            else:
                text = tr.text if tr is not None else None
            out[(name, m.findtext("source") or "")] = text if done else None
    return out
