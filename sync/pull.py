"""Pull: fetch, verify and apply every other device's new segments.

One listing of ``heads/``; for each device ahead of our cursor, segments are fetched in
order, each verified (AEAD, position, chain link, and against the head for the last)
*before* it is applied with its cursor in one replica transaction. Chains a repair
retired are never pulled; a revoked device's chain only up to its last valid segment.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import closing
from dataclasses import dataclass, field

from sync.backends.base import NotFoundError, ObjectInfo
from sync.counting import get_head_bytes, latest_numbered
from sync.devices import RefusedSegmentError, check_segment_epoch, revoked_limit
from sync.engine_state import EngineState
from sync.errors import IntegrityError, RollbackError
from sync.heads import Head, decode_head
from sync.layout import head_name, heads_prefix, parse_head
from sync.ports import START, Cursor, GroupedApply
from sync.prefetch import FETCH_AHEAD, produced_ahead
from sync.segments import HEADER, digest, open_segment, parse_segment


@dataclass(frozen=True, slots=True)
class PullReport:
    changes: dict[str, int] = field(default_factory=dict)  # per device
    segments: int = 0
    conflicts: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # tolerant pulls: device -> why


@dataclass
class _Tally:
    """What a pull has done so far, device by device."""

    changes: dict[str, int] = field(default_factory=dict)
    segments: int = 0
    conflicts: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    refused: IntegrityError | None = None


class Pulling(EngineState):
    """The pull half of :class:`sync.engine.SyncEngine`."""

    _progress: Callable[[str, int, int], None]

    def pull(
        self, listing: list[ObjectInfo] | None = None, *, tolerant: bool = False
    ) -> PullReport:
        """Fetch, verify and apply every other device's new segments. One request (the
        heads listing) when nothing changed; none when given a fresh ``listing``.
        ``tolerant`` (a repair gathering what it can): a device whose chain fails is
        applied up to the fault and reported in ``failed`` instead of raising, and this
        device's own chain is not checked."""
        if listing is None:
            listing = self._store.list(heads_prefix(self.pid))
        self._catch_up(listing)
        self._check_repairs(listing)
        self._revoked = [] if self.keyring is None else list(self.keyring.revocations().values())
        retired = self.retired()
        heads = latest_numbered(listing, heads_prefix(self.pid), parse_head)
        for device in retired:
            heads.pop(device, None)
        if not tolerant:
            self._check_own_chain(heads.get(self.device, []), rewrite_head=True)
        known = self.replica.cursors()
        failed = self._vanished_heads(known, heads, retired, tolerant)
        tally = _Tally(failed=failed)
        for device in sorted(heads):
            if device != self.device and device not in failed:
                self._pull_listed(device, heads[device][-1], known, tally, tolerant)
        if tally.refused is not None and not tolerant:
            raise tally.refused
        if tally.refused is not None and tally.refused.device:
            failed[tally.refused.device] = str(tally.refused)
        return PullReport(tally.changes, tally.segments, tally.conflicts, failed)

    def _vanished_heads(
        self,
        known: dict[str, Cursor],
        heads: dict[str, list[int]],
        retired: Collection[str],
        tolerant: bool,
    ) -> dict[str, str]:
        """Devices we applied segments of that have no head any more: a rollback (raised,
        or when ``tolerant`` returned as device -> why)."""
        failed: dict[str, str] = {}
        for device, cursor in known.items():
            if device == self.device or cursor.seq <= 0 or device in heads or device in retired:
                continue
            lost = RollbackError(
                f"device {device} has no head on the storage, but segment "
                f"{cursor.seq} was applied here: the storage was rolled back",
                device,
                cursor.seq,
            )
            if not tolerant:
                raise lost
            failed[device] = str(lost)
        return failed

    def _pull_listed(
        self, device: str, head_seq: int, known: dict[str, Cursor], tally: _Tally, tolerant: bool
    ) -> None:
        """Pull one listed device into ``tally``. A revoked device is pulled up to its last
        valid segment and its refusal kept for the end (it must not stop the others)."""
        limit = revoked_limit(self._revoked, device)
        if limit is not None and head_seq > limit:
            tally.refused = tally.refused or RefusedSegmentError(
                f"segment {limit + 1} of device {device} was written after that device "
                f"was revoked (its last valid segment is {limit}): refused",
                device,
                limit + 1,
            )
            head_seq = limit
        try:
            got = self._pull_device(device, head_seq, known.get(device, START), limit)
        except RefusedSegmentError as exc:  # this device's valid part is applied
            tally.refused = tally.refused or exc
            return
        except IntegrityError as exc:
            if not tolerant:
                raise
            tally.failed[device] = str(exc)  # what came before the fault is applied
            return
        if got[0]:
            tally.changes[device] = got[0]
        tally.segments += got[1]
        tally.conflicts += got[2]

    def _pull_device(
        self, device: str, head_seq: int, cursor: Cursor, limit: int | None = None
    ) -> tuple[int, int, int]:
        """Bring ``device`` from ``cursor`` to ``head_seq``; (changes, segments, conflicts).
        ``limit``: a revoked device's last valid seq; up to it, segments are verified by
        their chain alone (its head may be past it)."""
        if head_seq < cursor.seq:
            raise RollbackError(
                f"the head of device {device} is at segment {head_seq}, but segment "
                f"{cursor.seq} was already applied here: the storage was rolled back",
                device,
                cursor.seq,
            )
        if head_seq == cursor.seq:
            return 0, 0, 0
        if limit is not None and head_seq == limit:
            head = Head(device, limit, "", -1)  # no head to check the last link against
        else:
            head = self._read_head(device, head_seq)
        head_seq = head.seq
        changes = segments = conflicts = 0
        first = cursor.seq
        grouping = (
            isinstance(self.replica, GroupedApply)
            and self.group_segments > 1
            and head_seq - first > 1
        )
        in_group: int | None = None  # segments applied in the open group; None: none open

        def end_group(commit: bool) -> None:
            nonlocal in_group
            if in_group is not None and isinstance(self.replica, GroupedApply):
                in_group = None
                self.replica.end_group(commit)

        try:
            for seq, new_cursor, raw in self._verified_segments(device, head, cursor):
                self._check_cancel()
                decoded = parse_segment(device, seq, raw)
                if grouping and in_group is None and isinstance(self.replica, GroupedApply):
                    self.replica.begin_group()
                    in_group = 0
                report = self.replica.apply_segment(device, new_cursor, decoded)
                if in_group is not None:
                    in_group += 1
                changes += len(decoded)
                segments += 1
                conflicts += report.conflicts
                self._progress("pull", seq - first, head_seq - first)
                if in_group is not None and in_group >= self.group_segments:
                    end_group(commit=True)
        finally:
            # Done, cancelled, or a segment failed verification or its own (savepointed)
            # apply: every segment applied in the group is whole, keep them.
            end_group(commit=True)
        return changes, segments, conflicts

    def _verify_next(
        self, device: str, head: Head, seq: int, prev: Cursor, data: bytes | None = None
    ) -> tuple[int, Cursor, bytes]:
        """Fetch segment ``seq`` (unless its ``data`` came already) and verify it (AEAD,
        position, chain link to ``prev``, and against the head for the last one); returns
        its inflated JSON. Nothing is applied here."""
        if data is None:
            data = self._get_segment(device, seq)
        if seq == head.seq:
            self._check_against_head(device, head, data)
        raw = open_segment(self.keys, device, seq, prev.digest, data)
        check_segment_epoch(self._revoked, device, seq, HEADER.unpack_from(data)[2])
        return seq, Cursor(seq, digest(data)), raw

    def _verified_segments(
        self, device: str, head: Head, cursor: Cursor
    ) -> Iterator[tuple[int, Cursor, bytes]]:
        """Segments ``cursor.seq + 1 .. head.seq``, in order, each verified before it is
        yielded (as inflated JSON, parsed by the caller). With ``prefetch``, one helper
        thread downloads segments ahead and another verifies up to ``prefetch`` of them
        ahead (the chain is still walked in order, link by link) while the caller parses
        and applies: network waits, decryption and decompression, which mostly run
        outside the interpreter lock, overlap with the database work, and the link does
        not wait while a segment is decrypted. JSON parsing stays on the caller's thread
        (measured: parsing on the helper thread made a loopback restore 7% slower, the
        two threads fighting over the lock). Errors surface in order: the caller applies
        every segment before a bad one, as without prefetch."""
        count = head.seq - cursor.seq
        if self.prefetch < 1 or count < 2:
            prev = cursor
            for seq in range(cursor.seq + 1, head.seq + 1):
                self._check_cancel()
                item = self._verify_next(device, head, seq, prev)
                prev = item[1]
                yield item
            return

        def fetch() -> Iterator[tuple[int, bytes]]:
            for seq in range(cursor.seq + 1, head.seq + 1):
                yield seq, self._get_segment(device, seq)

        def chain(fetched: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, Cursor, bytes]]:
            prev = cursor
            for seq, data in fetched:
                item = self._verify_next(device, head, seq, prev, data)
                prev = item[1]
                yield item

        cancel, check = self._cancel, self._check_cancel
        fetched = produced_ahead(fetch(), count, FETCH_AHEAD, cancel, check, "carnet-pull-fetch")
        with closing(fetched):
            yield from produced_ahead(chain(fetched), count, self.prefetch, cancel, check)

    def _read_head(self, device: str, seq: int) -> Head:
        """Open ``heads/<device>.<seq>``. If it vanished between our listing and this GET,
        the device has just pushed and deleted it: follow its newer head (once)."""
        try:
            data = get_head_bytes(self._store, self.pid, device, seq)
            return decode_head(self.keys, device, seq, data)
        except NotFoundError:
            prefix = heads_prefix(self.pid)
            newer = latest_numbered(self._store.list(prefix), prefix, parse_head).get(device, [])
            if not newer or newer[-1] <= seq:
                raise RollbackError(
                    f"the head {seq} of device {device} disappeared with no newer one",
                    device,
                    seq,
                ) from None
            name = head_name(self.pid, device, newer[-1])
            try:
                return decode_head(self.keys, device, newer[-1], self._store.get(name))
            except NotFoundError:
                raise IntegrityError(
                    f"the heads of device {device} keep disappearing", device, newer[-1]
                ) from None

    def _check_against_head(self, device: str, head: Head, data: bytes) -> None:
        if head.length < 0:
            return
        if len(data) != head.length or digest(data) != head.digest:
            raise IntegrityError(
                f"segment {head.seq} of device {device} is not the one its head names "
                "(replaced, truncated, or written by a clone of that device)",
                device,
                head.seq,
            )
