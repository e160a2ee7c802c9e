"""The ``meta`` table: one typed set of its keys, and reading and writing them.

``meta`` holds the device's own state inside the encrypted database (identity, key
ring, clock, cursors, restore progress). Every key any layer uses is a :class:`MetaKey`,
so a new one is declared here once instead of as a string literal where it is used.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Any, Protocol

from desktop.practice import errors
from sync.segments import PracticeKeys


class Executor(Protocol):
    """Anything that runs SQL: a connection, or the store's session (which maps errors)."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


class MetaKey(enum.StrEnum):
    """Every key of ``meta``; a StrEnum, so a member is also its plain string."""

    # identity and clock (written when the database is made)
    PRACTICE_ID = "practice_id"
    DEVICE_ID = "device_id"  # never a reused one: see sync.errors
    PRACTICE_KEYS = "practice_keys"  # JSON key ring, see ring_json
    HLC_LAST = "hlc_last"  # the hybrid clock's last value, shared by every process
    CREATED_AT = "created_at"
    # the audit chain's head (audit.py)
    AUDIT_SEQ = "audit_seq"
    AUDIT_HEAD = "audit_head"
    AUDIT_CHAIN = "audit_chain"  # the id this device's chain travels under (audit_sync.py)
    AUDIT_PUSHED = "audit_pushed"  # the newest entry of this chain in a pushed segment
    AUDIT_PEER_HEADS = "audit_peer_heads"  # JSON {chain: [seq, hash]} as received
    # the search indexes (search.py)
    NOTES_INDEXED = "notes_indexed_rowid"
    """Every consultation version up to this rowid is in ``notes_fts``. Versions are
    never deleted, so rowids only grow; an erasure that removes versions (GDPR) must
    rebuild the index."""
    # the push journal (journal.py)
    PUSH_LOCAL_SEQ = "push_local_seq"  # the last journal seq in a pushed segment
    PUSH_SEQ = "push_seq"  # this device's last pushed segment
    PUSH_DIGEST = "push_digest"  # and its digest (the next segment chains to it)
    # snapshots this device published (desktop.remote.service)
    SNAPSHOT_LOCAL_SEQ = "snapshot_local_seq"  # the push's local seq its last snapshot covers
    SNAPSHOT_CHANGES = "snapshot_changes"  # how many changes that snapshot held
    # restore and join (replica.py, desktop.remote.restore)
    RESTORE_STATE = "restore_state"  # "in-progress" until a join/restore has pulled everything
    RESTORE_SNAPSHOT_LOADED = "restore_snapshot_loaded"  # "1" once its snapshot is in
    RESTORE_SNAPSHOT = "restore_snapshot"  # the snapshot a restore loads, chunk by chunk
    RESTORE_CHUNKS = "restore_chunks"  # JSON [k, digest of chunk k]: its chunks 1..k are in
    RESTORE_DEFERRED_INDEXES = "restore_deferred_indexes"
    """The CREATE INDEX statements a restore dropped and has yet to run again (JSON)."""
    # sync (desktop.remote.service)
    REMOTE_URL = "remote_url"
    LAST_SYNC = "last_sync"
    LAZY_DOCUMENTS = "lazy_documents"  # "1": fetch a document's content when first opened
    DEVICE_KEY = "device_key"  # hex X25519 private key: new key epochs are wrapped to it
    DEVICE_NAME = "device_name"  # shown by 'carnet device list' (encrypted on the remote)
    DEVICE_INFO = "device_info"  # "<device>:<epoch>:<ms>" of the info object last published
    DEVICE_PINS = "device_pins"  # JSON {device: public key hex}, as first seen
    DEVICE_NAMES = "device_names"  # JSON {device id: name} of the practice's devices
    REVOCATIONS = "revocations"  # JSON list of verified revocation records
    SIGNING_PIN = "signing_pin"  # JSON: the practice signing public key (sync.signing)
    MOVE_OWED = "move_owed"
    """While a move to other storage is unfinished: "create" (a new storage) or "join"
    (a storage another device moved to first, whose snapshot must be merged)."""
    # repairs of the storage (desktop.remote.repair)
    REPAIRS = "repairs"  # JSON list of the repair records this device verified
    REPAIR_OWED = "repair_owed"  # JSON {number, was, retired, failed} while a repair is unfinished
    FOLLOW_OWED = "follow_owed"  # the number of a repair this device is still following
    # people (desktop.practice.people, departures)
    DATE_SEEN = "date_seen"
    """The latest date this device has seen (its clock, synced changes' stamps): a
    locum's account ends by it, so a clock set back does not revive the account."""
    REKEY_PENDING = "rekey_pending"  # "1": a departure's rekey waits for older key entries


IN_PROGRESS = "in-progress"
"""The value of :attr:`MetaKey.RESTORE_STATE` while a restore or join is unfinished."""
USABLE = "usable"
"""The value of :attr:`MetaKey.RESTORE_STATE` once a restore has brought the identity
records, the agenda and the search index (the practice opens and works) while the rest of
its history still streams in (``desktop.remote.snapshot_stream``); then "complete"."""


def require_whole(db: Executor) -> None:
    """Refuse what needs the whole practice (a snapshot, an export, a copy of it) while
    a restore still streams its history in: it would miss that history, and look
    complete."""
    if get(db, MetaKey.RESTORE_STATE) == USABLE:
        raise errors.UsageError(
            "this computer is still receiving the practice's history from its "
            "restore; wait until it is complete, then try again"
        )


def get(db: Executor, key: MetaKey, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return default if row is None else row[0]


def put(db: Executor, key: MetaKey, value: Any) -> None:
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def get_many(db: Executor, *keys: MetaKey) -> dict[str, Any]:
    """The values of those keys that are set, in one statement."""
    marks = ", ".join("?" * len(keys))
    return dict(db.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", keys).fetchall())


def put_many(db: Executor, values: Mapping[MetaKey, Any]) -> None:
    """Set several keys in one statement."""
    marks = ", ".join("(?, ?)" for _ in values)
    db.execute(
        f"INSERT OR REPLACE INTO meta(key, value) VALUES {marks}",
        [x for item in values.items() for x in item],
    )


def delete(db: Executor, *keys: MetaKey) -> None:
    for key in keys:
        db.execute("DELETE FROM meta WHERE key = ?", (key,))


def read_all(db: Executor) -> dict[str, Any]:
    return dict(db.execute("SELECT key, value FROM meta").fetchall())


def ring_json(keys: PracticeKeys) -> str:
    """The practice keys as kept in ``meta`` (inside the encrypted database)."""
    return json.dumps(
        {"current": keys.current, "epochs": {str(e): k.hex() for e, k in keys.epochs.items()}}
    )


def ring_from_json(practice_id: str, text: str) -> PracticeKeys:
    ring = json.loads(text)
    return PracticeKeys(
        practice_id,
        {int(epoch): bytes.fromhex(key) for epoch, key in ring["epochs"].items()},
        int(ring["current"]),
    )
