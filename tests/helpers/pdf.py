"""The text of a PDF as a pharmacist's eye reads it: pdftotext (poppler-utils)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed: apt-get install poppler-utils"
    out = subprocess.run([tool, "-layout", str(path), "-"], check=True, capture_output=True)
    # NFKC: Qt's PDF writer emits ligatures ("ﬀ" in "affection").
    text = unicodedata.normalize("NFKC", out.stdout.decode("utf-8"))
    return " ".join(text.split())
