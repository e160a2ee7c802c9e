"""Drafts of what is being typed (a consultation, a letter), kept so that closing a
window, a crash or a power cut loses at most a few seconds of typing.

Each draft is one small file in ``<practice>/drafts/``, sealed with AES-256-GCM under a
key derived from the database key (never plaintext on disk), written durably.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.practice.files import write_private_durably
from sync import crypto


def consultation_draft(patient_id: str) -> str:
    """The name of a patient's new-consultation draft."""
    return f"consultation:{patient_id}"


def amendment_draft(consultation_id: str) -> str:
    """The name of the draft of a consultation's next version."""
    return f"consultation-amend:{consultation_id}"


def letter_draft(patient_id: str) -> str:
    """The name of the draft of the letter or certificate being written for a patient."""
    return f"letter:{patient_id}"


class DraftStore:
    def __init__(self, folder: Path, db_key: bytes) -> None:
        self.folder = folder / "drafts"
        self._key = crypto.derive_key(db_key, "carnet/drafts/v1")
        self._names = crypto.derive_key(db_key, "carnet/draft-names/v1")

    def _path(self, name: str) -> Path:
        return self.folder / (crypto.keyed_hash(self._names, name.encode())[:32] + ".draft")

    def save(self, name: str, content: dict[str, Any]) -> None:
        self.folder.mkdir(exist_ok=True)
        plain = json.dumps(content, ensure_ascii=False).encode("utf-8")
        aad = hashlib.sha256(name.encode()).digest()
        write_private_durably(self._path(name), crypto.seal(self._key, plain, aad))

    def load(self, name: str) -> dict[str, Any] | None:
        try:
            sealed = self._path(name).read_bytes()
        except OSError:
            return None
        try:
            plain = crypto.open_sealed(self._key, sealed, hashlib.sha256(name.encode()).digest())
        except crypto.IntegrityError:
            return None  # damaged: treated as no draft (the saved record is untouched)
        value = json.loads(plain)
        return value if isinstance(value, dict) else None

    def has_any(self) -> bool:
        return self.folder.is_dir() and any(self.folder.glob("*.draft"))

    def carry_over(self, to: DraftStore, names: Iterable[str]) -> int:
        """Re-seal under ``to`` (a new database key) every draft among ``names``: a
        rekey must not lose what is being typed. Returns how many moved."""
        moved = 0
        for name in names:
            value = self.load(name)
            if value is not None:
                to.save(name, value)
                if to._path(name) != self._path(name):
                    self.discard(name)
                moved += 1
        return moved

    def discard(self, name: str) -> None:
        with contextlib.suppress(OSError):
            self._path(name).unlink()
