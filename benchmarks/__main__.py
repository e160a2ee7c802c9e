"""Carnet's benchmark: ``python -m benchmarks [--small] [--patients N] [--json FILE]``.

Builds (once, then reuses from ``bench-cache/``) a reference demo practice and a plain
SQLite copy of it, then prints one table: each measure's median and p99 or ratio, the
target, and whether it is met. Both sides of every comparison run in this process, in
alternation, so a ratio holds on a noisy 2-core machine. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks import desktop_bench, interop_bench, restore_bench, store_bench, sync_bench
from benchmarks.reference import reference_practice
from benchmarks.report import Table

GROUPS = ("store", "desktop", "interop", "sync", "restore", "usable")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 patients: a quick look")
    parser.add_argument("--patients", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("bench-cache"))
    parser.add_argument("--json", type=Path, default=None, help="also write the table here")
    parser.add_argument("--repeat", type=int, default=200, help="samples per timed measure")
    parser.add_argument(
        "--sync",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the sync measures (Apache WebDAV on loopback, restic); --no-sync skips them",
    )
    parser.add_argument(
        "--store", action=argparse.BooleanOptionalAction, default=True, help="the store measures"
    )
    parser.add_argument(
        "--desktop",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the desktop measures (cold start, memory, keystroke to list; offscreen Qt)",
    )
    parser.add_argument(
        "--interop",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the whole-practice FHIR and SQLite exports (one run each)",
    )
    parser.add_argument(
        "--sync-repeat", type=int, default=None, help="samples per sync comparison (3; 1 at 100k)"
    )
    parser.add_argument(
        "--restore",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the restore measures without a web server (local folder vs restic, an emulated link)",
    )
    parser.add_argument(
        "--usable",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="a restore over the emulated link until the app is usable, then the rest",
    )
    parser.add_argument(
        "--only",
        default=None,
        metavar="GROUPS",
        help=f"run only these groups, comma-separated ({', '.join(GROUPS)}), e.g. "
        "'--only store,restore'",
    )
    args = parser.parse_args(argv)
    if args.only is not None:
        wanted = {g.strip() for g in args.only.split(",") if g.strip()}
        unknown = wanted - set(GROUPS)
        if unknown:
            parser.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {GROUPS}")
        for group in GROUPS:
            setattr(args, group, group in wanted)
    patients = args.patients or (2_000 if args.small else 100_000)

    ref = reference_practice(args.cache, patients, args.seed, log=print)
    table = Table(f"Carnet benchmark: {patients:,} patients ({ref.describe()})")
    if args.store:
        store_bench.run(ref, table, repeat=args.repeat)
    if args.desktop:
        desktop_bench.run(ref, table)
    if args.interop:
        interop_bench.run(ref, table)
    sync_repeat = args.sync_repeat or (3 if patients <= 20_000 else 1)
    if args.sync:
        sync_bench.run(ref, table, repeat=sync_repeat, log=lambda m: print(m, file=sys.stderr))
    if args.restore:
        restore_bench.run(ref, table, repeat=sync_repeat, log=lambda m: print(m, file=sys.stderr))
    if args.usable:
        restore_bench.run_usable(
            ref, table, repeat=sync_repeat, log=lambda m: print(m, file=sys.stderr)
        )
    table.print()
    out = args.json or args.cache / f"results-{patients}.json"
    out.write_text(json.dumps(table.as_json(), indent=2))
    print(f"\nwritten to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
