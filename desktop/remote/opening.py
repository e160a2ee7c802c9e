"""Opening a practice on its storage for a join or a restore: which practice (a root may
hold several), with which secret, and the signing key the new device pins (sync.signing).
"""

from __future__ import annotations

from sync.backends import Backend
from sync.errors import (
    AmbiguousPracticeError,
    NotAPracticeError,
    SyncError,
    WrongSecretError,
)
from sync.recovery_key import RecoveryKeyTypoError
from sync.recovery_key import parse_recovery_key as parse_kit
from sync.remote import discover_practice, open_practice_remote
from sync.rotation import signing_key_for
from sync.segments import PracticeKeys
from sync.signing import (
    HUMAN_PATH,
    ForgedEpochError,
    SigningPin,
    open_signing_key,
    read_signing_public,
)


def practice_id(backend: Backend, wanted: str | None) -> str:
    """The practice to join: the one at the root, or ``wanted`` if it is there (else
    :class:`NotAPracticeError` naming the ones that are)."""
    if wanted is None:
        return discover_practice(backend)
    try:
        held = [discover_practice(backend)]
    except AmbiguousPracticeError as exc:
        held = exc.practice_ids
    if wanted not in held:
        raise NotAPracticeError(
            f"the storage location holds no practice {wanted!r}; it holds " + ", ".join(held)
        )
    return wanted


def open_remote(
    backend: Backend, pid: str, passphrase: str | None, recovery_key: str | None
) -> PracticeKeys:
    """Open the practice with the passphrase or the kit. A secret that opens the
    signing key but not the newest epoch is the right one: that epoch is forged."""
    try:
        return open_practice_remote(backend, pid, passphrase=passphrase, recovery_key=recovery_key)
    except WrongSecretError as exc:
        if isinstance(exc, RecoveryKeyTypoError):
            raise
        kit = parse_kit(recovery_key) if recovery_key is not None else None
        try:
            opened = open_signing_key(backend, pid, passphrase=passphrase, recovery=kit)
        except (ForgedEpochError, SyncError):
            opened = None
        if opened is None:
            raise
        what = "passphrase" if passphrase is not None else "recovery key"
        raise ForgedEpochError(
            f"the practice {what} opens the practice's signing key but not its newest key "
            "epoch: that epoch was forged by a device without the passphrase. " + HUMAN_PATH
        ) from None


def signing_pin(
    backend: Backend,
    keys: PracticeKeys,
    handed_over: SigningPin | None,
    passphrase: str | None,
    recovery_key: str | None,
) -> SigningPin | None:
    """The signing key a new device pins: opened with the passphrase (made now if the
    practice has none) or the kit, ``handed_over`` with an enrollment code, or else the
    one published on the storage (trust on first use)."""
    if passphrase is not None:
        return signing_key_for(backend, keys, passphrase, None, from_epoch=keys.current + 1)[1]
    if recovery_key is not None:
        opened = open_signing_key(backend, keys.practice_id, recovery=parse_kit(recovery_key))
        if opened is not None:
            return opened[1]
    return handed_over or read_signing_public(backend, keys)
