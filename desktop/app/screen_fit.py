"""Window sizes that fit the screen they open on: a locum's 1280x800 laptop as well as the
office's large screen. A window asks for the size it would like; it gets at most what the
screen has room for, title bar and taskbar left out."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_PX = 40
"""Room kept for the window manager's title bar and borders, which Qt knows only once
the window is shown (openbox: 24 px; Windows and GNOME: up to 38)."""


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, shrunk to the available area of its screen (the
    primary one before it is shown) and never below its minimum size hint."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    least = widget.minimumSizeHint()
    widget.resize(
        max(min(width, room.width() - 2 * 4), least.width()),
        max(min(height, room.height() - FRAME_PX), least.height()),
    )
