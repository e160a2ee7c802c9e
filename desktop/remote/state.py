"""What the remote side keeps in the store's encrypted meta (each a ``MetaKey``), and the
types its callbacks share."""

from __future__ import annotations

from collections.abc import Callable

REMOTE_URL = "remote_url"
LAST_SYNC = "last_sync"
LAZY_DOCUMENTS = "lazy_documents"  # "1": fetch a document's content when first opened
RESTORE_STATE = "restore_state"
SNAPSHOT_LOADED = (
    "restore_snapshot_loaded"  # "in-progress" until a join/restore has pulled everything
)
DEVICE_KEY = "device_key"  # hex X25519 private key: new key epochs are wrapped to it
DEVICE_NAME = "device_name"  # shown by 'carnet device list' (encrypted on the remote)
DEVICE_INFO = "device_info"  # "<device>:<epoch>:<ms>" of the info object last published
REVOCATIONS = "revocations"  # JSON list of verified revocation records
MOVE_OWED = "move_owed"
"""meta, while a move to other storage is unfinished: "create" (a new storage) or "join"
(a storage another device moved to first, whose snapshot must be merged)."""
DEVICE_PINS = "device_pins"  # JSON {device: public key hex}, as first seen
SIGNING_PIN = "signing_pin"  # JSON: the practice's signing public key (sync.signing)
INFO_REFRESH_MS = 10 * 60 * 1000  # "last active" is refreshed at most this often
Progress = Callable[[str, int, int], None]
Clock = Callable[[], float]  # seconds since the epoch, like time.time (tests inject one)
