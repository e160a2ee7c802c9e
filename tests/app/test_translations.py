"""Every string the app shows has its French translation, and the .qm is compiled."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers.translations import ROOT, TS, messages


def test_every_french_translation_is_filled():
    untranslated = [key for key, text in messages(TS).items() if not text]
    assert untranslated == []


def lupdate_view(tmp_path: Path) -> set[tuple[str, str]]:
    """(context, source) of every string lupdate finds in the app's code."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop" / "app").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    return set(messages(fresh))


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path):
    missing = lupdate_view(tmp_path) - set(messages(TS))
    assert missing == set(), "run resources/i18n/update_fr.py with the new translations"


def test_lupdate_sees_every_string_of_the_ts(tmp_path: Path):
    """A string lupdate cannot see (tr() inside an f-string, a label kept in a table
    without QT_TRANSLATE_NOOP) is marked vanished by the next lupdate run, then dropped."""
    unseen = set(messages(TS)) - lupdate_view(tmp_path)
    assert unseen == set(), "use self.tr('...').format() or QT_TRANSLATE_NOOP"


def test_error_messages_are_translated(qapp: object):
    from desktop.app import i18n
    from desktop.app.errors import message_for
    from desktop.practice.errors import WrongPassphraseError

    i18n.install("fr")
    try:
        assert message_for(WrongPassphraseError("x")).startswith("Phrase secrète incorrecte")
    finally:
        i18n.install("en")


def test_the_compiled_qm_matches_the_ts(tmp_path: Path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        lrelease = Path(shutil.which("pyside6-lrelease") or "pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run pyside6-lrelease"


def test_qts_own_file_dialog_is_french_through_and_through(qapp: object) -> None:
    """The ordonnance's save dialog said 'Look in:' and 'Files of type:' in English: Qt
    6.11 added the accelerators and its shipped French still has the old strings."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.app import i18n

    i18n.install("fr")
    try:
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        shown = [dialog.labelText(label) for label in (
            QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName,
            QFileDialog.DialogLabel.FileType,
        )]  # fmt: skip
        dialog.deleteLater()
    finally:
        i18n.install("en")
    assert shown == ["&Voir dans :", "&Nom de fichier\xa0:", "Fichiers de &type :"]
