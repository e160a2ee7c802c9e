"""A layout that lays its widgets out in a row and wraps them onto the next row when the
row is full, each row aligned right.

Qt has no such layout of its own; this is the pattern of Qt's "Flow Layout" example. The
chart's row of actions uses it: in one row they ask for about a thousand pixels, which
left the patient list a quarter of the window at 1280 wide. Wrapped, they take two rows
on a narrow chart and one on a wide screen, every action still one click away.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """One row: the width every item asks for side by side."""
        visible = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in visible)
        width += self._spacing(Qt.Orientation.Horizontal) * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:  # noqa: N802
        """The widest single item: anything wider wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    def _with_margins(self, size: QSize) -> QSize:
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        control = QSizePolicy.ControlType.PushButton
        return parent.style().layoutSpacing(control, control, orientation, None, parent)

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        across = self._spacing(Qt.Orientation.Horizontal)
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            wide = item.sizeHint().width()
            if rows[-1] and used + across + wide > width:
                rows.append([])
                used = 0
            used += (across if rows[-1] else 0) + wide
            rows[-1].append(item)
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the rows out in rect (when place) and return the height they take."""
        margins = self.contentsMargins()
        inner = rect.marginsRemoved(margins)
        across = self._spacing(Qt.Orientation.Horizontal)
        down = self._spacing(Qt.Orientation.Vertical)
        y = inner.y()
        for index, row in enumerate(self._rows(inner.width())):
            if index:
                y += down
            tall = max(item.sizeHint().height() for item in row)
            wide = sum(item.sizeHint().width() for item in row) + across * (len(row) - 1)
            x = inner.x() + max(0, inner.width() - wide)  # aligned right
            for item in row:
                hint = item.sizeHint()
                if place:
                    item.setGeometry(QRect(QPoint(x, y), hint))
                x += hint.width() + across
            y += tall
        return y - rect.y() + margins.bottom()
