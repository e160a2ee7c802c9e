"""First push of the reference practice over the emulated link, beside the link's own time.

``python -m benchmarks.push_link --patients 20000 [--against DIR] [--repeat 3] [--storage DIR]``

Each round copies the cached reference practice (never pushed), creates a ``file://``
remote and pushes everything through :class:`Link` (20 ms per exchange, 8 MiB/s, as
``benchmarks.sync_bench``), in a child process of its own. It reports the push's wall
time, the link's own time for the very objects pushed (the sum of its waits) and the
process's CPU time. ``--against DIR`` names another source tree (e.g. ``git archive
main | tar -x -C DIR``): its rounds alternate with this tree's, so the two are compared
side by side on the same loaded machine (medians). The child uses only stable APIs
(``Practice.open``, ``SyncEngine.push``), so any tree since the pipelined push runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

RTT, BANDWIDTH = 0.020, 8 * 2**20
HERE = Path(__file__).resolve().parents[1]


class Link:
    """A backend behind an emulated link: ``rtt`` per exchange (a create is two: PUT then
    MOVE), ``bandwidth`` bytes/s; sleeps as a socket waits and adds up its waits."""

    def __init__(self, inner: Any, rtt: float, bandwidth: float) -> None:
        self.inner, self.rtt, self.bandwidth = inner, rtt, bandwidth
        self.capabilities = inner.capabilities
        self.link_seconds = 0.0
        self.objects = self.bytes = 0
        self.created: list[str] = []
        self._lock = threading.Lock()

    def _wait(self, exchanges: int, size: int) -> None:
        seconds = exchanges * self.rtt + size / self.bandwidth
        with self._lock:
            self.link_seconds += seconds
        time.sleep(seconds)

    def list(self, prefix: str) -> Any:
        self._wait(1, 0)
        return self.inner.list(prefix)

    def get(self, name: str) -> bytes:
        data = self.inner.get(name)
        self._wait(1, len(data))
        return bytes(data)

    def create(self, name: str, data: bytes) -> None:
        self._wait(2, len(data))
        self.inner.create(name, data)
        with self._lock:
            self.created.append(name)
            self.objects += 1
            self.bytes += len(data)

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


def upload_floor(backend: Any, names: list[str], folder: Path, open_backend: Any) -> float:
    """Seconds to create the very objects a push created, in its order, one at a time,
    through the same emulated link into a fresh folder: what any push that keeps the
    storage's order (segment n + 1 never before n) takes at least, the storage's own
    writes (a folder's fsyncs) included, which the link's time alone leaves out."""
    objects = [(name, backend.get(name)) for name in names]
    folder.mkdir()
    again = Link(open_backend(folder.as_uri()), RTT, BANDWIDTH)
    start = time.perf_counter()
    for name, data in objects:
        again.create(name, data)
    return time.perf_counter() - start


def child(
    tree: Path, practice_folder: Path, work: Path, passphrase: str, storage: Path | None = None
) -> dict[str, Any]:
    sys.path.insert(0, str(tree))  # before anything imports desktop or sync
    import sync.engine
    from desktop.practice.replica import StoreReplica
    from desktop.practice.store import Practice
    from sync.backends import open_backend
    from sync.engine import SyncEngine
    from sync.remote import create_practice_remote

    folder, remote = work / "device", (storage or work) / "remote"
    shutil.copytree(practice_folder, folder)
    remote.mkdir()
    with Practice.open(folder, passphrase=passphrase) as practice:
        pending = practice.pending_count()
        keys = practice.practice_keys
        backend = open_backend(remote.as_uri())
        create_practice_remote(backend, keys.practice_id, passphrase, practice_key=keys.key(1))
        link = Link(backend, RTT, BANDWIDTH)
        engine = SyncEngine(StoreReplica(practice.session), link, keys)
        cpu, start = time.process_time(), time.perf_counter()
        report = engine.push()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    floor = upload_floor(backend, link.created, (storage or work) / "again", open_backend)
    return {
        "floor": floor,
        "wall": wall,
        "link": link.link_seconds,
        "cpu": cpu,
        "pending": pending,
        "changes": report.changes,
        "objects": link.objects,
        "mib": link.bytes / 2**20,
        "engine": sync.engine.__file__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.push_link", description=__doc__)
    parser.add_argument("--patients", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("bench-cache"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, default=None, help="another source tree")
    parser.add_argument(
        "--storage",
        type=Path,
        default=None,
        help="where the folder storage is made (default: beside the practice's copy, on "
        "the same disk, whose fsyncs then wait behind the database's; /dev/shm leaves them out)",
    )
    parser.add_argument("--child", nargs="+", metavar="TREE PRACTICE WORK [STORAGE]")
    args = parser.parse_args(argv)
    if args.child:  # benchmarks.reference imports this tree's store: not here
        tree, practice, work, *storage = (Path(a) for a in args.child)
        print(json.dumps(child(tree, practice, work, "benchmark passphrase", *storage)))
        return 0
    from benchmarks.reference import PASSPHRASE, reference_practice

    assert PASSPHRASE == "benchmark passphrase"

    ref = reference_practice(args.cache, args.patients, args.seed, log=print)
    trees = {"this": HERE}
    if args.against is not None:
        trees["against"] = args.against.resolve()
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    for i in range(args.repeat):
        for name, tree in trees.items():
            with (
                tempfile.TemporaryDirectory(prefix="carnet-pushlink-") as tmp,
                tempfile.TemporaryDirectory(prefix="carnet-storage-", dir=args.storage) as far,
            ):
                beside = [far] if args.storage is not None else []
                proc = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.push_link",
                        "--child",
                        str(tree),
                        str(ref.folder),
                        tmp,
                        *beside,
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                    cwd=HERE,
                )
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            got = json.loads(proc.stdout.strip().splitlines()[-1])
            results[name].append(got)
            print(
                f"round {i + 1} {name}: {got['wall']:.2f} s over the link, link alone "
                f"{got['link']:.2f} s ({got['link'] / got['wall']:.2f}x throughput), "
                f"sequential creates of the same objects {got['floor']:.2f} s "
                f"({got['floor'] / got['wall']:.2f}x), "
                f"CPU {got['cpu']:.2f} s; {got['changes']:,} changes, {got['objects']} "
                f"objects, {got['mib']:.1f} MiB ({got['engine']})",
                file=sys.stderr,
            )
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        link = statistics.median(r["link"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        floor = statistics.median(r["floor"] for r in runs)
        ratios = ", ".join(f"{r['link'] / r['wall']:.2f}" for r in runs)
        print(
            f"{name}: median {wall:.2f} s over the link vs {link:.2f} s link alone: "
            f"{link / wall:.2f}x throughput (rounds {ratios}); vs {floor:.2f} s creating "
            f"the same objects one by one over it: {floor / wall:.2f}x; CPU median {cpu:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
