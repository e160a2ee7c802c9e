"""A restore in two steps: the practice opens as soon as its people, patients, chart
summaries, agenda and search index are in, and the rest of the snapshot (the history,
newest first) streams in behind it, chunk by chunk, on the app's sync thread.

Nothing is checked less than in a one-step restore: the snapshot is the one the restore
chose under the revocation and repair rules (its name is kept in the database), opened
again and checked against them each time the stream resumes; every chunk is
authenticated, chained to the one before and parsed only then; the cursors the snapshot
covers are set only after its last chunk, so the sync pulls what came after it only
then. Each chunk commits with where the stream stands, so a stopped restore (network
gone, app closed, SIGKILL) resumes after the last chunk in. Until the last one, the
practice's state is "usable", not "complete": the window says so, and no snapshot,
repair or move can be made from it (``StoreReplica.export_state`` refuses). A repair of
the storage made meanwhile ends the stream: the sync follows it, and the repair's
snapshot, whole, completes the practice (``desktop.remote.repair.finish_follow``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from threading import Event
from typing import TYPE_CHECKING

from desktop.practice import meta
from desktop.practice.meta import MetaKey
from desktop.practice.replica import StoreReplica
from desktop.practice.snapshot_io import (
    ROWS_PER_COMMIT,
    chunks_loaded,
    finish_chunks,
    load_chunks,
    usable_after,
)
from desktop.remote.keyring import StoreKeyRing
from desktop.remote.repair import StoreRepairs
from desktop.remote.state import Progress
from sync.backends import Backend
from sync.devices import Revocation
from sync.repair import retired_chains
from sync.segments import PracticeKeys
from sync.snapshots import Snapshot, read_latest_snapshot, reread_snapshot

if TYPE_CHECKING:
    from desktop.remote.service import SyncService

STEP = "restore"
"""The progress step of the chunks: (step, chunks in, chunks in all)."""


def load_first(
    backend: Backend,
    keys: PracticeKeys,
    replica: StoreReplica,
    revocations: Sequence[Revocation],
    retired: Collection[str],
    trusted: Collection[str],
    *,
    usable_first: bool,
    cancel: Event | None = None,
    progress: Progress | None = None,
) -> bool:
    """In a restore's bulk mode (:meth:`StoreReplica.restoring`): the newest snapshot's
    chunks, all of them or (``usable_first``) those that make the practice usable
    (:func:`desktop.practice.snapshot_io.usable_after`). Resumes after the last chunk
    in. Whether the whole snapshot is in (also when the storage has none)."""
    s = replica.s
    name = meta.get(s, MetaKey.RESTORE_SNAPSHOT)
    if name is None:
        snap = read_latest_snapshot(backend, keys, revocations, retired, trusted)
        if snap is None:
            return True
        if snap.version == 1:
            replica.load_snapshot(snap.changes, snap.cursors)
            return True
    else:
        snap = reread_snapshot(backend, keys, name, revocations, retired, trusted)
    end = usable_after(snap.plan) if usable_first else snap.chunks
    _load(replica, snap, end, end, cancel, progress)  # counted to the end of this step
    if end < snap.chunks:
        return False
    finish_chunks(replica, snap.cursors, "none")  # restoring() rebuilds the search at its end
    return True


def continue_restore(
    service: SyncService, cancel: Event | None = None, progress: Progress | None = None
) -> None:
    """On a practice in use whose restore is "usable": the rest of its snapshot. The
    caller (:meth:`SyncService.sync`) then pulls what came after and marks it complete."""
    replica = service.replica
    name = meta.get(replica.s, MetaKey.RESTORE_SNAPSHOT)
    if name is None:
        return  # every chunk is in; the pull after it did not finish yet
    # What today's revocation and repair records decide, learnt first as a sync does.
    service.engine(cancel, progress).learn_keys()
    revocations = list(StoreKeyRing(service.practice).revocations().values())
    repairs = StoreRepairs(service.practice).repairs().values()
    trusted = {r.snapshot for r in repairs}
    snap = reread_snapshot(
        service.backend, service.keys, name, revocations, retired_chains(repairs), trusted
    )
    with replica.streaming():
        _load(replica, snap, snap.chunks, snap.chunks, cancel, progress, ROWS_PER_COMMIT)
    first = usable_after(snap.plan)
    later = {entity for counts in snap.plan[first:] for entity, _ in counts}
    finish_chunks(replica, snap.cursors, "all" if "patient" in later else "notes")


def _load(
    replica: StoreReplica,
    snap: Snapshot,
    end: int,
    total: int,
    cancel: Event | None,
    progress: Progress | None,
    rows_per_commit: int | None = None,
) -> None:
    """Chunks up to ``end``, after those already in; progress (STEP, index, ``total``)."""
    done, prev = chunks_loaded(replica.s, snap.name)
    if progress is not None:
        progress(STEP, min(done, total), total)
    if done >= end:
        return

    last_of = {entity: i for i, counts in enumerate(snap.plan, start=1) for entity, _ in counts}

    def loaded(index: int) -> None:
        for entity in [e for e, last in last_of.items() if last == index]:
            replica.kind_complete(entity)  # its indexes now (in bulk mode), not at the end
        if progress is not None:
            progress(STEP, index, total)

    chunks = snap.numbered_parts(done + 1, prev, cancel, end=end)
    load_chunks(replica, snap.name, chunks, loaded, rows_per_commit)
