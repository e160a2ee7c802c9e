"""Restore and join from the first-run dialog, through the real wizard over a real folder
remote: passphrase, recovery key, enrollment code, a wrong passphrase, and a restore
cancelled midway that continues at the next start."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import restore_wizard
from desktop.app.first_run import FirstRunDialog
from desktop.app.main import AppController
from desktop.app.restore_wizard import RestoreWizard
from desktop.app.storage_form import KINDS
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.practice.keyfile import KeyFile
from desktop.practice.store import Practice
from desktop.remote import SyncService, credentials, set_remote
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import search_and_open
from tests.helpers.servers import Server

LOCAL = "phrase de ce poste"


class Origin:
    """The practice on its first computer, synced to a folder remote."""

    def __init__(self, practice: Practice, remote: Path, recovery_key: str) -> None:
        self.practice, self.remote, self.recovery_key = practice, remote, recovery_key


@pytest.fixture
def origin(tmp_path: Path) -> Iterator[Origin]:
    remote = tmp_path / "remote"
    remote.mkdir()
    with Practice.create(
        tmp_path / "office",
        practice_name="Cabinet des Tilleuls",
        username="dr",
        passphrase=PASSPHRASE,
    ) as practice:
        for family, given in (("Müller", "Hélène"), ("Martin", "Paul"), ("Lœuvre", "Gaëlle")):
            pid = practice.create_record(
                "patient", {"family_name": family, "given_names": given, "sex": "F"}
            )
        practice.add_consultation(pid, reason="Toux", text="Toux sèche")
        recovery = set_remote(practice, remote.as_uri(), passphrase=PASSPHRASE, create=True)
        assert recovery
        SyncService(practice).sync()
        yield Origin(practice, remote, recovery)


def fill(wizard: RestoreWizard, remote: Path, secret: str, local: str = LOCAL) -> None:
    wizard.storage.address.setText(str(remote))
    wizard.secret.setText(secret)
    wizard.login.setText("dr")
    wizard.local_passphrase.setText(local)
    wizard.confirm.setText(local)


def test_restore_with_the_passphrase_then_the_main_window_finds_a_patient(
    origin: Origin, tmp_path: Path, qtbot: QtBot
):
    folder = tmp_path / "new-computer"
    controller = AppController(folder)
    controller.start()
    first = controller.dialog
    assert isinstance(first, FirstRunDialog)
    first.restore_button.click()
    wizard = first.wizard
    assert wizard is not None and wizard.chosen_method() == "passphrase"
    wizard.storage.test_button.click()
    qtbot.waitUntil(lambda: wizard.storage.outcome.text() == "Connection OK", timeout=10_000)
    fill(wizard, origin.remote, PASSPHRASE)
    wizard.restore_button.click()
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=30_000
    )
    window = controller.window
    assert window is not None
    assert window.info["remote"] == origin.remote.resolve().as_uri()
    search_and_open(qtbot, window, "hélène")
    assert window.chart.chart.family_name == "Müller"  # type: ignore[union-attr]
    window.close()
    controller.shutdown()
    # this computer's copy opens with its own passphrase and login
    Practice.open(folder, passphrase=LOCAL, username="dr").close()


def test_restore_with_the_recovery_key(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
):
    wizard = RestoreWizard(tasks, tmp_path / "new", method="recovery")
    qtbot.addWidget(wizard)
    fill(wizard, origin.remote, origin.recovery_key)
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.restore_button.click()
    assert tasks.practice is not None
    assert tasks.practice.search_patients("martin")


def test_wrong_passphrase_says_so_and_the_folder_stays_usable(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
):
    folder = tmp_path / "new"
    wizard = RestoreWizard(tasks, folder)
    qtbot.addWidget(wizard)
    fill(wizard, origin.remote, "pas la bonne phrase")
    wizard.confirm.setText("autre chose")
    wizard.restore_button.click()
    assert wizard.error.text() == "The two passphrases differ."  # checked before any work
    wizard.confirm.setText(LOCAL)
    wizard.restore_button.click()
    qtbot.waitUntil(lambda: wizard.restore_button.isEnabled(), timeout=30_000)
    assert wizard.error.text() == "The passphrase or recovery key does not open this practice."
    assert "Traceback" not in wizard.error.text() and tasks.practice is None
    assert not KeyFile.exists(folder) and not (folder.exists() and any(folder.iterdir()))
    wizard.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.restore_button.click()
    assert tasks.practice is not None and tasks.practice.search_patients("müller")


def test_join_with_an_enrollment_code_then_a_used_code_is_refused(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
):
    code = SyncService(origin.practice).enroll()
    first = FirstRunDialog(tasks, tmp_path / "laptop")
    qtbot.addWidget(first)
    first.join_button.click()
    wizard = first.wizard
    assert wizard is not None and wizard.chosen_method() == "code"
    assert wizard.restore_button.text() == "Join"
    fill(wizard, origin.remote, code)
    with qtbot.waitSignal(first.accepted, timeout=30_000):
        wizard.restore_button.click()
    assert tasks.practice is not None and tasks.practice.search_patients("gaëlle")
    assert tasks.practice.device_id != origin.practice.device_id

    again = RestoreWizard(tasks, tmp_path / "second-laptop", method="code")
    qtbot.addWidget(again)
    fill(again, origin.remote, code)
    again.restore_button.click()
    qtbot.waitUntil(lambda: again.restore_button.isEnabled(), timeout=30_000)
    assert "enrollment code is wrong, expired or already used" in again.error.text()


def test_a_folder_with_other_files_is_refused_with_a_sentence(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("x")
    wizard = RestoreWizard(tasks, folder)
    qtbot.addWidget(wizard)
    fill(wizard, origin.remote, PASSPHRASE)
    wizard.restore_button.click()
    qtbot.waitUntil(lambda: wizard.restore_button.isEnabled(), timeout=30_000)
    assert "only into an empty folder" in wizard.error.text()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


class _Gate:
    """Holds the first fetch of the origin's change segments until released."""

    def __init__(self, backend: Any, device: str) -> None:
        self.backend, self.device = backend, device
        self.reached, self.release = threading.Event(), threading.Event()

    def get(self, name: str) -> bytes:
        if f"/devices/{self.device}/" in name and not self.release.is_set():
            self.reached.set()
            self.release.wait(20)
        data: bytes = self.backend.get(name)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)


def pause_a_restore(
    tasks: Tasks,
    folder: Path,
    origin: Origin,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Start a restore into ``folder``, cancel it while it fetches the origin's changes,
    check what the user is told, then close the wizard."""
    gates: list[_Gate] = []
    real_open = restore_wizard.open_storage

    def gated(url: str, creds: Any) -> Any:
        gates.append(_Gate(real_open(url, creds), origin.practice.device_id))
        return gates[-1]

    monkeypatch.setattr(restore_wizard, "open_storage", gated)
    wizard = RestoreWizard(tasks, folder)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, origin.remote, PASSPHRASE)
    wizard.restore_button.click()
    qtbot.waitUntil(lambda: bool(gates) and gates[0].reached.is_set(), timeout=30_000)
    assert not wizard.restore_button.isEnabled() and wizard.progress.isVisible()
    wizard.cancel_button.click()
    assert wizard.status.text() == "Stopping…"
    gates[0].release.set()
    qtbot.waitUntil(lambda: wizard.restore_button.isEnabled(), timeout=30_000)
    assert wizard.error.text().startswith("Restore paused.")
    assert wizard.restore_button.text() == "Continue the restore"
    assert tasks.practice is None and KeyFile.exists(folder)
    with pytest.raises(Exception, match="did not finish"):
        Practice.open(folder, passphrase=LOCAL)
    wizard.cancel_button.click()  # close it
    assert not wizard.isVisible()
    monkeypatch.setattr(restore_wizard, "open_storage", real_open)


def test_a_paused_restore_continues_from_the_first_run_dialog(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
):
    folder = tmp_path / "new"
    pause_a_restore(tasks, folder, origin, qtbot, monkeypatch)
    first = FirstRunDialog(tasks, folder)
    qtbot.addWidget(first)
    first.show()
    wizard = first.open_wizard("passphrase")
    assert wizard.partial and wizard.restore_button.text() == "Continue the restore"
    assert not wizard.secret_box.isVisible() and not wizard.confirm.isVisible()
    wizard.storage.address.setText(str(origin.remote))
    wizard.restore_button.click()
    assert wizard.error.text() == "Enter the passphrase chosen for this computer."
    wizard.local_passphrase.setText("pas la bonne phrase")
    wizard.restore_button.click()
    qtbot.waitUntil(lambda: wizard.restore_button.isEnabled(), timeout=30_000)
    assert wizard.error.text().startswith("Wrong passphrase.")
    wizard.local_passphrase.setText(LOCAL)
    with qtbot.waitSignal(first.accepted, timeout=30_000):
        wizard.restore_button.click()
    assert tasks.practice is not None and tasks.practice.search_patients("paul")


def test_cancel_keeps_what_was_downloaded_and_the_next_start_continues(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
):
    folder = tmp_path / "new"
    pause_a_restore(tasks, folder, origin, qtbot, monkeypatch)
    controller = AppController(folder)
    controller.start()
    unlock = controller.dialog
    assert isinstance(unlock, UnlockDialog)
    qtbot.waitUntil(unlock.isVisible, timeout=5000)
    unlock.passphrase.setText(LOCAL)
    unlock.unlock()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, RestoreWizard), timeout=10_000)
    resume = controller.dialog
    assert isinstance(resume, RestoreWizard) and resume.resume is not None
    assert not resume.secret_box.isVisibleTo(resume)  # the practice key is already here
    assert resume.storage.url() == origin.remote.resolve().as_uri()
    resume.restore_button.click()
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=30_000
    )
    assert controller.window is not None
    search_and_open(qtbot, controller.window, "paul")
    controller.window.close()
    controller.shutdown()


@pytest.mark.server
def test_restore_from_s3_with_the_keys_typed_in_the_wizard(
    tasks: Tasks,
    moto_server: Server,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
):
    prefix = uuid.uuid4().hex[:8]
    endpoint = moto_server.base.rstrip("/")
    url = f"s3://{moto_server.extra['bucket']}/{prefix}?endpoint={endpoint}&region=us-east-1"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", moto_server.user)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", moto_server.password)
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        office.create_record("patient", {"family_name": "Duroc", "given_names": "Anne"})
        set_remote(office, url, passphrase=PASSPHRASE, create=True)
        SyncService(office).sync()
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")  # the new computer has only what is typed
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    keyring = MemoryKeyring()
    monkeypatch.setattr(credentials, "credential_cache", lambda: keyring)
    wizard = RestoreWizard(tasks, tmp_path / "new")
    qtbot.addWidget(wizard)
    form = wizard.storage
    form.kind.setCurrentIndex(KINDS.index("s3"))
    form.address.setText(f"{moto_server.extra['bucket']}/{prefix}")
    form.endpoint.setText(endpoint)
    form.region.setText("us-east-1")
    form.access_key.setText(moto_server.user)
    form.secret_key.setText(moto_server.password)
    assert form.url() == url
    wizard.secret.setText(PASSPHRASE)
    wizard.local_passphrase.setText(LOCAL)
    wizard.confirm.setText(LOCAL)
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.restore_button.click()
    assert tasks.practice is not None and tasks.practice.search_patients("duroc")
    assert keyring.items == {url: f"{moto_server.user}:{moto_server.password}"}  # for later syncs


def test_an_address_without_a_practice_says_so(
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
):
    wizard = RestoreWizard(tasks, tmp_path / "new")
    qtbot.addWidget(wizard)
    for place in (tmp_path / "nowhere", tmp_path):  # missing, then a folder with no practice
        fill(wizard, place, PASSPHRASE)
        wizard.restore_button.click()
        qtbot.waitUntil(lambda: wizard.restore_button.isEnabled(), timeout=30_000)
        assert wizard.error.text().startswith("There is no Carnet practice at this address")
    assert not (tmp_path / "new").exists()


def test_a_storage_holding_two_practices_asks_which_one(
    origin: Origin,
    tasks: Tasks,
    tmp_path: Path,
    qtbot: QtBot,
):
    with Practice.create(
        tmp_path / "other",
        practice_name="Cabinet des Platanes",
        username="dr",
        passphrase=PASSPHRASE,
    ) as other:
        other.create_record("patient", {"family_name": "Platane", "sex": "M"})
        assert set_remote(other, origin.remote.as_uri(), passphrase=PASSPHRASE, create=True)
        SyncService(other).sync()
    wizard = RestoreWizard(tasks, tmp_path / "new")
    qtbot.addWidget(wizard)
    fill(wizard, origin.remote, PASSPHRASE)
    assert not wizard.practice_choice.isVisibleTo(wizard)
    wizard.restore_button.click()
    qtbot.waitUntil(lambda: wizard.restore_button.isEnabled(), timeout=30_000)
    assert "several practices" in wizard.error.text()
    assert wizard.practice_choice.isVisibleTo(wizard) and wizard.practice_choice.count() == 2
    assert wizard.practice_choice.accessibleName() == "Practice on this storage"
    wizard.practice_choice.setCurrentText(origin.practice.practice_id)
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.restore_button.click()
    assert tasks.practice is not None and tasks.practice.practice_id == origin.practice.practice_id
    assert tasks.practice.search_patients("müller") and not tasks.practice.search_patients(
        "platane"
    )
