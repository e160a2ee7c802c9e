"""Printable documents made with Qt's PDF writer (recovery kit; later, patient records)."""
