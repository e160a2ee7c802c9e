"""Where a practice syncs: the folder / WebDAV / S3 form shared by Sync settings and the
restore wizard, its engine URL, the credentials typed in it, and the connection test on
the network worker.

Typed credentials go to the storage directly (no environment variable needed) and, to
let the background sync find them later, into the OS keyring only: never QSettings,
never the database.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks
from desktop.remote import Backend, Credentials, connect

KINDS = ("folder", "webdav", "s3")


def remote_url(kind: str, address: str, endpoint: str = "", region: str = "") -> str:
    """The engine's URL for what the user typed: a folder path, a WebDAV https address
    or an S3 bucket/prefix (with its endpoint and region); a full URL is kept as typed."""
    address = address.strip()
    if "://" in address:
        return address
    if kind == "folder":
        return Path(address).expanduser().resolve().as_uri()
    if kind == "webdav":
        return "webdav+https://" + address
    query = {k: v.strip() for k, v in (("endpoint", endpoint), ("region", region)) if v.strip()}
    return "s3://" + address + ("?" + urlencode(query, safe=":/") if query else "")


def open_storage(url: str, creds: Credentials) -> Backend:
    """The storage at ``url`` with retries, the typed credentials first (then the
    environment, then the keyring: one resolver, ``desktop.remote.credentials``). No I/O;
    call ``check()``."""
    return connect(url, typed=creds)


class StorageForm(QWidget):
    """Kind, address, and the fields that kind needs; ``Test connection`` included."""

    tested = Signal(bool)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.kind = QComboBox()
        for kind, label in zip(
            KINDS, (self.tr("Folder"), self.tr("WebDAV"), self.tr("S3")), strict=True
        ):
            self.kind.addItem(label, kind)
        self.address = QLineEdit()
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.endpoint = QLineEdit()
        self.endpoint.setPlaceholderText("https://s3.fr-par.scw.cloud")
        self.region = QLineEdit()
        self.region.setPlaceholderText("fr-par")
        self.access_key = QLineEdit()
        self.secret_key = QLineEdit()
        self.secret_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow(self.tr("Address"), self.address)
        self.form.addRow("", self.browse)
        self.form.addRow(self.tr("Server password"), self.password)
        self.form.addRow(self.tr("S3 endpoint"), self.endpoint)
        self.form.addRow(self.tr("Region"), self.region)
        self.form.addRow(self.tr("Access key ID"), self.access_key)
        self.form.addRow(self.tr("Secret access key"), self.secret_key)
        self.form.addRow(self.test_button, self.outcome)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.address.setPlaceholderText(
            {
                "folder": self.tr("folder path"),
                "webdav": self.tr("user@server/path"),
                "s3": self.tr("bucket/prefix"),
            }[kind]
        )
        self.form.setRowVisible(self.browse, kind == "folder")
        self.form.setRowVisible(self.password, kind == "webdav")
        for field in (self.endpoint, self.region, self.access_key, self.secret_key):
            self.form.setRowVisible(field, kind == "s3")

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_url(self, url: str | None) -> None:
        """Fill the form from an engine URL (the configured remote)."""
        if not url:
            return
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "file":
            self.kind.setCurrentIndex(KINDS.index("folder"))
            self.address.setText(unquote(parts.path) if parts.path else url)
        elif scheme == "s3":
            self.kind.setCurrentIndex(KINDS.index("s3"))
            query = dict(parse_qsl(parts.query))
            self.address.setText(parts.netloc + parts.path)
            self.endpoint.setText(query.get("endpoint", ""))
            self.region.setText(query.get("region", ""))
        elif scheme == "webdav+https":
            self.kind.setCurrentIndex(KINDS.index("webdav"))
            self.address.setText(url.split("://", 1)[1])
        else:
            self.kind.setCurrentIndex(KINDS.index("webdav" if "webdav" in scheme else "folder"))
            self.address.setText(url)

    def url(self) -> str:
        return remote_url(
            self.current_kind(), self.address.text(), self.endpoint.text(), self.region.text()
        )

    def credentials(self) -> Credentials:
        kind = self.current_kind()
        return Credentials(
            password=(self.password.text() or None) if kind == "webdav" else None,
            access_key=(self.access_key.text().strip() or None) if kind == "s3" else None,
            secret_key=(self.secret_key.text() or None) if kind == "s3" else None,
        )

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Sync folder"))
        if path:
            self.kind.setCurrentIndex(KINDS.index("folder"))
            self.address.setText(path)

    def test_connection(self) -> None:
        url, creds = self.url(), self.credentials()
        self.test_button.setEnabled(False)
        self.show_outcome(self.tr("Testing…"))
        self.tasks.net(
            lambda: open_storage(url, creds).check(),
            on_done=lambda _: self._tested(None),
            on_error=self._tested,
        )

    def _tested(self, exc: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        if exc is None:
            self.show_outcome(self.tr("Connection OK"), ok=True)
        else:
            self.show_error(exc)
        self.tested.emit(exc is None)

    def show_outcome(self, text: str, *, ok: bool | None = None) -> None:
        self.outcome.setStyleSheet("" if ok is None else "color:#1b7f1b" if ok else "color:#c00000")
        self.outcome.setText(text)

    def show_error(self, exc: BaseException) -> None:
        self.show_outcome(message_for(exc) or type(exc).__name__, ok=False)
