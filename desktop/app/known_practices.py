"""What this computer's settings know of a practice folder before it is unlocked: its
name, for the unlock dialog's heading (a GP reads "Cabinet des Tilleuls", not "demo").

Kept in the OS user's settings (QSettings), beside the app's other settings, never in the
practice folder, which holds nothing in clear but its key file (practice/opening.py).
Written by the app at each unlock and by the ``carnet`` commands that put a practice on
this computer (init, demo, join, restore), so the first start names it too. Imports no
widgets: the command line uses it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings


def folder_account(folder: Path) -> str:
    """An opaque per-folder name (the keyring's account, the settings' key): no path,
    no patient data."""
    return "practice-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]


def _key(folder: Path) -> str:
    return f"unlock/name-{folder_account(folder)}"


def _settings() -> QSettings:
    return QSettings("Carnet", "Carnet")  # the app's own (organization, application)


def remember_name(folder: Path, name: str) -> None:
    settings = _settings()
    settings.setValue(_key(folder), name)
    settings.sync()


def known_name(folder: Path) -> str | None:
    value = _settings().value(_key(folder))
    return str(value) if value else None
