"""A patient's chart: identity header (allergies in red), summary, consultations with their
versions, prescriptions, documents, appointments. Data comes from one audited read."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.patient_list import age, display_date


def bmi(weight_kg: float | None, height_cm: float | None) -> float | None:
    if not weight_kg or not height_cm:
        return None
    return round(weight_kg / (height_cm / 100) ** 2, 1)


def last_vitals(chart: dict[str, Any]) -> dict[str, Any]:
    """The most recent value of each vital sign across consultations."""
    found: dict[str, Any] = {}
    for consult in chart["consultations"]:  # newest first
        current = consult["current"] or {}
        for key in ("weight_kg", "height_cm", "bp_sys", "bp_dia", "pulse", "temperature_c", "spo2"):
            if key not in found and current.get(key) is not None:
                found[key] = current[key]
    return found


class ChartView(QWidget):
    new_consultation = Signal(str)
    new_prescription = Signal(str)
    edit_identity = Signal(str)
    add_problem = Signal(str)
    add_allergy = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.chart: dict[str, Any] | None = None
        self.header = QLabel()
        self.header.setObjectName("chartHeader")
        self.header.setWordWrap(True)
        self.consult_button = QPushButton(self.tr("New consultation"))
        self.rx_button = QPushButton(self.tr("New prescription"))
        self.consult_button.clicked.connect(lambda: self._emit(self.new_consultation))
        self.rx_button.clicked.connect(lambda: self._emit(self.new_prescription))
        self.identity_button = QPushButton(self.tr("Identity…"))
        self.problem_button = QPushButton(self.tr("+ Problem"))
        self.allergy_button = QPushButton(self.tr("+ Allergy"))
        self.identity_button.clicked.connect(lambda: self._emit(self.edit_identity))
        self.problem_button.clicked.connect(lambda: self._emit(self.add_problem))
        self.allergy_button.clicked.connect(lambda: self._emit(self.add_allergy))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.consult_button)
        top.addWidget(self.rx_button)
        edits = QHBoxLayout()
        edits.addStretch(1)
        for button in (self.identity_button, self.problem_button, self.allergy_button):
            edits.addWidget(button)
        self.summary = QTextBrowser()
        self.summary.setObjectName("summary")
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("Entry"), self.tr("Versions")])
        self.timeline.setColumnWidth(0, 150)
        self.timeline.setColumnWidth(1, 380)
        self.timeline.currentItemChanged.connect(self._show_entry)
        self.detail = QTextBrowser()
        split = QSplitter()
        split.addWidget(self.summary)
        right = QSplitter()
        right.setOrientation(right.orientation().__class__.Vertical)
        right.addWidget(self.timeline)
        right.addWidget(self.detail)
        split.addWidget(right)
        split.setSizes([320, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(edits)
        layout.addWidget(split, 1)
        self.show_chart(None)

    def _emit(self, signal: Any) -> None:
        if self.chart is not None:
            signal.emit(self.chart["id"])

    def show_chart(self, chart: dict[str, Any] | None) -> None:
        self.chart = chart
        for button in (
            self.consult_button,
            self.rx_button,
            self.identity_button,
            self.problem_button,
            self.allergy_button,
        ):
            button.setEnabled(chart is not None)
        self.timeline.clear()
        self.detail.clear()
        if chart is None:
            self.header.setText(self.tr("<i>Search for a patient and press Enter.</i>"))
            self.summary.clear()
            return
        self.header.setText(self._header_html(chart))
        self.summary.setHtml(self._summary_html(chart))
        entries: list[tuple[str, QTreeWidgetItem]] = []
        for consult in chart["consultations"]:
            current = consult["current"] or {}
            label = current.get("reason") or (current.get("text") or "")[:60]
            versions = str(len(consult["versions"]))
            if consult["concurrent_versions"]:
                versions += " ⚠"
            item = QTreeWidgetItem([display_date(consult["started_at"]), label, versions])
            item.setData(0, 256, ("consultation", consult))
            entries.append((consult["started_at"] or "", item))
        for rx in chart["prescriptions"]:
            current = rx["current"] or {}
            drugs = ", ".join(line.get("drug", "") for line in current.get("lines") or [])
            item = QTreeWidgetItem(
                [display_date(rx["prescribed_at"]), "℞ " + drugs, str(len(rx["versions"]))]
            )
            item.setData(0, 256, ("prescription", rx))
            entries.append((rx["prescribed_at"] or "", item))
        # Newest first, by the ISO date (the displayed one is in the locale's order).
        for _, item in sorted(entries, key=lambda e: e[0], reverse=True):
            self.timeline.addTopLevelItem(item)

    def _header_html(self, c: dict[str, Any]) -> str:
        name = f"{escape((c['family_name'] or '').upper())} {escape(c['given_names'] or '')}"
        if c.get("birth_name"):
            born = self.tr("born {0}").format(escape(c["birth_name"]))
            name += f" <small>({born})</small>"
        facts = [c["sex"] or "", display_date(c["birth_date"])]
        if c["birth_date"]:
            facts.append(self.tr("{0} years").format(age(c["birth_date"])))
        facts += [c.get("nir") or "", c.get("phone") or ""]
        html = f"<h2 style='margin:0'>{name}</h2>{escape(' · '.join(f for f in facts if f))}"
        if c["allergies"]:
            allergies = ", ".join(escape(a["substance"] or "?") for a in c["allergies"])
            line = self.tr("Allergies: {0}").format(allergies)
            html += f"<br/><b style='color:#c00000'>{line}</b>"
        return html

    def _summary_html(self, c: dict[str, Any]) -> str:
        parts = []

        def section(title: str, items: list[str]) -> None:
            if items:
                parts.append(
                    f"<h3>{title}</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
                )

        section(
            self.tr("Problems"),
            [
                escape(p["label"] or "")
                + (f" <small>({escape(p['cim10'])})</small>" if p["cim10"] else "")
                for p in c["problems"]
            ],
        )
        section(
            self.tr("Current treatments"),
            [
                escape(f"{t['drug'] or ''} {t['dosage'] or ''}")
                for t in c["treatments"]
                if not t["stopped"]
            ],
        )
        section(
            self.tr("Allergies"),
            [
                f"<span style='color:#c00000'>{escape(a['substance'] or '')}</span> "
                + escape(a["reaction"] or "")
                for a in c["allergies"]
            ],
        )
        vitals = last_vitals(c)
        if vitals:
            items = []
            if "weight_kg" in vitals:
                items.append(self.tr("Weight {0} kg").format(vitals["weight_kg"]))
            b = bmi(vitals.get("weight_kg"), vitals.get("height_cm"))
            if b:
                items.append(self.tr("BMI {0}").format(b))
            if "bp_sys" in vitals:
                items.append(
                    self.tr("BP {0}/{1}").format(vitals["bp_sys"], vitals.get("bp_dia", "?"))
                )
            if "pulse" in vitals:
                items.append(self.tr("Pulse {0}").format(vitals["pulse"]))
            section(self.tr("Last vitals"), items)
        section(
            self.tr("Vaccinations"),
            [
                escape(f"{v['vaccine']} ({display_date(v['given_on'])})")
                for v in c["vaccinations"][:8]
            ],
        )
        upcoming = [a for a in c["appointments"] if a["status"] == "booked"]
        section(
            self.tr("Appointments"),
            [
                escape(
                    f"{display_date(a['starts_at'])} {a['starts_at'][11:16]} {a['reason'] or ''}"
                )
                for a in upcoming
            ],
        )
        section(self.tr("Documents"), [escape(d["title"] or "") for d in c["documents"]])
        return "".join(parts) or self.tr("<i>Empty chart.</i>")

    def _show_entry(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            return
        kind, entry = item.data(0, 256)
        blocks = []
        for number, version in enumerate(entry["versions"], 1):
            created = version["created_at"] or ""
            when = escape(f"{display_date(created)} {created[11:16]}")
            if kind == "consultation":
                body = escape(version.get("text") or "").replace("\n", "<br/>")
                soap = [version.get(k) for k in ("soap_s", "soap_o", "soap_a", "soap_p")]
                if any(soap):
                    body += "<br/>" + "<br/>".join(
                        f"<b>{k}</b> {escape(v or '')}" for k, v in zip("SOAP", soap, strict=True)
                    )
                vitals = []
                b = bmi(version.get("weight_kg"), version.get("height_cm"))
                if version.get("bp_sys"):
                    vitals.append(f"TA {version['bp_sys']}/{version.get('bp_dia')}")
                if version.get("weight_kg"):
                    vitals.append(f"{version['weight_kg']} kg")
                if b:
                    vitals.append(f"IMC {b}")
                if vitals:
                    body += "<br/><small>" + " · ".join(vitals) + "</small>"
                head = escape(version.get("reason") or "")
            else:
                body = "<br/>".join(
                    escape(
                        f"{line.get('drug', '')} — {line.get('dosage', '')} — "
                        f"{line.get('duration', '')}"
                    )
                    for line in version.get("lines") or []
                )
                head = "℞"
            blocks.append(f"<p><b>v{number}</b> <small>{when}</small> <b>{head}</b><br/>{body}</p>")
        self.detail.setHtml("<hr/>".join(reversed(blocks)))
