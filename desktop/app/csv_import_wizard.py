"""Practice > Import patients from a CSV…: pick the file, map its columns to Carnet's
fields over a preview of its first rows, dry run (rows to create, duplicates on the INS
traits, rows refused and why), then import in one transaction.

Each step is an action (``ops.Op``): the file is read on the file worker, planned and
imported on the database worker (desktop.interop.csv_import does the work; the CLI's
``carnet import csv`` uses the same three steps); the import announces new patients.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.export_dialogs import PathField
from desktop.app.progress_panel import ProgressPanel
from desktop.app.tasks import Tasks
from desktop.interop import csv_import

ENCODINGS = (
    ("", "Auto"),
    ("utf-8-sig", "UTF-8"),
    ("cp1252", "Windows-1252"),
    ("latin-1", "Latin-1"),
)
SEPARATORS = (("", "Auto"), (";", ";"), (",", ","))


class CsvImportWizard(QDialog):
    imported = Signal(int)  # how many patients were created

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.table: csv_import.Table | None = None
        self.plan: csv_import.Plan | None = None
        self.combos: list[QComboBox] = []
        self.setWindowTitle(self.tr("Import patients from a CSV file"))
        self.resize(900, 640)

        source = QGroupBox(self.tr("1. The file"))
        form = QFormLayout(source)
        self.path = PathField(self.tr("CSV file"), mode="open", pattern="*.csv *.txt")
        self.path.chosen.connect(self.read)
        self.encoding = QComboBox()
        self.separator = QComboBox()
        for value, label in ENCODINGS:
            self.encoding.addItem(label, value)
        for value, label in SEPARATORS:
            self.separator.addItem(label, value)
        self.read_button = QPushButton(self.tr("Read the file"))
        self.read_button.clicked.connect(self.read)
        form.addRow(self.tr("CSV file"), self.path)
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow(self.tr("Separator"), self.separator)
        form.addRow(self.read_button)

        mapping = QGroupBox(self.tr("2. Columns: which Carnet field each one fills"))
        box = QVBoxLayout(mapping)
        self.detected = QLabel()
        self.preview = QTableWidget()
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName(self.tr("First rows of the file"))
        box.addWidget(self.detected)
        box.addWidget(self.preview)

        check = QGroupBox(self.tr("3. Dry run, then import"))
        lay = QVBoxLayout(check)
        self.dry_button = QPushButton(self.tr("Dry run"))
        self.dry_button.clicked.connect(self.dry_run)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Dry run report"))
        self.skip_refused = QCheckBox(self.tr("Import the other rows, leaving the refused ones"))
        self.skip_refused.toggled.connect(self._update_import)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(self.run_import)
        for widget in (
            self.dry_button,
            self.summary,
            self.report,
            self.skip_refused,
            self.import_button,
        ):
            lay.addWidget(widget)

        self.panel = ProgressPanel()
        self.status, self.error = self.panel.status, self.panel.error
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        parts: tuple[QWidget, ...] = (source, mapping, check, self.panel, buttons)
        for part in parts:
            layout.addWidget(part)
        self._update_import()

    # -- 1. read -----------------------------------------------------------------------------

    def read(self) -> None:
        path = self.path.path()
        if path is None:
            self.error.setText(self.tr("Choose the CSV file to import."))
            return
        encoding = self.encoding.currentData() or None
        separator = self.separator.currentData() or None
        self._busy(self.tr("Reading the file…"))
        ops.Op(
            self, self.tasks,
            lambda _: csv_import.read_table(path, encoding=encoding, separator=separator),
            worker=ops.Worker.FILE,
        ).success(self._read).failure(self._failed).run()  # fmt: skip

    def _read(self, table: csv_import.Table) -> None:
        self.table, self.plan = table, None
        self._idle()
        encoding = dict(ENCODINGS).get(table.encoding, table.encoding)
        self.detected.setText(
            self.tr("{0} rows; encoding {1}; separator {2}").format(
                len(table.rows), encoding, table.separator
            )
        )
        rows = csv_import.preview(table)
        guess = csv_import.guess_mapping(table.header)
        self.preview.clear()
        self.preview.setColumnCount(len(table.header))
        self.preview.setRowCount(len(rows) + 1)
        self.preview.setHorizontalHeaderLabels(list(table.header))
        self.combos = []
        for col, name in enumerate(table.header):
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Field for the column {0}").format(name))
            combo.addItem(self.tr("(not imported)"), "")
            for field in csv_import.known_fields():
                combo.addItem(field, field)
            if name in guess:
                combo.setCurrentIndex(combo.findData(guess[name]))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.preview.setCellWidget(0, col, combo)
            self.combos.append(combo)
            for row, cells in enumerate(rows, 1):
                text = cells[col] if col < len(cells) else ""
                self.preview.setItem(row, col, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        self.report.clear()
        self._update_import()

    def mapping(self) -> dict[str, str]:
        if self.table is None:
            return {}
        return {
            column: combo.currentData()
            for column, combo in zip(self.table.header, self.combos, strict=True)
            if combo.currentData()
        }

    def set_field(self, column: str, field: str) -> None:
        """Map ``column`` to ``field`` ('' for not imported), as choosing it in its box."""
        assert self.table is not None
        combo = self.combos[self.table.header.index(column)]
        combo.setCurrentIndex(combo.findData(field))

    def _mapping_changed(self, _index: int) -> None:
        self.plan = None
        self.summary.clear()
        self.report.clear()
        self._update_import()

    # -- 2. dry run --------------------------------------------------------------------------

    def dry_run(self) -> None:
        table, mapping = self.table, self.mapping()
        if table is None:
            self.error.setText(self.tr("Read a CSV file first."))
            return
        if "family_name" not in mapping.values():
            self.error.setText(self.tr("Choose the column that holds the family name."))
            return
        self._busy(self.tr("Checking every row…"))
        ops.Op(self, self.tasks, lambda p: csv_import.plan_import(p, table, mapping)).success(
            self._planned
        ).failure(self._failed).run()

    def _planned(self, plan: csv_import.Plan) -> None:
        self.plan = plan
        self._idle()
        lines = [
            self.tr(
                "{0} rows read: {1} to create, {2} duplicates (not created), {3} refused."
            ).format(plan.rows, len(plan.create), len(plan.duplicates), len(plan.refused))
        ]
        for d in plan.duplicates:
            if d.same_as_line is not None:
                lines.append(
                    self.tr("Line {0}: same patient as line {1}").format(d.line, d.same_as_line)
                )
            else:
                lines.append(
                    self.tr("Line {0}: this patient is already in the practice").format(d.line)
                )
        for r in plan.refused:
            lines.append(self.tr("Line {0}: refused: {1}").format(r.line, r.reason))
        self.summary.setText(lines[0])
        self.report.setPlainText("\n".join(lines))
        self._update_import()

    # -- 3. import ---------------------------------------------------------------------------

    def _update_import(self, _on: bool = False) -> None:
        plan = self.plan
        self.dry_button.setEnabled(self.table is not None)
        self.skip_refused.setVisible(bool(plan and plan.refused))
        ready = bool(plan and plan.create) and (
            not (plan and plan.refused) or self.skip_refused.isChecked()
        )
        self.import_button.setEnabled(ready)

    def run_import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self._busy(self.tr("Importing in one transaction…"))
        ops.Op(self, self.tasks, lambda p: csv_import.run_import(p, plan)).success(
            self._imported
        ).failure(self._failed).changes(ops.Changes(patients=True, sync=True)).run()

    def _imported(self, count: int) -> None:
        self._idle()
        self.plan = None
        self._update_import()
        self.status.setText(self.tr("{0} patients imported.").format(count))
        self.imported.emit(count)

    # -- state -------------------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self.panel.started(text)
        for button in (self.read_button, self.dry_button, self.import_button):
            button.setEnabled(False)

    def _idle(self) -> None:
        self.panel.finished()
        self.read_button.setEnabled(True)
        self._update_import()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self.panel.failed(exc)
