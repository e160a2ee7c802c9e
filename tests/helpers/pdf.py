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


def made_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF, one A4 page per list of lines (Helvetica, Latin-1), its cross-reference
    table exact: a document to attach without a PDF library."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        ops = "BT /F1 14 Tf 72 770 Td 20 TL " + " ".join(
            "(" + t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for t in lines
        ) + " ET"
        stream = ops.encode("cp1252")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()  # fmt: skip
    return bytes(out)
