"""First run: make the demo practice, or create a new practice with its first doctor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from desktop.app.confirm import ask
from desktop.app.errors import message_for
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.restore_wizard import RestoreWizard
from desktop.app.tasks import Tasks
from desktop.demo.loader import make_demo
from desktop.practice.store import Practice

DEMO_PATIENTS = 2_000
DEMO_PASSPHRASE = "demo carnet"


STRENGTH_LABELS = (  # translated where shown; marked here so that lupdate sees them
    QT_TRANSLATE_NOOP("FirstRunDialog", "very weak"),
    QT_TRANSLATE_NOOP("FirstRunDialog", "weak"),
    QT_TRANSLATE_NOOP("FirstRunDialog", "fair"),
    QT_TRANSLATE_NOOP("FirstRunDialog", "good"),
    QT_TRANSLATE_NOOP("FirstRunDialog", "strong"),
)


class _Progress(QObject):
    changed = Signal(int)


def strength(passphrase: str) -> tuple[int, str]:
    """A rough 0-4 score: length and variety (a hint, not a guarantee)."""
    kinds = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len(passphrase.split())
    score = min(4, (len(passphrase) >= 8) + (len(passphrase) >= 14) + (kinds >= 3) + (words >= 4))
    return score, STRENGTH_LABELS[score]


class FirstRunDialog(QDialog):
    """Shown when the practice folder is empty."""

    def __init__(self, tasks: Tasks, folder: Path) -> None:
        super().__init__()
        self.tasks, self.folder = tasks, folder
        self.setWindowTitle(self.tr("Carnet: welcome"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "<h2>Welcome to Carnet</h2><p>The practice's records stay encrypted on this "
                "computer; sync storage only ever receives ciphertext.</p>"
            )
        )
        intro.setWordWrap(True)

        demo = QGroupBox(self.tr("Try it"))
        self.demo_button = QPushButton(self.tr("Create the demo practice"))
        self.demo_button.setObjectName("demo")
        self.demo_button.setAutoDefault(False)  # Enter in the form below never builds it
        self.demo_button.clicked.connect(self.confirm_demo)
        demo_hint = QLabel(
            self.tr("2,000 synthetic patients. Passphrase: «{0}»").format(DEMO_PASSPHRASE)
        )
        demo_layout = QVBoxLayout(demo)
        demo_layout.addWidget(demo_hint)
        demo_layout.addWidget(self.demo_button)

        new = QGroupBox(self.tr("Create a new practice"))
        self.practice_name = QLineEdit()
        self.doctor = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.passphrase.textChanged.connect(self._rate)
        self._rate("")
        form = QFormLayout(new)
        form.addRow(self.tr("Practice name"), self.practice_name)
        form.addRow(self.tr("Your login"), self.doctor)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow(self.tr("Confirm"), self.confirm)
        self.create_button = QPushButton(self.tr("Create"))
        self.create_button.setObjectName("create")
        self.create_button.clicked.connect(self.create_new)
        self.create_button.setDefault(True)  # Enter submits the form being filled
        form.addRow("", self.create_button)

        later = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("Restore a practice…"))
        self.restore_button.setToolTip(
            self.tr("From its sync storage, with the practice passphrase or the recovery key")
        )
        self.restore_button.clicked.connect(lambda: self.open_wizard("passphrase"))
        self.join_button = QPushButton(self.tr("Join as a new device…"))
        self.join_button.setToolTip(self.tr("With an enrollment code made on an enrolled computer"))
        self.join_button.clicked.connect(lambda: self.open_wizard("code"))
        for button in (self.restore_button, self.join_button):
            button.setAutoDefault(False)
        later.addWidget(self.restore_button)
        later.addWidget(self.join_button)
        self.wizard: RestoreWizard | None = None

        self.progress = QProgressBar()
        self.progress.hide()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (intro, demo, new):
            layout.addWidget(widget)
        layout.addLayout(later)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        self._signals = _Progress()
        self._signals.changed.connect(self.progress.setValue)

    def _rate(self, text: str) -> None:
        score, label = strength(text)
        self.meter.setValue(score)
        self.meter.setFormat(self.tr(label))

    def _busy(self, busy: bool) -> None:
        for button in (self.demo_button, self.create_button, self.restore_button, self.join_button):
            button.setEnabled(not busy)

    def open_wizard(self, method: str) -> RestoreWizard:
        """The restore / join wizard; when it has the practice, this dialog is done too."""
        wizard = RestoreWizard(self.tasks, self.folder, method=method, parent=self)
        wizard.setModal(True)
        wizard.accepted.connect(self.accept)
        self.wizard = wizard
        wizard.show()
        return wizard

    def confirm_demo(self) -> None:
        """The demo fills this computer's practice folder: only once the user says so."""
        self.confirm_box = ask(
            self,
            self.tr("Create the demo practice"),
            self.tr(
                "Create a demo practice of {0} synthetic patients in {1}? It takes about a "
                "minute; a real practice can later be created in another folder."
            ).format(QLocale().toString(DEMO_PATIENTS), self.folder),
            yes=self.tr("Create the demo"),
            no=self.tr("Back"),
            on_yes=self.create_demo,
            default_yes=True,  # what was just asked for, and harmless
        )

    def create_demo(self) -> None:
        self._busy(True)
        self.progress.show()
        self.progress.setRange(0, DEMO_PATIENTS * 46)  # ~46 records per demo patient
        folder = self.folder

        def make() -> None:
            make_demo(
                folder, DEMO_PASSPHRASE, patients=DEMO_PATIENTS, progress=self._signals.changed.emit
            )
            self.tasks.practice = Practice.open(folder, passphrase=DEMO_PASSPHRASE)

        self.tasks.on_db(make, on_done=lambda _: self.accept(), on_error=self._failed)

    def create_new(self) -> None:
        if self.passphrase.text() != self.confirm.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        name, login, secret = self.practice_name.text(), self.doctor.text(), self.passphrase.text()
        self._busy(True)

        def create() -> None:
            self.tasks.practice = Practice.create(
                self.folder, practice_name=name, username=login, passphrase=secret
            )

        self.tasks.on_db(create, on_done=lambda _: self.accept(), on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.progress.hide()
        self.error.setText(message_for(exc) or self.tr("The practice could not be created."))
