"""A child's growth: weight, height and head circumference measured at consultations,
plotted over age (months under 3 years, years after) with Qt Charts, one plot each.

Qt Charts comes with the PySide6 add-ons Carnet already ships for QtPdf: native widgets
drawn by Qt (no numpy or matplotlib, nothing to render to a file), and read on any
platform the app runs on. No reference curves yet: the points are the patient's own."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.practice.models import Chart

CHILD_UNTIL_YEARS = 18
MONTHS_UNTIL = 36  # under three years, age in months; after, in years
MEASURES = (
    ("weight_kg", QT_TRANSLATE_NOOP("growth", "Weight (kg)")),
    ("height_cm", QT_TRANSLATE_NOOP("growth", "Height (cm)")),
    ("head_circumference_cm", QT_TRANSLATE_NOOP("growth", "Head circumference (cm)")),
)


@dataclass(frozen=True)
class Point:
    age_days: int
    value: float


def _birth(chart: Chart) -> dt.date | None:
    text = chart.birth_date or ""
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def is_child(chart: Chart, today: dt.date | None = None) -> bool:
    born = _birth(chart)
    if born is None:
        return False
    today = today or dt.date.today()
    return (today - born).days < CHILD_UNTIL_YEARS * 365.25


def growth_points(chart: Chart) -> dict[str, list[Point]]:
    """Each measure's (age in days, value) from the consultations' current versions,
    oldest first; a measure taken before birth (a wrong date) is left out."""
    born = _birth(chart)
    out: dict[str, list[Point]] = {name: [] for name, _ in MEASURES}
    if born is None:
        return out
    for consult in chart.consultations:
        current = consult.current.fields() if consult.current is not None else {}
        when = (consult.started_at or "")[:10]
        if len(when) < 10:
            continue
        age = (dt.date.fromisoformat(when) - born).days
        if age < 0:
            continue
        for name, _ in MEASURES:
            value = current.get(name)
            if isinstance(value, int | float):
                out[name].append(Point(age, float(value)))
    return {name: sorted(points, key=lambda p: p.age_days) for name, points in out.items()}


def in_months(points: list[Point]) -> bool:
    return not points or points[-1].age_days < MONTHS_UNTIL * 30.44


def age_value(age_days: int, months: bool) -> float:
    return age_days / 30.44 if months else age_days / 365.25


def age_ticks(oldest: float) -> tuple[int, int]:
    """(interval, end) of the age axis: whole months or years, at most 8 intervals, the
    end a whole number of intervals past the oldest point."""
    for step in (1, 2, 3, 6, 12, 24):
        end = step * (math.floor(oldest * 1.05 / step) + 1)
        if end / step <= 8:
            return step, end
    return step, end


class GrowthPlot(QChartView):
    """One measure over age: the points joined by a line, each point marked."""

    def __init__(self, title: str, points: list[Point], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        months = in_months(points)
        self.line = QLineSeries()
        self.marks = QScatterSeries()
        self.marks.setMarkerSize(8)
        for p in points:
            at = QPointF(age_value(p.age_days, months), p.value)
            self.line.append(at)
            self.marks.append(at)
        chart = QChart()
        chart.setTitle(title)
        chart.legend().hide()
        chart.addSeries(self.line)
        chart.addSeries(self.marks)
        x, y = QValueAxis(), QValueAxis()
        x.setTitleText(
            QCoreApplication.translate("growth", "Age (months)")
            if months
            else QCoreApplication.translate("growth", "Age (years)")
        )
        x.setLabelFormat("%d")
        y.setTitleText(title)
        ages = [age_value(p.age_days, months) for p in points] or [0.0]
        values = [p.value for p in points] or [0.0]
        step, top = age_ticks(max(ages))
        x.setRange(0, top)
        # Ticks at whole ages only: "%d" on ticks at 0.93, 1.86... read "0, 0, 1" and put
        # "1" at nearly two years (seen on a 3-year-old's curve).
        x.setTickType(QValueAxis.TickType.TicksDynamic)
        x.setTickAnchor(0)
        x.setTickInterval(step)
        span = max(values) - min(values)
        y.setRange(max(min(values) - span * 0.2 - 1, 0), max(values) + span * 0.2 + 1)
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (self.line, self.marks):
            series.attachAxis(x)
            series.attachAxis(y)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(title)
        self.x_axis, self.y_axis = x, y


class GrowthView(QDialog):
    """The three plots of a child, one tab each (a tab without a measure says so)."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Growth: {0}").format(chart.full_name()))
        self.resize(760, 520)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Growth curves"))
        self.plots: dict[str, GrowthPlot] = {}
        for field, label in MEASURES:
            title = QCoreApplication.translate("growth", label)
            points = growth_points(chart)[field]
            plot = GrowthPlot(title, points, self)
            self.plots[field] = plot
            if points:
                self.tabs.addTab(plot, title)
            else:
                empty = QLabel(self.tr("Not measured yet."))
                empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.tabs.addTab(empty, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
