"""Roles, enforced below every read and write of the store: SQLite's authorizer.

A :class:`Guard` is installed on the connection of a practice opened for a person
whose role may not see clinical content (a secretary). SQLite asks it about every
table a statement reads or writes while the statement is prepared, so no store module,
exporter or future query can reach a clinical table by forgetting a check: the one
rule is the schema's ``clinical`` flag (:data:`CLINICAL_TABLES`). The sync replica and
a few system jobs (counts, rekeying) run :meth:`Guard.system`, per thread.

What this protects, and what it does not, is in docs/roles.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import threading
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlcipher3

from desktop.practice import errors
from desktop.practice.schema import ENTITIES, ROLES

__all__ = ["ROLES", "Access", "Guard", "GuardedConnection", "refusal", "system_methods"]
CLINICAL_ROLES = frozenset({"doctor", "locum"})
ROLE_NAMES = {"doctor": "doctor", "locum": "locum", "secretary": "secretary"}

CLINICAL_TABLES: frozenset[str] = frozenset(
    {name for name, ent in ENTITIES.items() if ent.clinical}
    # Tables that hold the content of clinical records in another form: the note
    # search index and the documents' bytes.
    | {"notes_fts", "blob_chunks"}
)
"""Every table a role without clinical access may neither read nor write."""

_DENIED_ACTIONS = frozenset(
    {
        sqlcipher3.SQLITE_READ,
        sqlcipher3.SQLITE_INSERT,
        sqlcipher3.SQLITE_UPDATE,
        sqlcipher3.SQLITE_DELETE,
    }
)


@dataclass(frozen=True, slots=True)
class Access:
    """Who a practice was opened for, and what their role may open.

    ``role`` None: opened with the database key alone (no login: a remembered key of
    an older version, tools); whoever holds the key can read every page anyway."""

    user_id: str | None
    username: str | None
    role: str | None
    until: str | None = None

    @property
    def clinical(self) -> bool:
        return self.role is None or self.role in CLINICAL_ROLES

    @property
    def manages_users(self) -> bool:
        return self.role is None or self.role == "doctor"


def refusal(role: str | None) -> str:
    """The one sentence a refused read or write gets: names the role, never the record."""
    return (
        f"the {ROLE_NAMES.get(role or '', role or 'current')} role cannot open or change "
        "clinical content (problems, allergies, treatments, consultations and notes, "
        "prescriptions, documents, results, vaccinations, note search); log in as a "
        "doctor or locum for that"
    )


def today() -> str:
    return dt.date.today().isoformat()


def expired(access: Access, date_seen: str) -> bool:
    """A locum's account stops after its last day, by the latest date this device saw."""
    return access.role == "locum" and bool(access.until) and str(access.until) < date_seen[:10]


class Guard:
    """The authorizer of one restricted connection; :meth:`system` lifts it per thread."""

    def __init__(self, role: str | None) -> None:
        self.role = role
        self._local = threading.local()

    def _depth(self) -> int:
        return int(getattr(self._local, "depth", 0))

    def authorize(
        self, action: int, arg1: str | None, arg2: str | None, db: str | None, src: str | None
    ) -> int:
        if action in _DENIED_ACTIONS and arg1 in CLINICAL_TABLES and not self._depth():
            self._local.denied = True
            return int(sqlcipher3.SQLITE_DENY)
        return int(sqlcipher3.SQLITE_OK)

    def take_denial(self) -> bool:
        denied = bool(getattr(self._local, "denied", False))
        self._local.denied = False
        return denied

    @contextlib.contextmanager
    def system(self) -> Iterator[None]:
        """Let this thread's statements reach every table (sync, counts, rekeying)."""
        self._local.depth = self._depth() + 1
        try:
            yield
        finally:
            self._local.depth = self._depth() - 1


class GuardedConnection:
    """A restricted connection: what the guard refused becomes a :class:`RoleError`.

    Made without a statement cache, so that every statement is authorized for the
    thread and the moment that runs it (a statement prepared by the sync thread is
    never reused by the person's)."""

    def __init__(self, conn: Any, guard: Guard) -> None:
        self._conn = conn
        self.guard = guard
        conn.set_authorizer(guard.authorize)

    def _refused(self, exc: BaseException) -> BaseException:
        if self.guard.take_denial():
            return errors.RoleError(refusal(self.guard.role))
        return exc

    def execute(self, sql: str, params: Any = ()) -> Any:
        try:
            return self._conn.execute(sql, params)
        except sqlcipher3.DatabaseError as exc:
            raise self._refused(exc) from None

    def executemany(self, sql: str, params: Any) -> Any:
        try:
            return self._conn.executemany(sql, params)
        except sqlcipher3.DatabaseError as exc:
            raise self._refused(exc) from None

    def executescript(self, sql: str) -> Any:
        try:
            return self._conn.executescript(sql)
        except sqlcipher3.DatabaseError as exc:
            raise self._refused(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


T = TypeVar("T")


def _elevating(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        guard = getattr(self.s, "guard", None)
        if guard is None:
            return fn(self, *args, **kwargs)
        with guard.system():
            result = fn(self, *args, **kwargs)
        if isinstance(result, types.GeneratorType):
            return _elevated_iter(guard, result)
        if isinstance(result, contextlib.AbstractContextManager):
            return _ElevatedContext(guard, result)
        return result

    return run


def _elevated_iter(guard: Guard, gen: Iterator[Any]) -> Iterator[Any]:
    while True:
        with guard.system():
            try:
                item = next(gen)
            except StopIteration:
                return
        yield item


class _ElevatedContext(contextlib.AbstractContextManager[Any]):
    def __init__(self, guard: Guard, inner: contextlib.AbstractContextManager[Any]) -> None:
        self.guard, self.inner = guard, inner

    def __enter__(self) -> Any:
        with self.guard.system():
            return self.inner.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        with self.guard.system():
            return self.inner.__exit__(*exc)


def system_methods(cls: type[T]) -> type[T]:
    """Run every public method of ``cls`` (over ``self.s``, a session) as the system:
    the sync replica moves every record, whoever is logged in on this device."""
    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and isinstance(value, types.FunctionType):
            setattr(cls, name, _elevating(value))
    return cls
