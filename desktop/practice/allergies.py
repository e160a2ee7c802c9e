"""Does a prescribed drug match a recorded allergy? By substance, and by class.

The classes come from resources/drugs/allergy_classes.toml (documented there): the BDPM
gives substances, not classes. A match returns why (a class key or the substance), so
the editor can say "pénicillines" and the paper can keep the GP's reason to override.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.practice.textfold import fold, has_phrase

TABLE = Path(__file__).resolve().parents[2] / "resources" / "drugs" / "allergy_classes.toml"
_NOT_A_NAME = frozenset(
    {
        *("acide", "de", "d", "du", "des", "la", "le", "les", "a", "au", "aux", "base"),
        *("sodique", "potassique", "calcique", "magnesique", "chlorhydrate", "sulfate"),
        *("trihydrate", "trihydratee", "monohydrate", "monohydratee", "dihydrate"),
        *("dihydratee", "anhydre", "allergie", "allergique", "intolerance"),
    }
)


@dataclass(frozen=True, slots=True)
class AllergyClass:
    key: str
    label_fr: str
    label_en: str
    names: tuple[str, ...]
    atc: tuple[str, ...]
    substances: tuple[str, ...]
    includes: tuple[str, ...] = ()


class ClassTable:
    """The allergy classes, folded once for matching."""

    def __init__(self, classes: Iterable[AllergyClass]) -> None:
        self.classes = {c.key: c for c in classes}

    @classmethod
    def from_toml(cls, data: Mapping[str, Any]) -> ClassTable:
        out = []
        for key, c in data.get("classes", {}).items():
            out.append(
                AllergyClass(
                    key=key,
                    label_fr=str(c["label_fr"]),
                    label_en=str(c.get("label_en") or c["label_fr"]),
                    names=tuple(fold(n) for n in c.get("names", ())),
                    atc=tuple(str(a).upper() for a in c.get("atc", ())),
                    substances=tuple(fold(s) for s in c.get("substances", ())),
                    includes=tuple(c.get("includes", ())),
                )
            )
        return cls(out)

    def label(self, why: str, language: str = "fr") -> str:
        """A class key as words in ``language``; a substance stays as it is."""
        found = self.classes.get(why)
        if found is None:
            return why
        return found.label_fr if language == "fr" else found.label_en

    def _expand(self, keys: Iterable[str]) -> set[str]:
        out: set[str] = set()
        todo = list(keys)
        while todo:
            key = todo.pop()
            if key in out or key not in self.classes:
                continue
            out.add(key)
            todo.extend(self.classes[key].includes)
        return out

    def classes_of(self, molecule: str, atc: str = "") -> set[str]:
        """The classes a (folded) substance, or an ATC code, belongs to."""
        out = set()
        code = atc.upper()
        for c in self.classes.values():
            if any(has_phrase(molecule, s) for s in c.substances) or (
                code and any(code.startswith(a) for a in c.atc)
            ):
                out.add(c.key)
        return out

    def classes_named(self, allergy: str) -> set[str]:
        """The classes an allergy's words name, directly or through one of their substances."""
        text = fold(allergy)
        named = {
            c.key
            for c in self.classes.values()
            if any(has_phrase(text, n) for n in (*c.names, fold(c.label_fr), fold(c.label_en)))
        }
        named |= self.classes_of(text)
        return self._expand(named)

    def match(self, allergy: str, molecules: Sequence[str], atc: str = "") -> str | None:
        """Why a drug with these substances (and ATC code) matches this allergy, or None."""
        text = fold(allergy)
        if not text:
            return None
        named = self.classes_named(allergy)
        for raw in molecules:
            molecule = fold(raw)
            if not molecule:
                continue
            words = [w for w in molecule.split() if len(w) >= 4 and w not in _NOT_A_NAME]
            if has_phrase(molecule, text) or any(has_phrase(text, w) for w in words):
                return raw.lower()
            shared = named & self.classes_of(molecule, atc)
            if shared:
                # The narrowest class named: "pénicillines" rather than "bêta-lactamines".
                return min(shared, key=lambda k: (bool(self.classes[k].includes), k))
        return None


@functools.cache
def default_table() -> ClassTable:
    with TABLE.open("rb") as f:
        return ClassTable.from_toml(tomllib.load(f))
