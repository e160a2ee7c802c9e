"""Attaching a practice to a storage, and moving it to another one (the NAS died, a new
provider): new chains there and a snapshot of everything, so the new storage restores the
whole practice on its own. The move is owed in the meta until finished (see
:meth:`desktop.remote.service.SyncService.finish_move`)."""

from __future__ import annotations

from desktop.practice import errors
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import devices
from desktop.remote.credentials import connect
from desktop.remote.keyring import StoreKeyRing
from desktop.remote.service import SyncService
from desktop.remote.state import MOVE_OWED, REMOTE_URL
from sync.backends import Backend
from sync.backends.base import TargetMissingError
from sync.backends.webdav import WebDavBackend
from sync.changes import new_id
from sync.remote import create_practice_remote, open_practice_remote
from sync.rotation import signing_key_for


def set_remote(
    practice: Practice, url: str, *, passphrase: str, create: bool, password: str | None = None
) -> str | None:
    """Attach ``practice`` to a remote; with ``create``, set the remote up (returns the
    recovery key text, to show once). Without it the remote must already hold this
    practice and the passphrase must open it.

    Moving to another storage (the NAS died, a new provider): a practice that already
    synced elsewhere starts new chains there under a new device id and publishes a
    snapshot of everything it holds, attachments included, so the new storage restores
    the whole practice on its own. The same happens for a device attached to a storage
    that does not hold its chain (after the first device moved): it first merges the
    newest snapshot there, so nothing another device pushed before the move is missed."""
    backend = connect(url, password=password)
    try:
        backend.check()
    except TargetMissingError:
        # Asked to set a practice up at a WebDAV address that does not exist yet: make
        # it (MKCOL, parents included). A missing local folder is never created: it may
        # be an unmounted drive.
        inner = getattr(backend, "inner", backend)
        if not (create and isinstance(inner, WebDavBackend)):
            raise
        inner.create_root()
        backend.check()
    recovery: str | None = None
    if create:
        current = practice.practice_keys
        if len(current.epochs) != 1:
            raise errors.UsageError("this practice already has a remote key history")
        _, recovery = create_practice_remote(
            backend,
            practice.practice_id,
            passphrase,
            practice_key=current.key(current.current),
        )
    else:
        keys = open_practice_remote(backend, practice.practice_id, passphrase=passphrase)
        if keys.key(keys.current) != practice.practice_keys.key(practice.practice_keys.current):
            raise errors.IntegrityFailureError(
                "the remote's practice key differs from this practice's; check the address"
            )
    # A passphrase holder: pin the practice's signing key (made now if it has none).
    keys = practice.practice_keys
    _, pin = signing_key_for(backend, keys, passphrase, None, from_epoch=keys.current + 1)
    StoreKeyRing(practice).pin_signing(pin)
    replica = StoreReplica(practice.session)
    moving = replica.has_history() and (create or not _holds_our_chains(practice, backend))
    with practice.transaction():
        if moving:
            replica.start_new_chains(new_id())
            # Owed until done: an interrupted move is finished by the next sync, never
            # left as a storage that cannot restore the practice on its own.
            practice.set_meta(MOVE_OWED, "join" if not create else "create")
        practice.set_meta(REMOTE_URL, url)
    if moving:
        SyncService(practice, backend, replica).finish_move()
    return recovery


def _holds_our_chains(practice: Practice, backend: Backend) -> bool:
    """Whether the storage holds this device's chain or one this device has applied: the
    same storage (perhaps at a new address), not a new one."""
    service = SyncService(practice, backend)
    heads = devices.heads(service)
    applied = {d for d, c in service.replica.cursors().items() if c.seq > 0}
    return practice.device_id in heads or bool(applied & set(heads))
