"""A child's growth curves: the consultations' weight, height and head circumference over
age, as Qt Charts series holding exactly the patient's points; offered for children only."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from desktop.app.growth import GrowthPlot, GrowthView, Point, age_ticks, growth_points, is_child
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice import models
from desktop.practice.models import Consultation, Version
from tests.helpers.qt import search_and_open


def _child(opened: Tasks, born: dt.date) -> str:
    p = opened.practice
    assert p is not None
    pid = p.create_record(
        "patient",
        {"family_name": "Petit", "given_names": "Léa", "birth_date": born.isoformat(), "sex": "F"},
    )
    for days, weight, height, head in ((3, 3.4, 50.0, 35.0), (61, 5.1, 57.5, 39.0),
                                       (122, 6.4, 62.0, None)):  # fmt: skip
        when = (born + dt.timedelta(days=days)).isoformat() + "T10:00"
        p.add_consultation(pid, started_at=when, reason="Suivi", weight_kg=weight,
                           height_cm=height, head_circumference_cm=head)  # fmt: skip
    return str(pid)


def test_the_series_hold_the_childs_points(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    born = dt.date.today() - dt.timedelta(days=200)
    _child(opened, born)
    search_and_open(qtbot, window, "petit")
    assert "Weight, height and head circumference…" in window.chart.summary.toPlainText()
    window.chart.summary.anchorClicked.emit(QUrl("growth:all"))
    view = window.chart.growth_view
    assert isinstance(view, GrowthView)
    qtbot.addWidget(view)

    def points(field: str) -> list[tuple[float, float]]:
        series = view.plots[field].line
        return [(round(p.x(), 2), p.y()) for p in series.points()]

    assert points("weight_kg") == [(0.1, 3.4), (2.0, 5.1), (4.01, 6.4)]  # months
    assert [y for _, y in points("height_cm")] == [50.0, 57.5, 62.0]
    assert points("head_circumference_cm") == [(0.1, 35.0), (2.0, 39.0)]  # not measured at 4 months
    assert view.plots["weight_kg"].marks.count() == 3
    assert view.plots["weight_kg"].x_axis.titleText() == "Age (months)"
    assert view.tabs.count() == 3


def test_growth_is_for_children_and_in_years_after_three(qtbot: QtBot):
    born = dt.date(2010, 5, 1)
    def seen(started_at: str, weight_kg: float) -> Consultation:
        version = replace(Version.blank(), weight_kg=weight_kg)
        return replace(Consultation.blank(), started_at=started_at, versions=(version,))

    chart = models.chart(
        {"id": "c", "birth_date": born.isoformat()},
        {
            "consultations": [
                seen("2015-05-01T09:00", 19.0),
                seen("2009-01-01T09:00", 3.0),  # before birth
            ]
        },
    )
    assert is_child(chart, today=dt.date(2026, 1, 1))
    assert not is_child(chart, today=dt.date(2029, 1, 1))
    assert not is_child(models.chart({"id": "y", "birth_date": "1950"}, {}))  # no age to plot
    [point] = growth_points(chart)["weight_kg"]
    assert point.age_days == (dt.date(2015, 5, 1) - born).days
    plot = GrowthPlot("Weight (kg)", [point])
    qtbot.addWidget(plot)
    assert plot.x_axis.titleText() == "Age (years)"
    assert [(round(p.x(), 2), p.y()) for p in plot.line.points()] == [(5.0, 19.0)]


def test_an_adult_chart_offers_no_growth(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "paul")  # born in the 1950s
    assert "Weight, height and head circumference" not in window.chart.summary.toPlainText()


def test_the_age_axis_ticks_at_whole_years_and_months(qtbot: QtBot):
    """A 3-year-old's last weight at 3.38 years: the axis once ran to 3.72 in 4 steps and
    its "%d" labels read 0, 0, 1, 2, 3, "1" standing at 1.86 years."""
    plot = GrowthPlot("Poids (kg)", [Point(73, 5.0), Point(400, 10.1), Point(1235, 17.2)])
    qtbot.addWidget(plot)
    x = plot.x_axis
    assert (x.min(), x.max(), x.tickInterval(), x.tickAnchor()) == (0, 4, 1, 0)
    assert x.tickType() == x.TickType.TicksDynamic
    assert plot.y_axis.min() <= 5.0 and plot.y_axis.max() >= 17.2
    assert age_ticks(6.6) == (1, 7)  # a baby, in months
    assert age_ticks(30.0) == (6, 36)  # at most 8 steps, whole months
    assert age_ticks(16.2) == (3, 18)
    assert age_ticks(0.0) == (1, 1)
