"""Known errors as translated sentences with the action to take (qutebrowser's split):
the user's or the environment's problems become a message; bugs reach the crash dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.practice import errors
from sync.backends.base import BackendError
from sync.errors import SyncError, exit_code, from_backend


def message_for(exc: BaseException) -> str | None:
    """A sentence for a known error, or None for a bug."""
    if isinstance(exc, errors.WrongPassphraseError):
        return QCoreApplication.translate(
            "errors", "Wrong passphrase. Check Caps Lock and the keyboard layout, then try again."
        )
    if isinstance(exc, errors.CarnetError):
        return str(exc)[:1].upper() + str(exc)[1:] + "."
    if isinstance(exc, BackendError):
        exc = from_backend(exc)
    if isinstance(exc, SyncError):
        code = exit_code(exc)
        if code == 3:
            return QCoreApplication.translate(
                "errors", "The passphrase or recovery key does not open this practice."
            )
        if code == 4:
            return QCoreApplication.translate(
                "errors",
                "The sync storage cannot be reached. Your work is saved on this computer; "
                "check the network or the credentials, then sync again.",
            )
        if code == 5:
            return QCoreApplication.translate(
                "errors",
                "The sync storage holds damaged or forged data; nothing from it was applied. "
                "Run a remote check and contact your support.",
            )
        return str(exc)
    return None
