"""Snapshot format 1 beside format 2, in one process: the same remote (the reference
practice pushed to a ``file://`` folder) twice, differing only in its snapshot's format,
then restores alternating between them. CPU time (all threads) of the snapshot step and
of the whole restore, medians.

``python -m benchmarks.snapshot_formats --patients 2000 --rounds 3`` (builds or reuses
the reference in ``--cache``, which it only reads: the copy it writes is in a temp dir).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import desktop.remote.restore as restore_module
from benchmarks.reference import PASSPHRASE, reference_practice
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import join
from sync.backends import open_backend
from sync.engine import SyncEngine
from sync.layout import snapshots_prefix
from sync.remote import create_practice_remote
from sync.snapshot_write import write_snapshot_v1


def prepare(folder: Path, work: Path, log: Callable[[str], None]) -> dict[int, Path]:
    """Two remotes of the practice in ``folder`` (copied first): format 1 and 2."""
    device = work / "device"
    shutil.copytree(folder, device)
    roots = {1: work / "v1", 2: work / "v2"}
    with Practice.open(device, passphrase=PASSPHRASE) as p:
        keys = p.practice_keys
        roots[2].mkdir()
        backend = open_backend(roots[2].as_uri())
        create_practice_remote(backend, keys.practice_id, PASSPHRASE, practice_key=keys.key(1))
        r = StoreReplica(p.session)
        SyncEngine(r, backend, keys).push()
        shutil.copytree(roots[2], roots[1])
        cursors = {d: c for d, c in r.cursors().items() if c.seq > 0}
        cursors[r.device_id] = r.push_cursor()[1]
        for version, root in roots.items():
            backend = open_backend(root.as_uri())
            cpu = time.process_time()
            if version == 2:
                SyncEngine(r, backend, keys).publish_snapshot()
            else:
                write_snapshot_v1(backend, keys, r.device_id, cursors, r.meta(), r.export_state())
            objects = backend.list(snapshots_prefix(keys.practice_id))
            log(
                f"format {version}: written in {time.process_time() - cpu:.2f} s CPU, "
                f"{len(objects)} objects, {sum(o.size for o in objects) / 2**20:.2f} MiB"
            )
    shutil.rmtree(device)
    return roots


_STEP = "load_latest_snapshot"  # the restore's snapshot step, timed in place


def compare(roots: dict[int, Path], work: Path, rounds: int, log: Callable[[str], None]) -> None:
    inner = getattr(restore_module, _STEP)
    step: list[float] = []

    def timed(*args: Any, **kw: Any) -> Any:
        cpu = time.process_time()
        try:
            return inner(*args, **kw)
        finally:
            step.append(time.process_time() - cpu)

    setattr(restore_module, _STEP, timed)
    steps: dict[int, list[float]] = {1: [], 2: []}
    whole: dict[int, list[float]] = {1: [], 2: []}
    try:
        for i in range(rounds):
            for version, root in roots.items():
                target = work / f"restored-{version}"
                cpu = time.process_time()
                join(
                    target, root.as_uri(), passphrase=PASSPHRASE, local_passphrase="local pass"
                ).close()
                whole[version].append(time.process_time() - cpu)
                steps[version].append(step[-1])
                shutil.rmtree(target)
                log(
                    f"round {i} format {version}: snapshot step {steps[version][-1]:.2f} s CPU, "
                    f"whole restore {whole[version][-1]:.2f} s CPU"
                )
    finally:
        setattr(restore_module, _STEP, inner)
    med = {v: (statistics.median(steps[v]), statistics.median(whole[v])) for v in roots}
    log(
        f"median CPU, format 1 vs 2: snapshot step {med[1][0]:.2f} vs {med[2][0]:.2f} s "
        f"({med[2][0] / med[1][0]:.2f}x); whole restore {med[1][1]:.2f} vs {med[2][1]:.2f} s "
        f"({med[2][1] / med[1][1]:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path("bench-cache"))
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ref = reference_practice(args.cache, args.patients, 1, print)
    with tempfile.TemporaryDirectory(prefix="carnet-formats-") as tmp:
        roots = prepare(ref.folder, Path(tmp), print)
        compare(roots, Path(tmp), args.rounds, print)


if __name__ == "__main__":
    main()
