"""The open practice database as the store and its sync replica share it.

One connection, one lock, one hybrid clock and this device's identity: the store's
write path and the replica's apply path both stamp and write through a
:class:`Session`, so neither needs the other. SQL run through :meth:`Session.execute`
has its SQLite errors mapped to known, actionable ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.practice import audit, audit_sync, db, meta, roles
from desktop.practice.db import DB_NAME
from desktop.practice.meta import MetaKey
from sync.changes import HybridClock


def now_iso() -> str:
    """UTC now, to the millisecond: the time written in audit entries and cursors."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def local_now() -> str:
    """Local wall-clock time, to the minute: when a consultation or document happened."""
    return dt.datetime.now().isoformat(timespec="minutes")


class Session:
    """An open, unlocked database. Not thread-safe for concurrent writers: the desktop
    gives it to one worker thread; the lock guards misuse and lets the sync engine's
    thread hold a transaction across several segments."""

    def __init__(
        self,
        folder: Path,
        conn: db.Connection,
        *,
        practice_id: str,
        device_id: str,
        user_id: str | None,
        hlc_last: int,
        reconnect: Callable[[], db.Connection] | None = None,
    ) -> None:
        """``reconnect()`` opens another plain connection to the same database, for work
        that must not wait on this one (:meth:`aside`)."""
        self.folder = folder
        self.conn = conn
        self.practice_id = practice_id
        self.device_id = device_id
        self.user_id = user_id
        self.clock = HybridClock(hlc_last)
        self.defer_search = False  # a restore rebuilds the search indexes at its end
        self.guard: roles.Guard | None = None  # set for a role without clinical access
        self._lock = threading.RLock()
        self._depth = 0
        self._reconnect = reconnect

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except db.DatabaseError as exc:
            raise db.map_sqlite_error(exc, self.db_path) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One durable transaction; nested calls join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with db.transaction(self.conn, self.db_path):
                self._depth = 1
                try:
                    # Another process on this device (the app and a 'carnet' command) may
                    # have written since: stamps must stay unique, so catch up its clock.
                    self.clock.observe(int(meta.get(self.conn, MetaKey.HLC_LAST, 0)))
                    yield
                    meta.put(self.conn, MetaKey.HLC_LAST, self.clock.last)
                finally:
                    self._depth = 0

    def may_read(self, entity: str) -> bool:
        """Whether the person this session is for may open records of ``entity``."""
        return self.guard is None or entity not in roles.CLINICAL_TABLES

    def system(self) -> contextlib.AbstractContextManager[None]:
        """Lift the role's restriction for this thread (sync, counts, rekeying)."""
        return contextlib.nullcontext() if self.guard is None else self.guard.system()

    def audit(self, action: str, entity: str | None, record_id: str | None) -> None:
        """Append an audit entry naming this session's user and device, and journal it so
        that it travels in this device's segments (call in a transaction)."""
        entry = audit.append(
            self.conn, now_iso(), self.user_id, action, entity, record_id, self.device_id
        )
        audit_sync.journal_entry(self, entry)

    @contextlib.contextmanager
    def aside(self) -> Iterator[Session | None]:
        """A session over a connection of its own, for one other thread, with the
        system's rights (None when this one cannot reconnect); closed at the end."""
        if self._reconnect is None:
            yield None
            return
        other = Session(
            self.folder,
            self._reconnect(),
            practice_id=self.practice_id,
            device_id=self.device_id,
            user_id=self.user_id,
            hlc_last=self.clock.last,
        )
        try:
            yield other
        finally:
            other.close()

    def close(self) -> None:
        with self._lock:
            self.conn.close()
