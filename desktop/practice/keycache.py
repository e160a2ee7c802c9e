"""Remember a practice's 32-byte database key in the OS keyring ("remember on this computer").

The cache is a convenience, never a requirement: every method swallows keyring trouble
(no backend, locked collection, D-Bus down, a broken third-party backend), logs one line
with the exception class name only, and answers "not remembered", so the caller falls
back to asking for the passphrase. Call it from a worker thread, never the UI thread: a
locked desktop keyring may show an unlock prompt and block until the user answers it.

Only an allowlist of backends is trusted, matched on the exact class (module and name):

* the Secret Service over D-Bus (``SecretService``, ``libsecret``: GNOME Keyring,
  KeePassXC, KWallet 5.97+), KWallet's own D-Bus API, the Windows Credential Manager and
  the macOS Keychain. Each keeps secrets encrypted under the user's login and out of
  reach of other users.
* Everything else is refused, even with a positive priority: keyrings.alt's plaintext
  and base64 "encrypted-looking" files (a database key in a dotfile would defeat
  SQLCipher), keyring's ``fail`` and ``null`` backends, and any unknown plugin or
  subclass, because we cannot know where it writes. A denylist would let the next
  plaintext plugin through; an allowlist fails closed.
* keyring's ``ChainerBackend`` reads from *every* member (a plaintext one included), so
  it is never used itself: its members are inspected and the highest-priority allowed
  one is used directly.

An allowed backend must also report a priority above zero (keyring's own "viable here"
signal; the Secret Service backend checks the bus). A stored value that is not base64
of exactly 32 bytes is treated as absent and deleted.
"""

from __future__ import annotations

import base64
import logging
from typing import Any, Protocol, cast

import keyring
from keyring.errors import PasswordDeleteError

KEY_LENGTH = 32

_log = logging.getLogger("carnet.keycache")

# Fully qualified class names, not isinstance(): a subclass may store differently.
SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
    }
)
_CHAINER = "keyring.backends.chainer.ChainerBackend"


class KeyringBackendLike(Protocol):
    """The part of ``keyring.backend.KeyringBackend`` this module uses."""

    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


def _qualified_name(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_secure(backend: object) -> bool:
    """True if ``backend`` is on the allowlist and says it is viable here (priority > 0)."""
    if _qualified_name(backend) not in SECURE_BACKENDS:
        return False
    try:
        backend_class: Any = type(backend)
        return bool(backend_class.priority > 0)  # a classproperty: may probe D-Bus, or raise
    except Exception as exc:  # noqa: BLE001 - an unusable backend raises RuntimeError, or worse
        _log.info("keyring backend not viable (%s)", type(exc).__name__)
        return False


def _secure_backend(candidate: object) -> KeyringBackendLike | None:
    """The backend to use for ``candidate`` (itself or a chainer's member), or None."""
    if _qualified_name(candidate) == _CHAINER:
        members: list[object] = list(getattr(candidate, "backends", []))
        chosen = next((m for m in members if _is_secure(m)), None)
        return cast(KeyringBackendLike | None, chosen)
    if _is_secure(candidate):
        return cast(KeyringBackendLike, candidate)
    return None


class KeyCache:
    """Caches 32-byte keys under ``(service, account)``; never raises for keyring trouble.

    ``account`` is an opaque practice or data-folder identifier, never patient data (it
    shows up as the item label in keyring managers). ``backend`` replaces keyring's
    detected default (tests); it goes through the same allowlist. The backend is
    resolved on first use and kept for the life of the instance.
    """

    def __init__(self, service: str = "carnet", backend: object | None = None) -> None:
        self._service = service
        self._candidate = backend
        self._resolved = False
        self._backend: KeyringBackendLike | None = None

    def available(self) -> bool:
        """True if a secure keyring is usable here (it may still be locked: see ``store``)."""
        return self._get_backend() is not None

    def load(self, account: str) -> bytes | None:
        """The remembered key, or None if absent, unreadable, locked or corrupt."""
        value = self._get(account)
        if value is None:
            return None
        key = _decode(value)
        if key is None:
            _log.warning("keyring held a corrupt key; forgetting it")
            self.forget(account)
        return key

    def store(self, account: str, key: bytes) -> bool:
        """Remember ``key``; True only if it was written and reads back identical.

        Raises ValueError for a key that is not 32 bytes (a caller bug, not keyring trouble).
        """
        _check_account(account)
        if not isinstance(key, bytes) or len(key) != KEY_LENGTH:
            raise ValueError(f"key must be {KEY_LENGTH} bytes")
        return self._put(account, base64.b64encode(key).decode("ascii"))

    def load_text(self, account: str) -> str | None:
        """A remembered text secret (a storage password), or None; never raises."""
        value = self._get(account)
        return value if isinstance(value, str) and value else None

    def _get(self, account: str) -> object | None:
        _check_account(account)
        backend = self._get_backend()
        if backend is None:
            return None
        try:
            return backend.get_password(self._service, account)
        except Exception as exc:  # noqa: BLE001 - a keyring may raise anything: never stop an unlock
            _warn("load", exc)
            return None

    def store_text(self, account: str, secret: str) -> bool:
        """Remember a text secret; True only if it was written and reads back identical."""
        _check_account(account)
        if not secret:
            raise ValueError("secret must not be empty")
        return self._put(account, secret)

    def _put(self, account: str, encoded: str) -> bool:
        backend = self._get_backend()
        if backend is None:
            return False
        try:
            backend.set_password(self._service, account, encoded)
            remembered = backend.get_password(self._service, account) == encoded
        except Exception as exc:  # noqa: BLE001 - a keyring may raise anything: never stop an unlock
            _warn("store", exc)
            return False
        if not remembered:
            _log.warning("keyring did not keep the key")
        return remembered

    def forget(self, account: str) -> None:
        """Delete the remembered key, if any. Absence is not an error."""
        _check_account(account)
        backend = self._get_backend()
        if backend is None:
            return
        try:
            backend.delete_password(self._service, account)
        except PasswordDeleteError:
            pass  # nothing was stored
        except Exception as exc:  # noqa: BLE001 - a keyring may raise anything: never stop an unlock
            _warn("forget", exc)

    def _get_backend(self) -> KeyringBackendLike | None:
        if not self._resolved:
            self._resolved = True
            try:
                candidate = self._candidate
                if candidate is None:
                    candidate = keyring.get_keyring()
                self._backend = _secure_backend(candidate)
            except Exception as exc:  # noqa: BLE001 - a keyring may raise anything: never stop an unlock
                _warn("detect", exc)
                self._backend = None
            if self._backend is None:
                _log.info("no secure keyring here; the key will not be remembered")
        return self._backend


def _check_account(account: str) -> None:
    if not isinstance(account, str) or not account:
        raise ValueError("account must be a non-empty string")


def _decode(value: object) -> bytes | None:
    if not isinstance(value, str):
        return None
    try:
        key = base64.b64decode(value.encode("ascii"), validate=True)
    except ValueError:  # binascii.Error and UnicodeEncodeError are both ValueErrors
        return None
    return key if len(key) == KEY_LENGTH else None


def _warn(operation: str, exc: Exception) -> None:
    # Class name only: messages can carry D-Bus paths, service names or worse.
    _log.warning("keyring %s failed: %s", operation, type(exc).__name__)
