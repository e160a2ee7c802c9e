"""Attach a file to the chart (picked in a file dialog or dropped on the chart): its title,
kind and date are asked, then the file is read and stored, encrypted, on the store's
worker. The file on disk is left as it was."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.app.dates import DateError, parse_date, show_date, shows_understood
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.record_dialogs import WriteDialog
from desktop.app.tasks import Tasks
from desktop.practice.documents import read_file

DOCUMENT_KINDS = (  # the values the CLI's 'document add --kind' takes, and letters' own
    ("letter", QT_TRANSLATE_NOOP("AttachDocumentDialog", "Letter")),
    ("result", QT_TRANSLATE_NOOP("AttachDocumentDialog", "Lab or test result")),
    ("scan", QT_TRANSLATE_NOOP("AttachDocumentDialog", "Imaging or scan")),
    ("certificate", QT_TRANSLATE_NOOP("AttachDocumentDialog", "Certificate")),
    ("other", QT_TRANSLATE_NOOP("AttachDocumentDialog", "Other")),
)
FILE_FILTER = QT_TRANSLATE_NOOP(
    "AttachDocumentDialog", "PDF and images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"
)

KIND_LABELS = dict(DOCUMENT_KINDS)


def kind_label(kind: str | None) -> str:
    """A document's kind in words (translated)."""
    label = KIND_LABELS.get(kind or "", KIND_LABELS["other"])
    return QCoreApplication.translate("AttachDocumentDialog", label)


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files of a drag (a file manager's, a mail client's saved attachment);
    links to web pages and dragged text are not files."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def guess_kind(path: Path) -> str:
    """A first guess from the file's name; the GP corrects it in the dialog."""
    name = path.name.lower()
    for words, kind in (
        (("bio", "labo", "analyse", "nfs", "bilan"), "result"),
        (("radio", "scan", "irm", "echo", "écho", "mammo"), "scan"),
        (("lettre", "courrier", "compte", "cr-", "cr_"), "letter"),
        (("certificat",), "certificate"),
    ):
        if any(w in name for w in words):
            return kind
    return "other"


class AttachDocumentDialog(WriteDialog):
    """One file to keep in the chart: title (the file's name to start), kind, date (today
    unless typed: a result of last week scanned today; never in the future)."""

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        path: Path,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(tasks, self.tr("Attach a document"), parent)
        self.patient_id, self.path = patient_id, path
        self.today = today or dt.date.today()
        self.file_label = QLabel(path.name)
        self.file_label.setObjectName("documentFile")
        self.title_edit = QLineEdit(path.stem)
        self.title_edit.setObjectName("title")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code, label in DOCUMENT_KINDS:
            self.kind.addItem(self.tr(label), code)
        self.kind.setCurrentIndex(max(self.kind.findData(guess_kind(path)), 0))
        self.date_edit = QLineEdit(show_date(self.today.isoformat()))
        self.date_edit.setObjectName("received_at")
        self.date_edit.setPlaceholderText(self.tr("22/06/2026"))
        shows_understood(self.date_edit, today=self.today)
        self.form.addRow(self.tr("File"), self.file_label)
        self.form.addRow(self.tr("Title"), self.title_edit)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow(self.tr("Date of the document"), self.date_edit)

    def save(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.error.setText(self.tr("Give the document a title."))
            return
        try:
            day = parse_date(self.date_edit.text(), today=self.today)
        except DateError as exc:
            self.error.setText(self.tr("Date of the document: {0}").format(exc))
            return
        if day is None:
            self.error.setText(self.tr("Type the date of the document."))
            return
        patient_id, path, kind = self.patient_id, self.path, self.kind.currentData()
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"

        def attach(p: Any) -> str:
            return str(
                p.add_document(
                    patient_id, read_file(path), title=title, filename=path.name, mime=mime,
                    kind=kind, received_at=f"{day}T00:00",
                )
            )  # fmt: skip

        self.write(attach)
