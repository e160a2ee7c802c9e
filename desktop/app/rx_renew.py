"""Renewing an earlier prescription: the chart's current treatments first (a renewal
appointment's ordonnance, even when they were never prescribed in Carnet), then the
patient's last prescriptions, newest first; the first is chosen, the lines of the one
selected shown; Enter renews it into the editor (a dialog, not a menu: rx_picker.py says
why)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.app.rx_picker import LinesPicker
from desktop.practice.prescriptions import RxLine

SHOWN = 15  # the last prescriptions offered


@dataclasses.dataclass(frozen=True, slots=True)
class Earlier:
    """A past prescription the GP may renew: its lines and its notes ("Ne pas substituer")."""

    prescribed_at: str
    lines: list[RxLine]
    notes: str = ""
    current: bool = False  # the chart's current treatments, not a prescription


def earlier_text(past: Earlier) -> str:
    """ "02/12/2026 : Ramipril 5 mg, Metformine 1000 mg" (the drugs cut at 80 characters)."""
    drugs = ", ".join(line.drug for line in past.lines)[:80]
    if past.current:
        return QCoreApplication.translate("RenewDialog", "Current treatments: {0}").format(drugs)
    day = past.prescribed_at[:10]
    shown = dt.date.fromisoformat(day).strftime("%d/%m/%Y") if day else "?"
    return QCoreApplication.translate("RenewDialog", "{0}: {1}").format(shown, drugs)


class RenewDialog(LinesPicker):
    """``chosen(Earlier)`` when the GP renews one (the newest is selected at first)."""

    def __init__(self, earlier: list[Earlier], parent: QWidget | None = None) -> None:
        shown = earlier[:SHOWN]
        super().__init__(
            shown,
            [earlier_text(past) for past in shown],
            title=QCoreApplication.translate("RenewDialog", "Renew a prescription"),
            caption=QCoreApplication.translate("RenewDialog", "&Earlier prescriptions:"),
            name=QCoreApplication.translate("RenewDialog", "Earlier prescriptions"),
            pick=QCoreApplication.translate("RenewDialog", "Renew"),
            parent=parent,
        )
        self.earlier = shown
        self.renew_button = self.pick_button
