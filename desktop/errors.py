"""One error vocabulary for the CLI and the app (qutebrowser's split): a known error --
the user's, the environment's, the storage's -- is sorted into one :class:`Kind` with an
English sentence that says what to do; anything else is a bug: no sentence, a crash
report (frames and exception type, never values) in the log, and "report it".

The store (``desktop.practice.errors``) and the engine (``sync.errors``) raise their own
classes; this module is the only one that knows both. The CLI adds exit codes
(``desktop.cli.output``), the app translates the kind (``desktop.app.errors``).
"""

from __future__ import annotations

import enum
import traceback
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.practice import errors as store
from sync import crypto
from sync import errors as engine
from sync.backends.base import BackendError


class Kind(enum.Enum):
    """Who is to blame and what the person can do."""

    USAGE = "usage"  # a bad argument, a bad value typed
    WRONG_SECRET = "wrong secret"  # passphrase, recovery key, enrollment code; revoked
    CREDENTIALS_REFUSED = "credentials refused"  # the storage said no to the login
    UNREACHABLE = "unreachable"  # network, server down: retry later
    STORAGE_REFUSED = "storage refused"  # full, over quota, read-only, no permission
    NO_PRACTICE_THERE = "no practice there"  # the storage holds no Carnet practice
    INTEGRITY = "integrity"  # tampering or damage, remote or local
    DISK = "disk"  # this computer's disk: full, read-only, cannot open, in use
    CANCELLED = "cancelled"
    ROLE_REFUSED = "role refused"  # the logged-in person's role may not (docs/roles.md)
    OTHER = "other"  # a known error whose message is the whole story


@dataclass(frozen=True)
class Known:
    """A known error: its kind, the error as classified (a storage's error translated
    into the engine's) and the English sentence with the action to take."""

    kind: Kind
    error: BaseException
    sentence: str


_STORE_KINDS: tuple[tuple[type[store.CarnetError], Kind], ...] = (
    (store.RoleError, Kind.ROLE_REFUSED),
    (store.UsageError, Kind.USAGE),
    (store.InvalidInputError, Kind.USAGE),
    (store.WrongPassphraseError, Kind.WRONG_SECRET),
    (store.IntegrityFailureError, Kind.INTEGRITY),
    (store.StorageError, Kind.DISK),
)
_ENGINE_KINDS: tuple[tuple[type[BaseException], Kind], ...] = (
    (engine.CredentialsRefusedError, Kind.CREDENTIALS_REFUSED),
    (engine.RemoteUnavailableError, Kind.UNREACHABLE),
    (engine.StorageRefusedError, Kind.STORAGE_REFUSED),
    (engine.NotAPracticeError, Kind.NO_PRACTICE_THERE),
    (engine.CancelledError, Kind.CANCELLED),
    (crypto.WrongSecretError, Kind.WRONG_SECRET),
    (crypto.IntegrityError, Kind.INTEGRITY),
)
_ADVICE = {
    Kind.WRONG_SECRET: "check the passphrase or the recovery key",
    Kind.CREDENTIALS_REFUSED: (
        "check the login and password (or the access keys) for this storage, then retry"
    ),
    Kind.UNREACHABLE: "check the address, the network and the credentials, then retry",
    Kind.STORAGE_REFUSED: "check the address, the network and the credentials, then retry",
    Kind.NO_PRACTICE_THERE: "check the address, the network and the credentials, then retry",
    Kind.INTEGRITY: (
        "nothing from it was applied. Run 'carnet check' and keep this device's data: "
        "it is intact"
    ),
}


def known(exc: BaseException) -> Known | None:
    """The kind and sentence of a known error; None for a bug (see :func:`crash_report`)."""
    if isinstance(exc, store.CarnetError):
        kind = next((k for cls, k in _STORE_KINDS if isinstance(exc, cls)), Kind.OTHER)
        return Known(kind, exc, str(exc))
    if isinstance(exc, BackendError):
        exc = engine.from_backend(exc)
    if not isinstance(exc, engine.SyncError | crypto.WrongSecretError | crypto.IntegrityError):
        return None
    kind = next((k for cls, k in _ENGINE_KINDS if isinstance(exc, cls)), Kind.OTHER)
    return Known(kind, exc, _sentence(exc, kind))


def _sentence(exc: BaseException, kind: Kind) -> str:
    """An engine error as one sentence with the action to take."""
    text = str(exc).rstrip(".")
    if getattr(exc, "advice_included", False) or kind not in _ADVICE:
        return text
    return f"{text}; {_ADVICE[kind]}"


def bug_sentence(exc: BaseException, log: Path | None) -> str:
    """What a bug tells the person: it is Carnet's fault, nothing saved is lost, report it."""
    where = f"; details (no patient data) are in {log}" if log else ""
    return (
        f"unexpected internal error ({type(exc).__name__}): this is a bug in Carnet{where}. "
        "Nothing saved was lost; please report it."
    )


def crash_report(exc: BaseException) -> Path | None:
    """Append the traceback (frames and exception type, never values: no patient data)
    to the crash log for a bug report; its path, or None if it cannot be written."""
    try:
        folder = Path(platformdirs.user_log_dir("Carnet", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        frames = "".join(traceback.format_tb(exc.__traceback__))
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {type(exc).__module__}.{type(exc).__qualname__}\n{frames}\n")
        return path
    except OSError:
        return None
