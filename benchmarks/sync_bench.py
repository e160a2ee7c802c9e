"""Sync measures over real storage on loopback: HTTP requests per sync, first push beside
a raw upload of the same objects, restore beside a raw download, the snapshot's effect,
(restore beside restic, and over an emulated link: benchmarks/restore_bench.py).

Apache mod_dav is started on 127.0.0.1 with the test suite's own launcher
(``tests.helpers.servers.run_apache``); everything runs in a temporary folder and the cached
reference practice is copied, never modified. Both sides of each comparison alternate
in this process. The raw sides are what the wire and the server can do with no
encryption, compression, verification or database work: plain ``requests`` PUTs/GETs of
the same number and sizes of objects, one connection, like the engine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from benchmarks.reference import PASSPHRASE, Reference
from benchmarks.report import Row, Table
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import join
from sync.backends import Backend, open_backend
from sync.backends.retry import RetryingBackend, RetryPolicy
from sync.engine import SyncEngine
from sync.remote import create_practice_remote

CHANGES = 10_000
LOCAL_PASSPHRASE = "benchmark local passphrase"


@dataclass
class Dav:
    """The Apache server: collection URLs for Carnet and for the raw client."""

    base: str  # http://127.0.0.1:port/dav/
    user: str
    password: str
    root: Path | None
    session: requests.Session

    def mkcol(self, name: str) -> None:
        with self.session.request("MKCOL", f"{self.base}{name}/", timeout=30) as r:
            if r.status_code != 201:
                raise RuntimeError(f"MKCOL {name}: {r.status_code}")

    def url(self, name: str) -> str:
        return f"webdav+http://{self.user}@{self.base.removeprefix('http://')}{name}/"

    def backend(self, name: str) -> Backend:
        return open_backend(self.url(name), password=self.password)


class HttpCounter:
    """Counts the HTTP requests a WebDAV backend sends, by method."""

    def __init__(self, backend: Any) -> None:
        self.by_method: dict[str, int] = {}
        backend._session.hooks["response"].append(self._seen)

    def _seen(self, r: requests.Response, *args: Any, **kwargs: Any) -> None:
        method = r.request.method or "?"
        self.by_method[method] = self.by_method.get(method, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by_method.values())

    def reset(self) -> None:
        self.by_method.clear()

    def describe(self) -> str:
        return " + ".join(f"{n} {m}" for m, n in sorted(self.by_method.items()))


def _seconds(fn: Callable[..., Any], *args: Any) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


@contextlib.contextmanager
def _never_pushed(ref: Reference, work: Path, name: str) -> Iterator[Practice]:
    """A copy of the reference practice that has pushed nothing yet (a push drops the
    journal entries it sent, so every first push needs its own copy); removed after."""
    folder = work / name
    shutil.copytree(ref.folder, folder)
    practice = Practice.open(folder, passphrase=PASSPHRASE)
    try:
        yield practice
    finally:
        practice.close()
        shutil.rmtree(folder)


def _setup_remote(practice: Practice, backend: Backend) -> None:
    keys = practice.practice_keys
    create_practice_remote(backend, keys.practice_id, PASSPHRASE, practice_key=keys.key(1))


def _objects(backend: Backend, prefix: str) -> list[tuple[str, int]]:
    return [(o.name, o.size) for o in backend.list(prefix)]


def _raw_put(dav: Dav, collection: str, sizes: list[int]) -> None:
    dav.mkcol(collection)
    for i, size in enumerate(sizes):
        body = os.urandom(size)
        with dav.session.put(f"{dav.base}{collection}/{i:06d}", data=body, timeout=60) as r:
            if r.status_code not in (201, 204):
                raise RuntimeError(f"raw PUT: {r.status_code}")


def _raw_get(dav: Dav, collection: str, names: list[str]) -> int:
    total = 0
    for name in names:
        with dav.session.get(f"{dav.base}{collection}/{name}", timeout=60) as r:
            if r.status_code != 200:
                raise RuntimeError(f"raw GET {name}: {r.status_code}")
            total += len(r.content)
    return total


def _row(table: Table, measure: str, value: str, target: str, ok: bool | None, **data: Any) -> None:
    table.rows.append(Row(measure, value, target, ok, data))


def _med(xs: list[float]) -> float:
    return statistics.median(xs)


@contextlib.contextmanager
def _apache() -> Iterator[Dav]:
    from tests.helpers.servers import run_apache  # the test suite's launcher, reused

    with run_apache() as server, requests.Session() as session:
        session.auth = (server.user, server.password)
        yield Dav(server.base, server.user, server.password, server.root, session)


def _copy_remote(dav: Dav, src: str, dst: str) -> None:
    """Duplicate a collection on the server's disk (as the server's user)."""
    assert dav.root is not None
    shutil.copytree(dav.root / src, dav.root / dst)
    if os.geteuid() == 0:
        stat = (dav.root / src).stat()
        for path in [dav.root / dst, *(dav.root / dst).rglob("*")]:
            os.chown(path, stat.st_uid, stat.st_gid)


def _restore(folder: Path, url: str, password: str | None) -> None:
    """A new device: join into an empty folder (snapshot if any, then every later segment,
    verified, applied to a new SQLCipher database)."""
    join(
        folder, url, passphrase=PASSPHRASE, local_passphrase=LOCAL_PASSPHRASE, password=password
    ).close()


def run(ref: Reference, table: Table, repeat: int, log: Callable[[str], None] = print) -> None:
    with tempfile.TemporaryDirectory(prefix="carnet-syncbench-") as tmp, _apache() as dav:
        work = Path(tmp)
        log("sync: copying the reference practice ...")
        with _never_pushed(ref, work, "device") as practice:
            _run(ref, practice, dav, work, table, repeat, log)


def _run(
    ref: Reference,
    practice: Practice,
    dav: Dav,
    work: Path,
    table: Table,
    repeat: int,
    log: Callable[[str], None],
) -> None:
    pid = practice.practice_id
    pending = practice.pending_count()

    # -- first push vs raw upload ----------------------------------------------------------
    ours: list[float] = []
    raw: list[float] = []
    pushed_bytes = 0
    for i in range(repeat):
        name = f"push-{i}"
        dav.mkcol(name)
        backend = RetryingBackend(dav.backend(name), RetryPolicy())
        with contextlib.ExitStack() as stack:
            # the first round pushes the device the later measures use
            device = practice if i == 0 else stack.enter_context(_never_pushed(ref, work, name))
            _setup_remote(device, backend)
            before = {n for n, _ in _objects(backend, f"{pid}/")}
            engine = SyncEngine(StoreReplica(device.session), backend, device.practice_keys)
            ours.append(_seconds(engine.push))
        new = [(n, s) for n, s in _objects(backend, f"{pid}/") if n not in before]
        pushed_bytes = sum(s for _, s in new)
        raw.append(_seconds(_raw_put, dav, f"raw-up-{i}", [s for _, s in new]))
        log(f"sync: push {i + 1}/{repeat}: {ours[-1]:.2f} s, raw upload {raw[-1]:.2f} s")
        backend.close()
    last = "push-0"  # the device the measures below use pushed there
    mib = pushed_bytes / 2**20
    ratio = _med(raw) / _med(ours)
    _row(
        table,
        f"first push of {pending:,} changes ({len(new)} objects, {mib:.1f} MiB) vs raw PUTs "
        "of the same objects (Apache WebDAV, loopback)",
        f"{ratio:.2f}x throughput ({mib / _med(ours):.1f} vs {mib / _med(raw):.1f} MiB/s; "
        f"{_med(ours):.2f} vs {_med(raw):.2f} s median)",
        ">= 0.5x",
        ratio >= 0.5,
        ratio=ratio,
        ours_median_s=_med(ours),
        base_median_s=_med(raw),
        objects=len(new),
        bytes=pushed_bytes,
        n=repeat,
    )

    # -- HTTP requests: idle sync, 10,000 changes -------------------------------------------
    inner = dav.backend(last)
    counter = HttpCounter(inner)
    engine = SyncEngine(
        StoreReplica(practice.session),
        RetryingBackend(inner, RetryPolicy()),
        practice.practice_keys,
    )
    engine.sync()  # warm: collections known, own head checked
    counter.reset()
    idle_ms = []
    report = None
    for _ in range(5):
        counter.reset()
        start = time.perf_counter()
        report = engine.sync()
        idle_ms.append((time.perf_counter() - start) * 1000)
    assert report is not None
    idle_http = counter.total
    _row(
        table,
        "HTTP requests: idle sync (Apache WebDAV, one device on the remote)",
        f"{idle_http} HTTP ({counter.describe()}); {report.requests} storage request; "
        f"{_med(idle_ms):.1f} ms median",
        "1",
        idle_http <= 1,
        http=idle_http,
        storage_requests=report.requests,
        median_ms=_med(idle_ms),
    )
    ids = [r[0] for r in practice.conn.execute("SELECT id FROM patient ORDER BY id")]

    def edit(count: int, tag: int) -> None:
        with practice.transaction():
            for i in range(count):
                phone = f"0{tag} {i // 10000:02d} {i % 10000:04d} 00"
                practice.update_record("patient", ids[i % len(ids)], {"phone": phone})

    edit(1, 7)
    engine.sync()  # a running app's backend already knows its collections (no MKCOL)
    edit(CHANGES, 6)
    counter.reset()
    start = time.perf_counter()
    report = engine.sync()
    seconds = time.perf_counter() - start
    http = counter.total
    _row(
        table,
        f"HTTP requests: sync pushing {CHANGES:,} changes (Apache WebDAV, warm connection)",
        f"{http} HTTP ({counter.describe()}); {report.requests} storage requests, "
        f"{report.pushed_segments} segments; {seconds:.2f} s",
        "<= 5",
        http <= 5,
        http=http,
        storage_requests=report.requests,
        segments=report.pushed_segments,
        seconds=seconds,
    )

    # -- restore vs raw download; with and without a snapshot --------------------------------
    _copy_remote(dav, last, "nosnap")
    engine.publish_snapshot()
    inner.close()
    listing = _objects(dav.backend("nosnap"), f"{pid}/")
    names = [n for n, _ in listing]
    total = sum(s for _, s in listing)
    segs = sum(1 for n in names if "/devices/" in n)
    restore, rawget, snap = [], [], []
    for i in range(repeat):
        t = work / f"restore-{i}"
        restore.append(_seconds(_restore, t, dav.url("nosnap"), dav.password))
        shutil.rmtree(t)
        rawget.append(_seconds(_raw_get, dav, "nosnap", names))
        t = work / f"restore-snap-{i}"
        snap.append(_seconds(_restore, t, dav.url(last), dav.password))
        shutil.rmtree(t)
        log(
            f"sync: restore {i + 1}/{repeat}: {restore[-1]:.2f} s, raw download "
            f"{rawget[-1]:.2f} s, with snapshot {snap[-1]:.2f} s"
        )
    r = _med(restore) / _med(rawget)
    _row(
        table,
        f"restore ({len(names)} objects: {segs} segments, {total / 2**20:.1f} MiB; "
        "new device, verify, rebuild SQLCipher) vs raw GETs of the same objects (WebDAV)",
        f"{r:.2f}x time ({_med(restore):.2f} vs {_med(rawget):.2f} s median)",
        "<= 1.5x",
        r <= 1.5,
        ratio=r,
        ours_median_s=_med(restore),
        base_median_s=_med(rawget),
        objects=len(names),
        bytes=total,
        n=repeat,
    )
    r2 = _med(snap) / _med(restore)
    _row(
        table,
        "restore from the newest snapshot vs replaying every segment (WebDAV)",
        f"{r2:.2f}x time ({_med(snap):.2f} vs {_med(restore):.2f} s median)",
        "-",
        None,
        ratio=r2,
        snapshot_median_s=_med(snap),
        segments_median_s=_med(restore),
        n=repeat,
    )

    # -- overlap on a slower link: pipelined push, prefetching pull ---------------------------
    _slow_link(ref, practice, dav, work, table, repeat, log)


class SlowLink:
    """A backend behind an emulated internet link: ``rtt`` seconds per HTTP exchange
    (a WebDAV create or put is two: PUT then MOVE) and ``bandwidth`` bytes/s each way.
    It sleeps, as a socket would wait, so other threads keep running; ``waited`` adds
    up the link's own time (what a perfect client would take for the same requests)."""

    def __init__(self, inner: Backend, rtt: float, bandwidth: float) -> None:
        self.inner, self.rtt, self.bandwidth = inner, rtt, bandwidth
        self.capabilities = inner.capabilities
        self.waited = 0.0
        self._waited_lock = threading.Lock()

    def _wait(self, exchanges: int, size: int) -> None:
        seconds = exchanges * self.rtt + size / self.bandwidth
        with self._waited_lock:
            self.waited += seconds
        time.sleep(seconds)

    def list(self, prefix: str) -> Any:
        self._wait(1, 0)
        return self.inner.list(prefix)

    def get(self, name: str) -> bytes:
        data = self.inner.get(name)
        self._wait(1, len(data))
        return data

    def create(self, name: str, data: bytes) -> None:
        self._wait(2, len(data))
        self.inner.create(name, data)

    def put(self, name: str, data: bytes) -> None:
        self._wait(2, len(data))
        self.inner.put(name, data)

    def delete(self, name: str) -> None:
        self._wait(1, 0)
        self.inner.delete(name)

    def check(self) -> None:
        self._wait(1, 0)
        self.inner.check()

    def close(self) -> None:
        self.inner.close()


RTT, BANDWIDTH = 0.020, 8 * 2**20


def _slow_link(
    ref: Reference,
    practice: Practice,
    dav: Dav,
    work: Path,
    table: Table,
    repeat: int,
    log: Callable[[str], None],
) -> None:
    link = f"{RTT * 1000:.0f} ms per exchange, {BANDWIDTH / 2**20:.0f} MiB/s"
    piped: list[float] = []
    plain: list[float] = []
    wire: list[float] = []
    for i in range(repeat):
        for pipeline, out in ((True, piped), (False, plain)):
            name = f"slow-push-{i}-{int(pipeline)}"
            dav.mkcol(name)
            backend = SlowLink(dav.backend(name), RTT, BANDWIDTH)
            with _never_pushed(ref, work, name) as device:
                _setup_remote(device, backend)
                engine = SyncEngine(
                    StoreReplica(device.session), backend, device.practice_keys, pipeline=pipeline
                )
                before = backend.waited
                out.append(_seconds(engine.push))
                if pipeline:
                    wire.append(backend.waited - before)
            backend.close()
        log(
            f"sync: slow-link push {piped[-1]:.2f} s pipelined (the link alone "
            f"{wire[-1]:.2f} s), {plain[-1]:.2f} s sequential"
        )
    r = _med(wire) / _med(piped)
    _row(
        table,
        f"first push over an emulated link ({link}) vs the link's own time for the same requests",
        f"{r:.2f}x throughput ({_med(wire):.2f} vs {_med(piped):.2f} s median)",
        ">= 0.9x",
        r >= 0.9,
        ratio=r,
        ours_median_s=_med(piped),
        base_median_s=_med(wire),
        n=repeat,
    )
    r = _med(piped) / _med(plain)
    _row(
        table,
        f"first push over an emulated link ({link}): pipelined vs sequential",
        f"{r:.2f}x time ({_med(piped):.2f} vs {_med(plain):.2f} s median)",
        "-",
        None,
        ratio=r,
        ours_median_s=_med(piped),
        base_median_s=_med(plain),
        n=repeat,
    )
    ahead: list[float] = []
    inorder: list[float] = []
    keys = practice.practice_keys
    for i in range(repeat):
        for prefetch, out in ((2, ahead), (0, inorder)):
            folder = work / f"slow-pull-{i}-{prefetch}"
            fresh = Practice.create_empty(folder, practice_keys=keys, passphrase=LOCAL_PASSPHRASE)
            backend = SlowLink(dav.backend("nosnap"), RTT, BANDWIDTH)
            engine = SyncEngine(StoreReplica(fresh.session), backend, keys, prefetch=prefetch)
            out.append(_seconds(engine.pull))
            fresh.close()
            backend.close()
            shutil.rmtree(folder)
        log(f"sync: slow-link pull {ahead[-1]:.2f} s prefetching, {inorder[-1]:.2f} s in turn")
    r = _med(ahead) / _med(inorder)
    _row(
        table,
        "pull of every segment into an empty database over the same link: prefetch 2 vs none",
        f"{r:.2f}x time ({_med(ahead):.2f} vs {_med(inorder):.2f} s median)",
        "-",
        None,
        ratio=r,
        ours_median_s=_med(ahead),
        base_median_s=_med(inorder),
        n=repeat,
    )
