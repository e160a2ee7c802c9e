"""HTML to PDF with Qt (QTextDocument + QPdfWriter), headless when there is no display."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QBuffer,
    QByteArray,
    QEventLoop,
    QIODevice,
    QMarginsF,
    QRectF,
)
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from desktop.practice.files import write_private_durably


def ensure_gui_application() -> QGuiApplication:
    """Qt needs an application object to lay out text; without a display, go offscreen."""
    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication (widgets) rather than the bare GUI one: the desktop app may
        # start later in the same process (and pytest-qt's), and needs that class.
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
    assert isinstance(app, QGuiApplication)
    return app


A4 = QPageLayout(
    QPageSize(QPageSize.PageSizeId.A4),
    QPageLayout.Orientation.Portrait,
    QMarginsF(18, 16, 18, 16),
    QPageLayout.Unit.Millimeter,
)


_thread_loops = threading.local()


def _ensure_event_dispatcher() -> None:
    """Text layout starts Qt timers; a plain Python worker thread has no event dispatcher
    for them ("QBasicTimer::start: ... event dispatcher has already been destroyed").
    A QEventLoop made once per thread gives it one (the loop itself never runs)."""
    if QAbstractEventDispatcher.instance() is None:
        _thread_loops.loop = QEventLoop()


def paint_html(html: str, device: QPagedPaintDevice) -> None:
    """Lay ``html`` out on ``device``'s pages and paint it: a PDF writer or a printer
    (QPainter may paint on either from a worker thread)."""
    ensure_gui_application()
    _ensure_event_dispatcher()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # lay out in the device's own units
    document.setHtml(html)
    page = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.setTextWidth(page.width())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or the file could not be opened")
    try:
        # Paint page by page (print_() would add page numbers and a blank last page).
        height, top = page.height(), 0.0
        while True:
            painter.save()
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, page.width(), height))
            painter.restore()
            top += height
            if top >= document.size().height():
                break
            device.newPage()
    finally:
        painter.end()


def render_pdf(html: str, *, title: str) -> bytes:
    """An A4 PDF of ``html`` (Qt's rich-text subset), as bytes."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Carnet")
    writer.setResolution(300)
    writer.setPageLayout(A4)
    paint_html(html, writer)
    del writer  # flushes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def write_pdf(html: str, path: Path, *, title: str) -> None:
    """Render and write privately (0600) and durably: these documents hold secrets."""
    write_private_durably(path, render_pdf(html, title=title))
