"""The ops layer: each action runs on its worker, the store stays free while the network
works, a known failure becomes a sentence, and listeners learn what changed."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import ops
from desktop.app.tasks import Tasks
from desktop.practice import errors


def test_network_work_leaves_the_store_free_for_a_search(opened: Tasks, qtbot: QtBot):
    parent, release, seen = QWidget(), threading.Event(), {}
    qtbot.addWidget(parent)

    def upload(p: Any) -> str:  # a storage move, on a connection of its own
        assert p is not opened.practice
        release.wait(10)
        return str(len(p.search_patients("martin")))

    ops.Op(parent, opened, upload, worker=ops.Worker.NET).success(
        lambda found: seen.setdefault("net", found)
    ).run()
    ops.Op(parent, opened, lambda p: p.search_patients("müller")).success(
        lambda found: seen.setdefault("search", len(found))
    ).run()
    qtbot.waitUntil(lambda: "search" in seen, timeout=5000)  # answered while the upload runs
    assert "net" not in seen
    release.set()
    qtbot.waitUntil(lambda: seen.get("net") == "1", timeout=5000)


def test_file_work_does_not_wait_behind_the_store(opened: Tasks, qtbot: QtBot):
    parent, release, seen = QWidget(), threading.Event(), []
    qtbot.addWidget(parent)
    opened.db(lambda p: release.wait(10))  # the store's worker is busy (a long pull)
    ops.Op(parent, opened, lambda _: "pdf", worker=ops.Worker.FILE).success(seen.append).run()
    qtbot.waitUntil(lambda: seen == ["pdf"], timeout=5000)
    release.set()


def test_a_known_failure_is_a_sentence_and_success_announces_the_changes(
    opened: Tasks, qtbot: QtBot
):
    parent, status = QWidget(), QLabel()
    qtbot.addWidget(parent)

    def refused(_: Any) -> None:
        raise errors.InvalidInputError("the family name must not be empty")

    ops.Op(parent, opened, refused, status=status).run()
    qtbot.waitUntil(lambda: "family name" in status.text(), timeout=5000)
    with qtbot.waitSignal(ops.hub.changed, timeout=5000) as changed:
        ops.Op(parent, opened, lambda p: None).changes(ops.Changes(patients=True)).run()
    assert changed.args == [ops.Changes(patients=True)]


def test_a_network_action_opens_the_practice_it_is_given(
    tasks: Tasks, practice: Any, qtbot: QtBot
):
    """A dialog given a folder and key (devices, repair) gets its own connection to that
    practice on the network worker, even with none open in the app."""
    parent, seen = QWidget(), {}
    qtbot.addWidget(parent)
    assert tasks.practice is None
    ops.Op(
        parent, tasks, lambda p: (p.folder, threading.current_thread().name),
        worker=ops.Worker.NET, opens=(practice.folder, practice.db_key),
    ).success(lambda found: seen.setdefault("net", found)).run()  # fmt: skip
    qtbot.waitUntil(lambda: "net" in seen, timeout=5000)
    folder, thread = seen["net"]
    assert folder == practice.folder and thread.startswith("carnet-net")


def test_a_long_action_with_its_own_progress_leaves_the_cursor_alone(
    opened: Tasks, qtbot: QtBot
):
    from PySide6.QtGui import QGuiApplication

    parent, release, seen = QWidget(), threading.Event(), []
    qtbot.addWidget(parent)
    ops.Op(parent, opened, lambda p: release.wait(10), cursor=False).success(seen.append).run()
    assert QGuiApplication.overrideCursor() is None  # an export: the app stays usable
    ops.Op(parent, opened, lambda p: None).success(seen.append).run()
    assert QGuiApplication.overrideCursor() is not None  # a short action: busy
    release.set()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert QGuiApplication.overrideCursor() is None
