"""Desktop measures: cold start to a usable patient list, resident memory, and a search
keystroke to an updated list, on the reference practice (offscreen Qt).

Cold start is timed in a fresh process (imports, Qt, opening the database with the
remembered key, building the window, the first search shown), as a GP relaunching the
app would see it; unlocking with the passphrase adds its Argon2id cost, shown apart.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

from benchmarks.reference import Reference
from benchmarks.report import Table

CHILD = textwrap.dedent(
    """
    import json, os, resource, sys, time
    start = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.app.tasks import Tasks
    from desktop.app.window import MainWindow
    from desktop.practice.store import Practice

    folder, key, query = Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    tasks = Tasks()
    loop = QEventLoop()
    state = {}

    def opened(practice):
        tasks.practice = practice
        info = {"practice_name": practice.practice_record()["name"], "db_key": key,
                "remote": None}
        window = MainWindow(tasks, folder, info)
        window.show()
        state["window"] = window
        window.patients.searched.connect(lambda n: (state.setdefault("rows", n), loop.quit()))
        window.patients.search.setText(query)

    tasks.on_db(lambda: Practice.open(folder, key=key), on_done=opened)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    usable = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": usable, "rss_mb": rss, "rows": state.get("rows", -1)}))
    tasks.shutdown()
    """
)


def cold_start(ref: Reference, key: bytes) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(ref.folder), key.hex(), "mar"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run(ref: Reference, table: Table, repeat: int = 5) -> None:
    practice = ref.open()
    key = practice.db_key
    practice.close()
    runs = [cold_start(ref, key) for _ in range(repeat)]
    seconds = [r["seconds"] * 1000 for r in runs]
    rss = [r["rss_mb"] for r in runs]
    table.latency(f"desktop cold start to a usable list ({repeat} runs)", seconds, target_ms=1500)
    table.metric("desktop resident memory (peak, median)", statistics.median(rss), "MB", target=300)
    _keystrokes(ref, table)


def _keystrokes(ref: Reference, table: Table) -> None:
    """Keystroke to updated list, in-process: the debounce excluded, the worker and the
    model reset included."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import time

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.store_bench import keystroke_queries
    from desktop.app.patient_list import PatientList
    from desktop.app.tasks import Tasks

    app = QApplication.instance() or QApplication([])
    tasks = Tasks()
    tasks.practice = ref.open()
    widget = PatientList(tasks)
    widget._timer.setInterval(0)
    queries = keystroke_queries(tasks.practice, 40, seed=5)
    samples = []
    for query in queries:
        loop = QEventLoop()
        widget.searched.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        start = time.perf_counter()
        widget.search.setText(query)
        loop.exec()
        samples.append((time.perf_counter() - start) * 1000)
        widget.searched.disconnect(loop.quit)
    tasks.shutdown()
    del app
    table.latency(
        f"search keystroke to updated list ({len(samples)} keystrokes)",
        samples,
        target_ms=15,
        stat="p99",
    )
