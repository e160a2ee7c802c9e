"""A document of the chart shown inside the app: a PDF's pages (QtPdf, loaded from the
bytes held in memory through a QBuffer) or an image (QImage). The bytes are decrypted on
the store's worker and never written to disk; "Export a copy…" is the one way out, chosen
by the GP and audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.dates import show_date
from desktop.app.errors import message_for
from desktop.app.paper import documents_folder
from desktop.app.screen_fit import resize_to_fit
from desktop.app.tasks import Tasks
from desktop.practice import errors
from desktop.practice.models import Document

Fetch = Callable[[], bytes]
"""Fetches a document's content from the practice's storage (on the network worker)."""

PDF_MAGIC = b"%PDF-"
IMAGE_WIDTH = 1000  # a scan wider than this is shown scaled down (the copy keeps it whole)


@dataclass(frozen=True)
class Opened:
    """A document's bytes and, for a picture, the decoded image (decoded on the worker:
    QImage, unlike QPixmap, may be made off the UI thread)."""

    data: bytes
    pdf: bool
    image: QImage | None


def open_content(data: bytes, mime: str | None) -> Opened:
    """The bytes decide, not the name: a scan saved as .bin is still a picture."""
    if data.startswith(PDF_MAGIC) or (mime or "") == "application/pdf":
        return Opened(data, True, None)
    image = QImage.fromData(data)
    return Opened(data, False, None if image.isNull() else image)


class DocumentViewer(QDialog):
    """One document, read on the store's worker and shown from memory. ``shown`` is
    emitted once the pages or the picture are on screen (or the reason they are not)."""

    shown = Signal()
    exported = Signal(str)

    def __init__(
        self,
        tasks: Tasks,
        document: Document,
        parent: QWidget | None = None,
        fetch: Fetch | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.document, self.fetch = tasks, document, fetch
        self.document_id = document.id
        self.content: bytes | None = None
        title = document.title or document.filename or ""
        self.setWindowTitle(self.tr("Document: {0}").format(title))
        resize_to_fit(self, 820, 760)
        self.status = QLabel(self.tr("Opening the document…"))
        self.status.setObjectName("documentStatus")
        self.status.setWordWrap(True)
        self.pdf = QPdfDocument(self)
        self.buffer = QBuffer(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("documentPages")
        self.pdf_view.setAccessibleName(self.tr("Document pages"))
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.image = QLabel()
        self.image.setObjectName("documentImage")
        self.image.setAccessibleName(self.tr("Document image"))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.pages = QStackedWidget()
        self.blank = QWidget()
        for page in (self.blank, self.pdf_view, scroll):
            self.pages.addWidget(page)
        self.export_button = QPushButton(self.tr("Export a copy…"))
        self.export_button.setToolTip(
            self.tr("Write a readable copy of this document in a folder you choose.")
        )
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.ask_export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        facts = [show_date(document.received_at), document.filename or ""]
        about = QLabel(" · ".join(f for f in facts if f))
        layout.addWidget(about)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        document_id, mime = self.document_id, document.mime
        tasks.db(lambda p: open_content(p.document_content(document_id), mime),
                 on_done=self.show_content, on_error=self._not_here)  # fmt: skip

    def _not_here(self, exc: BaseException) -> None:
        """Content never fetched onto this computer (a lazy restore): from the storage,
        on the network worker, decrypted there and kept in the local database."""
        fetch, mime = self.fetch, self.document.mime
        if fetch is None or not isinstance(exc, errors.NotFoundError):
            self._failed(exc)
            return
        self.status.setText(self.tr("Fetching the document from the practice's storage…"))
        self.tasks.net(lambda: open_content(fetch(), mime), on_done=self.show_content,
                       on_error=self._failed)  # fmt: skip

    def show_content(self, opened: Opened) -> None:
        """The decrypted bytes, shown from memory: nothing is written anywhere."""
        self.content = opened.data
        self.export_button.setEnabled(True)
        if opened.pdf:
            self._show_pdf(opened.data)
        elif opened.image is not None:
            self._show_image(opened.image)
        else:
            self.status.setText(
                self.tr("Carnet cannot show this kind of file; export a copy to open it.")
            )
        self.shown.emit()

    def _show_pdf(self, data: bytes) -> None:
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self.buffer)
        if self.pdf.status() != QPdfDocument.Status.Ready or self.pdf.pageCount() == 0:
            self.status.setText(
                self.tr("This PDF cannot be read (damaged or protected); export a copy to open it.")
            )
            return
        self.pdf_view.setDocument(self.pdf)
        self.pages.setCurrentWidget(self.pdf_view)
        self.status.setText(self.tr("%n page(s)", "", self.pdf.pageCount()))

    def _show_image(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > IMAGE_WIDTH:
            pixmap = pixmap.scaledToWidth(IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
        self.pages.setCurrentIndex(2)
        size = self.tr("Image, {0} × {1} pixels")
        self.status.setText(size.format(image.width(), image.height()))

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.status.setText(text)
        self.shown.emit()

    def suggested_path(self) -> Path:
        name = Path(str(self.document.filename or "")).name or "document"
        return documents_folder() / name

    def ask_export(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export a copy of the document"), str(self.suggested_path())
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        """Write the copy: one action on the store's worker (private, durable, audited)."""
        document_id = self.document_id
        self.export_button.setEnabled(False)

        def done(_: Any) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(self.tr("Copy written to {0}.").format(path))
            self.exported.emit(str(path))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(exc)

        ops.Op(self, self.tasks, lambda p: p.export_document(document_id, path)).success(
            done
        ).failure(failed).run()
