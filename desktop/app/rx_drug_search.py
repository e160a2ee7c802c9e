"""The prescription editor's drug search: completed by DCI and brand from the practice's
drug list (opened, used and closed on the store's worker), and the allergy marks of its lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from desktop.app.rx_dialogs import ui_language
from desktop.practice import prescriptions
from desktop.practice.allergies import default_table
from desktop.practice.drugs import Drug, DrugIndex
from desktop.practice.prescriptions import AllergyHit, RxLine

if TYPE_CHECKING:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QCompleter, QDialog, QLabel, QLineEdit

    from desktop.app.rx_lines import LinesTable
    from desktop.app.tasks import Tasks

    class _Editor(QDialog):
        """For the type checker only: what the mixin uses of ``PrescriptionEditor`` (at
        run time it is ``object``; lupdate needs these stubs outside the mixin's body)."""

        tasks: Tasks
        info: dict[str, Any]
        table: LinesTable
        status: QLabel
        drug_search: QLineEdit
        drug_model: QStringListModel
        completer: QCompleter
        _index: DrugIndex | None
        _hits: dict[str, Drug]

        def _failed(self, exc: BaseException) -> None: ...

else:
    _Editor = object


class DrugSearch(_Editor):
    """Mixed into ``PrescriptionEditor``: a search as the GP types, a pick or Enter adds
    the line, and a line matching a recorded allergy is marked at once."""

    def _drugs(self, p: Any) -> DrugIndex:
        """On the worker: the practice's imported list, else the starter list."""
        if self._index is None:
            self._index = DrugIndex.open(p.folder)
        return self._index

    def _close_index(self) -> None:
        def close() -> None:
            if self._index is not None:
                self._index.close()
                self._index = None

        self.tasks.on_db(close)

    def _search(self) -> None:
        query = self.drug_search.text().strip()
        if len(query) < 2:
            return
        self.tasks.db(
            lambda p: self._drugs(p).search(query, 15),
            on_done=lambda hits: self._show_hits(query, hits),
            on_error=self._failed,
        )

    def _show_hits(self, query: str, hits: list[Drug]) -> None:
        if query != self.drug_search.text().strip():
            return  # the user typed on: a newer search is coming
        self._hits = {hit.label: hit for hit in hits}
        self.drug_model.setStringList(list(self._hits))
        # Said in the status line too: a screen reader does not see the completer's popup.
        if hits:
            self.status.setText(
                self.tr("{0} proposals: Down arrow to choose, Enter to add.").format(len(hits))
            )
        else:
            self.status.setText(
                self.tr("No drug in the list starts with “{0}”: Enter adds it as typed.").format(
                    query
                )
            )
        if hits and self.drug_search.hasFocus():
            self.completer.complete()

    def _picked(self, label: str) -> None:
        drug = self._hits.get(label)
        if drug is None:
            return
        self.add_drug(drug)
        QTimer.singleShot(0, self.drug_search.clear)  # after the completer set the text

    def add_drug(self, drug: Drug) -> None:
        row = self.table.add(prescriptions.with_drug(RxLine(drug.drug), drug))
        self.status.clear()
        self.mark_allergies()
        self.table.setCurrentCell(row, 1)
        self.table.setFocus()

    def mark_allergies(self) -> list[AllergyHit]:
        """As soon as a line is added, not only at saving: a line matching a recorded
        allergy turns red and the status line names the allergy (the dialog at saving
        still asks for a reason)."""
        recorded = self.info.get("allergies") or []
        at = {row: self.table.line_at(row) for row in range(self.table.rowCount())}
        rows = [row for row, line in at.items() if line is not None]
        lines = [line for line in at.values() if line is not None]
        hits = prescriptions.hits_for(recorded, lines) if recorded else []
        flagged = {rows[hit.line] for hit in hits}
        for row in range(self.table.rowCount()):
            self.table.flag(row, row in flagged)
        if hits:
            table, language = default_table(), ui_language()
            self.status.setText("⚠ " + "; ".join(
                self.tr("{0}: recorded allergy {1} ({2})").format(
                    hit.drug, hit.allergy, table.label(hit.why, language)
                )
                for hit in hits
            ))  # fmt: skip
        return hits

    def _add_typed(self) -> None:
        text = self.drug_search.text().strip()
        popup = self.completer.popup()
        if not text or (popup is not None and popup.isVisible()):
            return
        if text in self._hits:
            self.add_drug(self._hits[text])
        else:
            self.table.add(RxLine(text))
            self.status.clear()
            self.mark_allergies()
        self.drug_search.clear()
