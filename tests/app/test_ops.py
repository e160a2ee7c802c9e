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
