"""Restore measures without a web server: a new device restoring the reference practice
from a snapshot in a local folder, beside restic restoring the same practice folder
from a local repository, and over an emulated internet link beside that link's own
time for the very objects the restore fetched.

``python -m benchmarks --only restore`` runs just these (a few minutes at 100,000
patients), so a change to the restore path can be measured twice without the whole
table.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.reference import PASSPHRASE, Reference
from benchmarks.report import Row, Table
from benchmarks.sync_bench import BANDWIDTH, LOCAL_PASSPHRASE, RTT, SlowLink, _never_pushed
from desktop.app.warmup import NOTE_SLICE
from desktop.practice.replica import StoreReplica
from desktop.practice.store import DB_NAME, Practice
from desktop.remote import SyncService, join
from sync.backends import open_backend
from sync.engine import SyncEngine
from sync.layout import snapshots_prefix
from sync.remote import create_practice_remote
from sync.snapshot_write import write_snapshot


class TimedLink(SlowLink):
    """:class:`SlowLink` that adds up the time the link itself needs (its waits)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.link_seconds = 0.0
        self._lock = threading.Lock()

    def _wait(self, exchanges: int, size: int) -> None:
        seconds = exchanges * self.rtt + size / self.bandwidth
        with self._lock:
            self.link_seconds += seconds
        time.sleep(seconds)


def _med(xs: list[float]) -> float:
    return statistics.median(xs)


def _row(table: Table, measure: str, value: str, target: str, ok: bool | None, **data: Any) -> None:
    table.rows.append(Row(measure, value, target, ok, data))


def run(ref: Reference, table: Table, repeat: int, log: Callable[[str], None] = print) -> None:
    with tempfile.TemporaryDirectory(prefix="carnet-restorebench-") as tmp:
        work = Path(tmp)
        remote = work / "file-remote"
        remote.mkdir()
        url = remote.as_uri()
        log("restore: publishing a snapshot of the reference practice ...")
        with _never_pushed(ref, work, "device") as practice:
            backend = open_backend(url)
            keys = practice.practice_keys
            create_practice_remote(backend, keys.practice_id, PASSPHRASE, practice_key=keys.key(1))
            start = time.perf_counter()
            SyncEngine(StoreReplica(practice.session), backend, keys).publish_snapshot()
            log(f"restore: snapshot published in {time.perf_counter() - start:.1f} s")
            practice.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _formats(practice, remote, work, table, repeat, log)
            _link(url, work, table, repeat, log)
            _restic(practice.folder, url, work, table, repeat, log)
            _notes_after(url, work, table, log)


def run_usable(
    ref: Reference, table: Table, repeat: int, log: Callable[[str], None] = print
) -> None:
    """Over the emulated link: how long from "Restaurer" until the practice opens usable
    (``join(usable_first=True)``: people, patients, chart summaries, agenda, the name
    search), then how long the background sync takes to stream the rest in."""
    with tempfile.TemporaryDirectory(prefix="carnet-usablebench-") as tmp:
        work = Path(tmp)
        remote = work / "file-remote"
        remote.mkdir()
        url = remote.as_uri()
        with _never_pushed(ref, work, "device") as practice:
            backend = open_backend(url)
            keys = practice.practice_keys
            create_practice_remote(backend, keys.practice_id, PASSPHRASE, practice_key=keys.key(1))
            SyncEngine(StoreReplica(practice.session), backend, keys).publish_snapshot()
        usable: list[float] = []
        rest: list[float] = []
        pieces = _PieceTimer()
        for i in range(repeat):
            link = TimedLink(open_backend(url), RTT, BANDWIDTH)
            target = work / f"usable-{i}"
            start = time.perf_counter()
            restored = join(
                target,
                url,
                passphrase=PASSPHRASE,
                local_passphrase=LOCAL_PASSPHRASE,
                backend=link,
                usable_first=True,
            )
            usable.append(time.perf_counter() - start)
            start = time.perf_counter()
            with pieces:
                SyncService(restored, link).sync()
            rest.append(time.perf_counter() - start)
            restored.close()
            shutil.rmtree(target)
            log(f"restore: usable after {usable[-1]:.2f} s, the rest in {rest[-1]:.2f} s more")
    _row(
        table,
        f"restore over the emulated link ({RTT * 1000:.0f} ms, {BANDWIDTH / 2**20:.0f} MiB/s): "
        "from Restaurer to a usable app (every patient found, any chart opens)",
        f"{_med(usable):.2f} s median; the history streams in behind it in "
        f"{_med(rest):.2f} s more ({_med(usable) + _med(rest):.2f} s in all), in "
        f"transactions of {pieces.summary()} (what a write of the app may wait)",
        "<= 30 s",
        _med(usable) <= 30,
        usable_median_s=_med(usable),
        rest_median_s=_med(rest),
        piece_p99_s=pieces.quantile(0.99),
        n=repeat,
    )


class _PieceTimer:
    """While entered: how long each of the stream's transactions takes, begin to commit
    (the outermost ones of any session: row images' pieces, JSON pieces, the notes'
    batches), which is what a write of the app waits for at most."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __enter__(self) -> None:
        from desktop.practice.session import Session

        inner = self._inner = Session.transaction
        seconds = self.seconds

        @contextlib.contextmanager
        def timed(session: Session) -> Iterator[None]:
            outermost = not session._depth
            start = time.perf_counter()
            with inner(session):
                yield
            if outermost:
                seconds.append(time.perf_counter() - start)

        Session.transaction = timed  # type: ignore[method-assign, assignment]

    def __exit__(self, *exc: object) -> None:
        from desktop.practice.session import Session

        Session.transaction = self._inner  # type: ignore[method-assign]

    def quantile(self, q: float) -> float:
        ordered = sorted(self.seconds) or [0.0]
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> str:
        return (
            f"{_med(self.seconds or [0.0]):.2f} s median, {self.quantile(0.99):.2f} s p99, "
            f"{max(self.seconds or [0.0]):.2f} s max ({len(self.seconds)})"
        )


def _restore(folder: Path, url: str, backend: Any = None) -> None:
    join(
        folder, url, passphrase=PASSPHRASE, local_passphrase=LOCAL_PASSPHRASE, backend=backend
    ).close()


def _formats(
    practice: Any, remote: Path, work: Path, table: Table, repeat: int, log: Callable[[str], None]
) -> None:
    """The same state restored from a format-2 and a format-3 snapshot, alternating: two
    copies of the remote that differ only in the snapshot's format (format 2 written as a
    replica that exports no row images writes it). CPU time counts every thread of this
    process (the reader's helper threads included)."""
    keys = practice.practice_keys
    old = work / "v2-remote"
    shutil.copytree(remote, old)
    backend = open_backend(old.as_uri())
    snaps = [o.name for o in backend.list(snapshots_prefix(keys.practice_id))]
    for name in snaps:
        backend.delete(name)
    replica = StoreReplica(practice.session)
    cursors = {d: c for d, c in replica.cursors().items() if c.seq > 0}
    cursors[replica.device_id] = replica.push_cursor()[1]
    cpu = time.process_time()
    write_snapshot(
        backend, keys, replica.device_id, cursors, replica.meta(), replica.export_state()
    )
    log(f"restore: format-2 snapshot written in {time.process_time() - cpu:.1f} s CPU")
    sizes = {
        v: sum(o.size for o in open_backend(u.as_uri()).list(snapshots_prefix(keys.practice_id)))
        for v, u in ((2, old), (3, remote))
    }
    cpu_s: dict[int, list[float]] = {2: [], 3: []}
    wall_s: dict[int, list[float]] = {2: [], 3: []}
    for i in range(repeat):
        for version, root in ((2, old), (3, remote)):
            target = work / f"format-{version}-{i}"
            cpu, start = time.process_time(), time.perf_counter()
            _restore(target, root.as_uri())
            cpu_s[version].append(time.process_time() - cpu)
            wall_s[version].append(time.perf_counter() - start)
            shutil.rmtree(target)
            log(
                f"restore: format {version} {wall_s[version][-1]:.2f} s, "
                f"{cpu_s[version][-1]:.2f} s CPU"
            )
    r = _med(wall_s[3]) / _med(wall_s[2])
    _row(
        table,
        f"restore from a snapshot (file://): format 3 (row images), {sizes[3] / 2**20:.1f} MiB, "
        f"vs format 2, {sizes[2] / 2**20:.1f} MiB",
        f"{r:.2f}x time ({_med(wall_s[3]):.2f} vs {_med(wall_s[2]):.2f} s median; CPU of all "
        f"threads {_med(cpu_s[3]):.2f} vs {_med(cpu_s[2]):.2f} s)",
        "-",
        None,
        ratio=r,
        ours_median_s=_med(wall_s[3]),
        base_median_s=_med(wall_s[2]),
        n=repeat,
    )
    shutil.rmtree(old)


def _link(url: str, work: Path, table: Table, repeat: int, log: Callable[[str], None]) -> None:
    walls: list[float] = []
    links: list[float] = []
    for i in range(repeat):
        link = TimedLink(open_backend(url), RTT, BANDWIDTH)
        target = work / f"link-{i}"
        start = time.perf_counter()
        _restore(target, url, link)
        walls.append(time.perf_counter() - start)
        links.append(link.link_seconds)
        shutil.rmtree(target)
        log(f"restore: over the link {walls[-1]:.2f} s, the link's own time {links[-1]:.2f} s")
    r = _med(walls) / _med(links)
    _row(
        table,
        f"restore over an emulated link ({RTT * 1000:.0f} ms per exchange, "
        f"{BANDWIDTH / 2**20:.0f} MiB/s; snapshot) vs the link's time for the same objects",
        f"{r:.2f}x time ({_med(walls):.2f} vs {_med(links):.2f} s median)",
        "<= 1.5x",
        r <= 1.5,
        ratio=r,
        ours_median_s=_med(walls),
        base_median_s=_med(links),
        n=repeat,
    )


def _notes_after(url: str, work: Path, table: Table, log: Callable[[str], None]) -> None:
    """What a restore leaves for after: the note index, built by the app's indexer after
    unlock a slice at a time on the db worker (a note search meanwhile indexes the rest
    itself). Timed here on a restored practice, the slices back to back."""
    target = work / "notes-after"
    _restore(target, url)
    with Practice.open(target, passphrase=LOCAL_PASSPHRASE) as practice:
        pending = practice.notes_pending()
        start = time.perf_counter()
        while practice.index_notes(NOTE_SLICE) == NOTE_SLICE:
            pass
        seconds = time.perf_counter() - start
        assert practice.notes_pending() == 0
    shutil.rmtree(target)
    log(f"restore: the note index after it, {pending:,} notes in {seconds:.2f} s")
    table.info(
        "note index after a restore (the app's indexer after unlock, slices of "
        f"{NOTE_SLICE} notes back to back; a note search meanwhile indexes the rest itself)",
        f"{seconds:.2f} s for {pending:,} notes",
        {"seconds": seconds, "notes": pending},
    )


def _restic(
    folder: Path, url: str, work: Path, table: Table, repeat: int, log: Callable[[str], None]
) -> None:
    restic = shutil.which("restic")
    if restic is None:
        table.info("restore vs restic", "restic is not installed: skipped")
        return
    env = {
        **os.environ,
        "RESTIC_PASSWORD": "benchmark restic password",
        "RESTIC_REPOSITORY": str(work / "restic-repo"),
        "RESTIC_CACHE_DIR": str(work / "restic-cache"),
    }

    def restic_run(*args: str) -> None:
        subprocess.run(
            [restic, "--no-cache", "-q", *args], env=env, check=True, stdout=subprocess.DEVNULL
        )

    restic_run("init")
    restic_run("backup", str(folder))
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    ours, theirs = [], []
    for i in range(repeat):
        t = work / f"restic-target-{i}"
        start = time.perf_counter()
        restic_run("restore", "latest", "--target", str(t))
        theirs.append(time.perf_counter() - start)
        if not (t / str(folder).lstrip("/") / DB_NAME).is_file():
            raise RuntimeError("restic restored no database")
        shutil.rmtree(t)
        t = work / f"carnet-file-{i}"
        start = time.perf_counter()
        _restore(t, url)
        ours.append(time.perf_counter() - start)
        shutil.rmtree(t)
        log(f"restore: restic {theirs[-1]:.2f} s, carnet {ours[-1]:.2f} s")
    r = _med(ours) / _med(theirs)
    _row(
        table,
        "restore from a local folder: Carnet (file:// remote, snapshot) vs restic restore of "
        f"the practice folder ({size / 2**20:.0f} MiB) from a local repository",
        f"{r:.2f}x time ({_med(ours):.2f} vs {_med(theirs):.2f} s median)",
        "< 1x (faster)",
        r < 1,
        ratio=r,
        ours_median_s=_med(ours),
        base_median_s=_med(theirs),
        n=repeat,
    )
