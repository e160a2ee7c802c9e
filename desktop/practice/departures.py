"""A departure on this device: end the person's login and rotate the database key.

When a user record says the person left (``deactivated_at``, set on any device and
synced), :func:`enforce` removes the database key from their entry in ``keys.json``
(their passphrase then gets a sentence) and rekeys the SQLCipher database to a fresh
key wrapped for everyone who stays (to their public keys: no passphrase needed). A copy
of the old key file with their passphrase then opens only the database as it was
before, never as it is written after. What this does not protect is in docs/roles.md.

Crash-safe in three steps: key file with both keys, ``PRAGMA rekey``, key file with the
new key only; an unlock in between tries both (opening.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.practice import meta, rows
from desktop.practice.drafts import DraftStore, amendment_draft, consultation_draft, letter_draft
from desktop.practice.keyfile import KeyFile
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES
from sync import crypto

if TYPE_CHECKING:
    from desktop.practice.store import Practice


def departed_ids(p: Practice) -> set[str]:
    ent = ENTITIES["user"]
    return {
        str(u["id"])
        for u in rows.select(p.session, ent, "deactivated_at IS NOT NULL", ())
    }


def enforce(p: Practice) -> bool:
    """End on this device the logins of people who left; whether it rekeyed.

    A rekey waits (``REKEY_PENDING``) while format-1 entries of people who stay remain:
    they cannot be re-wrapped without their passphrase, and become format 2 at their
    owner's next unlock."""
    gone = departed_ids(p)
    keyfile = KeyFile.load(p.folder)
    newly = gone & keyfile.user_ids_with_keys()
    pending = p.meta_value(MetaKey.REKEY_PENDING) == "1"
    if not newly and not pending:
        return False
    keyfile = keyfile.departed(gone)
    if not keyfile.user_ids_with_keys():
        # Nobody with a login here stays: a key nobody holds would lose this device's
        # unpushed changes. The departed login is refused at open (people.check_login).
        return False
    keyfile.save()
    if keyfile.legacy:
        if not pending:
            with p.transaction():
                p.set_meta(MetaKey.REKEY_PENDING, "1")
        return False
    rekey(p, keyfile)
    return True


def _carry_drafts(p: Practice, new_key: bytes) -> None:
    """Drafts are sealed under a key derived from the database key: re-seal them."""
    old = DraftStore(p.folder, p.db_key)
    if not old.has_any():
        return
    with p.session.system():
        patients = [r[0] for r in p.conn.execute("SELECT id FROM patient").fetchall()]
        consultations = [r[0] for r in p.conn.execute("SELECT id FROM consultation").fetchall()]
    names = [consultation_draft(i) for i in patients] + [amendment_draft(i) for i in consultations]
    names += [letter_draft(i) for i in patients]
    old.carry_over(DraftStore(p.folder, new_key), names)


def rekey(p: Practice, keyfile: KeyFile) -> None:
    """Move the database to a fresh key, wrapped for every login that still has one."""
    new_key = crypto.random_key()
    keyfile.rewrapped(new_key).save()  # both keys open it, whatever happens next
    _carry_drafts(p, new_key)
    with p.session.system(), p.session._lock:
        p.conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        # The WAL may still hold pages written under the old key: fold it in and empty it.
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    p.db_key = new_key
    keyfile.rewrapped(new_key).settled().save()
    with p.transaction():
        meta.delete(p.session, MetaKey.REKEY_PENDING)
        p.session.audit("rekey", None, None)
