"""The chart's documents: attach (file dialog, or files dropped on the chart, their title,
kind and date asked one at a time), list, and open one in the in-app viewer. Mixed into
``ChartView``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from desktop.app.document_attach import AttachDocumentDialog, dropped_files
from desktop.app.document_viewer import DocumentViewer, Fetch
from desktop.app.documents_view import DocumentsView, pick_files
from desktop.practice.models import Document

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.app.record_dialogs import WriteDialog
    from desktop.app.tasks import Tasks
    from desktop.practice.models import Chart

    class _ChartView(QWidget):
        """For the type checker only: what the mixin uses of ``ChartView`` (at run time
        it is ``object``; lupdate needs these stubs outside the mixin's body)."""

        tasks: Tasks | None
        chart: Chart | None
        clinical: bool
        dialog: WriteDialog | None
        documents_view: DocumentsView | None
        viewer: DocumentViewer | None
        attaching: list[Path]
        fetcher: Fetcher | None

        def reload(self) -> None: ...

else:
    _ChartView = object

Fetcher = Callable[[str], Fetch | None]  # a document id -> how to fetch it, or None


class ChartDocuments(_ChartView):
    """Mixed into ``ChartView``: the documents' list, viewer and attaching."""

    def open_document(self, document: Document) -> None:
        """The document in the in-app viewer (decrypted in memory, on the worker)."""
        if self.tasks is None:
            return
        viewer = DocumentViewer(self.tasks, document, self, fetch=self.fetch_for(document))
        viewer.show()
        self.viewer = viewer

    def fetch_for(self, document: Document) -> Fetch | None:
        return self.fetcher(document.id) if self.fetcher is not None else None

    def show_documents(self) -> None:
        if self.chart is None or self.tasks is None:
            return
        view = DocumentsView(self.tasks, self.chart, self, fetch_for=self.fetch_for)
        view.attach.connect(self.attach_files)
        view.show()
        self.documents_view = view

    def _pick_documents(self) -> None:
        if self.chart is not None:
            self.attach_files(pick_files(self))

    def attach_files(self, paths: list[Path]) -> None:
        """Ask title, kind and date for each file in turn, then attach it."""
        fresh = not self.attaching
        self.attaching.extend(p for p in paths if p.is_file())
        if fresh:
            self._next_attachment()

    def _next_attachment(self) -> None:
        if not self.attaching or self.chart is None or self.tasks is None:
            self.attaching.clear()
            return
        path = self.attaching[0]
        dialog = AttachDocumentDialog(self.tasks, self.chart.id, path, self)
        dialog.saved.connect(lambda _: self._attached())
        dialog.rejected.connect(self._skip_attachment)
        dialog.show()
        self.dialog = dialog

    def _attached(self) -> None:
        self.reload()  # the summary, and the documents' list if open (show_chart)
        self._skip_attachment()

    def _skip_attachment(self) -> None:
        if self.attaching:
            self.attaching.pop(0)
        self._next_attachment()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self.chart is not None and self.clinical and dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if self.chart is not None and self.clinical and dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = dropped_files(event.mimeData())
        if self.chart is None or not self.clinical or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.attach_files(paths)
