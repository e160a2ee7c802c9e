"""Documents in the chart: attached by file dialog or by dropping files on the chart (title,
kind and date asked), shown inside the app (a PDF's pages, an image) from memory without
a decrypted copy on disk, and exported on demand, over a real practice."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage, QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from desktop.app import documents_view, i18n
from desktop.app.document_attach import AttachDocumentDialog
from desktop.app.document_viewer import DocumentViewer
from desktop.app.documents_view import DocumentsView
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.models import Document
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import search_and_open

MARKER = "Compte rendu CONFIDENTIEL de coloscopie"


def three_page_pdf() -> bytes:
    """A real PDF of three pages, made in memory by Qt; its title is a marker kept in
    plain text (the XMP metadata), to search the disk for."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(MARKER)
    painter = QPainter(writer)
    for page in range(3):
        if page:
            writer.newPage()
        painter.drawText(200, 400, f"{MARKER} page {page + 1}")
    painter.end()
    return bytes(buffer.data().data())


def png(width: int = 64, height: int = 48) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def every_file(*folders: Path) -> dict[Path, int]:
    return {f: f.stat().st_size for d in folders for f in d.rglob("*") if f.is_file()}


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp folder of this test's own (Python's and Qt's), to see whatever lands in it."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def add(tasks: Tasks, content: bytes, title: str, filename: str, mime: str) -> Document:
    p = tasks.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    doc_id = p.add_document(pid, content, title=title, filename=filename, mime=mime)
    (doc,) = [d for d in p.chart(pid).documents if d.id == doc_id]
    return doc


def test_a_pdf_is_shown_with_its_pages_and_nothing_is_written(
    opened: Tasks, practice_dir: Path, private_temp: Path, qtbot: QtBot
):
    pdf = three_page_pdf()
    assert MARKER.encode() in pdf  # so that a decrypted copy on disk would be found
    doc = add(opened, pdf, "Coloscopie", "coloscopie.pdf", "application/pdf")
    before = every_file(practice_dir, private_temp)
    viewer = DocumentViewer(opened, doc)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.shown, timeout=10000):
        viewer.show()
    assert viewer.pdf.status() == QPdfDocument.Status.Ready
    assert viewer.pdf.pageCount() == 3
    assert viewer.pdf_view.document() is viewer.pdf
    assert viewer.pages.currentWidget() is viewer.pdf_view
    assert viewer.status.text() == "3 page(s)"
    assert viewer.pdf.pageCount() == 3 and viewer.pdf_view.isVisible()
    after = every_file(practice_dir, private_temp)
    assert set(after) - set(before) == set(), "a file appeared while viewing"
    assert not any(f.is_relative_to(private_temp) for f in after)
    for f in after:
        assert MARKER.encode() not in f.read_bytes(), f"the document is readable in {f}"


def test_an_image_is_shown_from_memory(
    opened: Tasks, practice_dir: Path, private_temp: Path, qtbot: QtBot
):
    doc = add(opened, png(64, 48), "Radio du poignet", "poignet.bin", "application/octet-stream")
    before = every_file(practice_dir, private_temp)
    viewer = DocumentViewer(opened, doc)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.shown, timeout=10000):
        viewer.show()
    pixmap = viewer.image.pixmap()
    assert (pixmap.width(), pixmap.height()) == (64, 48)  # the bytes decide, not the name
    assert viewer.pages.currentIndex() == 2
    assert "64 × 48" in viewer.status.text()
    assert set(every_file(practice_dir, private_temp)) == set(before)


def test_a_file_that_cannot_be_shown_says_so_and_exports(
    french: None, opened: Tasks, tmp_path: Path, qtbot: QtBot
):
    doc = add(opened, b"DICOM? not here", "IRM", "irm.dcm", "application/dicom")
    viewer = DocumentViewer(opened, doc)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.shown, timeout=10000):
        viewer.show()
    assert "exportez-en une copie" in viewer.status.text().lower()
    out = tmp_path / "copie-irm.dcm"
    with qtbot.waitSignal(viewer.exported, timeout=10000):
        viewer.export_to(out)
    assert out.read_bytes() == b"DICOM? not here"
    if os.name == "posix":
        assert out.stat().st_mode & 0o077 == 0  # private, as every paper Carnet writes
    entries = [e for e in opened.practice.audit_entries() if e["action"] == "export-document"]  # type: ignore[union-attr]
    assert [e["record_id"] for e in entries] == [doc.id]


def test_export_to_a_folder_that_does_not_exist_is_a_sentence(
    french: None, opened: Tasks, tmp_path: Path, qtbot: QtBot
):
    doc = add(opened, png(), "Photo", "photo.png", "image/png")
    viewer = DocumentViewer(opened, doc)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.shown, timeout=10000):
        viewer.show()
    with qtbot.waitSignal(viewer.shown, timeout=10000):
        viewer.export_to(tmp_path / "absent" / "photo.png")
    assert viewer.status.text().startswith("Impossible d'écrire")
    assert viewer.export_button.isEnabled()


def drop(widget: object, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    widget.dropEvent(event)  # type: ignore[attr-defined]
    return event


def test_files_dropped_on_the_chart_are_attached_with_title_kind_and_date(
    french: None, window: MainWindow, practice_dir: Path, tmp_path: Path, qtbot: QtBot
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    first, second = tmp_path / "bilan-sanguin.pdf", tmp_path / "radio thorax.png"
    first.write_bytes(three_page_pdf())
    second.write_bytes(png())
    event = drop(window.chart, [first, second])
    assert event.isAccepted()
    dialog = window.chart.dialog
    assert isinstance(dialog, AttachDocumentDialog) and dialog.path == first
    assert dialog.title_edit.text() == "bilan-sanguin"
    assert dialog.kind.currentData() == "result"  # guessed from the name
    dialog.title_edit.setText("Bilan sanguin")
    dialog.date_edit.setText("20/11/2026")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: window.chart.dialog is not dialog, timeout=5000)
    second_dialog = window.chart.dialog
    assert isinstance(second_dialog, AttachDocumentDialog) and second_dialog.path == second
    assert second_dialog.kind.currentData() == "scan"
    with qtbot.waitSignal(second_dialog.saved, timeout=5000):
        second_dialog.save()
    qtbot.waitUntil(lambda: len(window.chart.chart.documents) == 2, timeout=5000)  # type: ignore[union-attr]
    summary = window.chart.summary.toPlainText()
    assert "Bilan sanguin (20/11/2026) Résultat d'analyse ou d'examen" in summary
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        docs = {d.title: d for d in fresh.chart(pid).documents}
        assert docs["Bilan sanguin"].received_at.startswith("2026-11-20")
        assert docs["Bilan sanguin"].mime == "application/pdf"
        assert fresh.document_content(docs["radio thorax"].id) == second.read_bytes()
    assert first.exists() and second.exists()  # the files dropped are left as they were


def test_a_drop_that_is_not_files_is_refused(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "paul")
    mime = QMimeData()
    mime.setText("some dragged text")
    event = QDropEvent(
        QPoint(1, 1), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.chart.dropEvent(event)
    assert not event.isAccepted()
    assert window.chart.dialog is None


def test_a_date_in_the_future_or_no_title_is_said(
    french: None, opened: Tasks, tmp_path: Path, qtbot: QtBot
):
    path = tmp_path / "lettre.pdf"
    path.write_bytes(three_page_pdf())
    p = opened.practice
    assert p is not None
    dialog = AttachDocumentDialog(opened, p.search_patients("martin")[0]["id"], path)
    qtbot.addWidget(dialog)
    dialog.date_edit.setText("01/01/2999")
    dialog.save()
    assert dialog.error.text() and dialog.buttons.isEnabled()
    dialog.date_edit.setText("01/01/2020")
    dialog.title_edit.setText("  ")
    dialog.save()
    assert "titre" in dialog.error.text()


def test_the_documents_list_opens_one_and_attaches_by_file_dialog(
    window: MainWindow, opened: Tasks, tmp_path: Path, qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    add(opened, three_page_pdf(), "Coloscopie", "coloscopie.pdf", "application/pdf")
    search_and_open(qtbot, window, "paul")
    window.chart.documents_button.click()
    view = window.chart.documents_view
    assert isinstance(view, DocumentsView) and view.table.rowCount() == 1
    view.open_button.click()
    viewer = view.viewer
    assert isinstance(viewer, DocumentViewer)
    qtbot.waitUntil(lambda: viewer.pdf.pageCount() == 3, timeout=10000)
    picked = tmp_path / "ecg.png"
    picked.write_bytes(png())
    monkeypatch.setattr(
        documents_view.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picked)], "")
    )
    view.attach_button.click()
    dialog = window.chart.dialog
    assert isinstance(dialog, AttachDocumentDialog) and dialog.path == picked
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=5000)  # refreshed in place
    titles = {view.table.item(r, 1).text() for r in range(2)}
    assert titles == {"Coloscopie", "ecg"}


def test_a_document_in_the_summary_opens_the_viewer(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    doc = add(opened, png(), "Photo", "photo.png", "image/png")
    search_and_open(qtbot, window, "paul")
    assert window.chart.fetch_for(doc) is None  # no storage set: nothing to fetch from
    window.chart.summary.anchorClicked.emit(QUrl(f"document:{doc.id}"))
    viewer = window.chart.viewer
    assert isinstance(viewer, DocumentViewer)
    qtbot.waitUntil(lambda: not viewer.image.pixmap().isNull(), timeout=10000)


def test_a_document_not_on_this_computer_is_fetched_from_the_storage(
    tmp_path: Path, qtbot: QtBot
):
    """A lazy restore keeps documents on the storage until opened: the viewer asks the
    network worker, which fetches, decrypts and keeps it; then it shows as any other."""
    from desktop.remote import SyncService, join, set_remote

    remote = tmp_path / "remote"
    remote.mkdir()
    pdf = three_page_pdf()
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, remote.as_uri(), passphrase=PASSPHRASE, create=True)
        pid = office.create_record("patient", {"family_name": "Loin", "given_names": "Zoé"})
        doc_id = office.add_document(pid, pdf, title="Coloscopie", filename="c.pdf",
                                     mime="application/pdf")  # fmt: skip
        SyncService(office).sync()
    laptop = tmp_path / "laptop"
    join(laptop, remote.as_uri(), passphrase=PASSPHRASE, local_passphrase=PASSPHRASE,
         lazy_documents=True).close()  # fmt: skip
    tasks = Tasks()
    try:
        tasks.practice = Practice.open(laptop, passphrase=PASSPHRASE)
        key = tasks.practice.db_key
        (doc,) = tasks.practice.chart(pid).documents

        def fetch() -> bytes:
            with Practice.open(laptop, key=key) as practice:
                return SyncService(practice).document_content(doc_id)

        viewer = DocumentViewer(tasks, doc, fetch=fetch)
        qtbot.addWidget(viewer)
        with qtbot.waitSignal(viewer.shown, timeout=20000):
            viewer.show()
        assert viewer.pdf.pageCount() == 3
        assert tasks.db(lambda p: p.document_content(doc_id)).result(10) == pdf  # kept here
        unfetched = DocumentViewer(tasks, replace(doc, id="no-such-document"))
        qtbot.addWidget(unfetched)
        with qtbot.waitSignal(unfetched.shown, timeout=10000):
            unfetched.show()
        assert unfetched.content is None and unfetched.status.text()
    finally:
        tasks.shutdown()
