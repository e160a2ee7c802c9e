"""CIM-10 codes looked up while a problem is typed: by code ("J02", "j029") or by words of
the label, accents and case aside ("pharyngite aigue"). The table shipped is a starter set
of the commonest codes in general practice (resources/cim10/starter.tsv, documented
there); no package in the registries ships the French classification itself (the ATIH
publishes it as a ClaML file), so the problem's free text and any code stay allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.practice import errors
from desktop.practice.textfold import fold

STARTER = Path(__file__).resolve().parents[2] / "resources" / "cim10" / "starter.tsv"
_CODE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$")


@dataclass(frozen=True, slots=True)
class Cim10Code:
    code: str
    label: str
    folded: str  # the label folded, for matching


def load(path: Path = STARTER) -> list[Cim10Code]:
    """The table, in code order; a line that is not "code<TAB>label" is refused by number."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, label = line.partition("\t")
        if not _CODE.match(code) or not label.strip():
            raise errors.InvalidInputError(f"{path.name}, line {number}: expected CODE<TAB>label")
        out.append(Cim10Code(code, label.strip(), fold(label)))
    return sorted(out, key=lambda c: c.code)


def _code_key(text: str) -> str:
    """ "j02.9", "J029", "j02 9" -> "J029": a code typed any way, without its dot."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


# A GP's everyday word (folded) -> words the classification's labels use for it: "angine"
# is written "pharyngite" or "amygdalite" there, and typing it found nothing.
EVERYDAY: dict[str, tuple[str, ...]] = {
    "angine": ("pharyngite", "amygdalite"),
    "depression": ("depressif",),
    "angoisse": ("anxiete", "anxieux"),
    "hta": ("hypertension",),
    "bpco": ("obstructive chronique",),
    "cholesterol": ("hypercholesterolemie",),
    "dyslipidemie": ("hyperlipidemie", "hypercholesterolemie"),
    "mycose": ("candidose",),
}


def _everyday(words: list[str]) -> list[list[str]]:
    """The typed words with one everyday word (or the start of one, 3 letters or more)
    replaced by the label words it means, once per meaning."""
    out = []
    for i, word in enumerate(words):
        for everyday, meant in EVERYDAY.items():
            if (len(word) >= 3 and everyday.startswith(word)) or word == everyday:
                out += [words[:i] + m.split() + words[i + 1 :] for m in meant]
    return out


def search(codes: Iterable[Cim10Code], typed: str, limit: int = 12) -> list[Cim10Code]:
    """Codes that start with what was typed (a code), then labels holding every typed
    word as a word start (words), then those an everyday word means ("angine": the
    pharyngites and amygdalites), each group in code order."""
    typed = typed.strip()
    if len(typed) < 2:
        return []
    key = _code_key(typed)
    by_code = [c for c in codes if key and _code_key(c.code).startswith(key)]
    words = fold(typed).split()
    codes = list(codes)
    found = by_code + [
        c
        for c in codes
        if c not in by_code and all(f" {w}" in f" {c.folded}" for w in words)
    ]
    for meant in _everyday(words):
        found += [
            c
            for c in codes
            if c not in found and all(f" {w}" in f" {c.folded}" for w in meant)
        ]
    return found[:limit]


def shown(c: Cim10Code) -> str:
    """ "J02.9 — Pharyngite aiguë, sans précision", as the completer lists it."""
    return f"{c.code} — {c.label}"
