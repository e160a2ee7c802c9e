"""What a snapshot costs before it is sealed: the store's export, then the cut into
chunks and each chunk's JSON and compression, in CPU seconds (median of the rounds).

    python -m benchmarks.snapshot_export --patients 10000 --cache bench-cache --rounds 3

It opens a copy of the reference practice (an upgrade of the schema, if this code's is
newer, happens to the copy, never to the cache) and writes nothing: the figures are the
CPU a device spends in ``write_snapshot`` before its objects are created.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.reference import PASSPHRASE, reference_practice
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from sync.snapshot_format import cut_chunks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(".bench-cache"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ref = reference_practice(args.cache, args.patients, args.seed, print)
    with tempfile.TemporaryDirectory(dir=args.cache) as work:
        folder = Path(work) / "practice"
        shutil.copytree(ref.folder, folder)
        with Practice.open(folder, passphrase=PASSPHRASE) as practice:
            replica = StoreReplica(practice.session)
            exported, whole = [], []
            for _ in range(args.rounds):
                start = time.process_time()
                changes = sum(1 for _ in replica.export_state())
                exported.append(time.process_time() - start)
                start = time.process_time()
                chunks = [c.body() for c in cut_chunks(replica.export_state())]
                whole.append(time.process_time() - start)
    mib = sum(len(c) for c in chunks) / 2**20
    print(
        f"{args.patients:,} patients, {changes:,} changes, {len(chunks)} chunks, {mib:,.1f} MiB "
        f"compressed: export {statistics.median(exported):.2f} s CPU, export + cut + JSON "
        f"+ zstd {statistics.median(whole):.2f} s CPU (medians of {args.rounds})"
    )


if __name__ == "__main__":
    main()
