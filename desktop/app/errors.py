"""Known errors as translated sentences with the action to take (qutebrowser's split):
the user's or the environment's problems become a message; bugs reach the crash dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.app.store_messages import store_message
from desktop.errors import Kind, known
from desktop.practice.errors import (
    CarnetError,
    LoginRefusedError,
    RoleError,
    WrongPassphraseError,
)
from desktop.remote import EnrollmentCodeError


class CredentialsNotKeptError(Exception):
    """Typed storage credentials could not be kept in a secure keyring (there is none),
    and the environment does not give them: the background sync could not use them."""


class FolderNotEmptyError(Exception):
    """A restore or join was asked into a folder that already holds other files."""

    def __init__(self, folder: Path) -> None:
        super().__init__("the folder is not empty")
        self.folder = folder


def message_for(exc: BaseException) -> str | None:
    """A translated sentence for a known error (``desktop.errors`` sorts it), or None for
    a bug (the crash dialog)."""
    if isinstance(exc, FolderNotEmptyError):
        return QCoreApplication.translate(
            "errors",
            "The folder {0} already holds files: Carnet restores a practice only into an "
            "empty folder. Move those files away, or start Carnet with another data folder.",
        ).format(exc.folder)
    if isinstance(exc, CredentialsNotKeptError):
        return QCoreApplication.translate(
            "errors",
            "This computer has no secure keyring to keep the storage credentials, so the "
            "background sync could not use them. Open a desktop session with a keyring, "
            "or give them to Carnet in its environment (CARNET_REMOTE_PASSWORD, or "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).",
        )
    found = known(exc)
    if found is None:
        return None
    if isinstance(found.error, LoginRefusedError | RoleError) or (
        isinstance(found.error, WrongPassphraseError)
        and found.sentence.startswith("there is no login")
    ):  # a sentence of its own: a departure, an ended locum, a role's refusal
        return store_message(found.sentence) or found.sentence
    if isinstance(found.error, WrongPassphraseError):
        return QCoreApplication.translate(
            "errors", "Wrong passphrase. Check Caps Lock and the keyboard layout, then try again."
        )
    if isinstance(found.error, CarnetError):
        shown = store_message(found.sentence)  # translated; the English one stays for the CLI
        return shown or found.sentence[:1].upper() + found.sentence[1:] + "."
    if isinstance(found.error, EnrollmentCodeError):
        return QCoreApplication.translate(
            "errors",
            "This enrollment code is wrong, expired or already used. On an enrolled "
            "computer, make a new one ('carnet device enroll') and type it within its "
            "validity.",
        )
    return _engine_message(found.kind, found.error)


def _engine_message(kind: Kind, exc: BaseException) -> str | None:
    """The sentence for one of the engine's kinds (its own message when it has no kind)."""
    if kind is Kind.CANCELLED:
        return QCoreApplication.translate("errors", "Cancelled.")
    if kind is Kind.WRONG_SECRET:
        return QCoreApplication.translate(
            "errors", "The passphrase or recovery key does not open this practice."
        )
    if kind is Kind.NO_PRACTICE_THERE:
        return QCoreApplication.translate(
            "errors",
            "There is no Carnet practice at this address (or the place does not exist). "
            "Check the address.",
        )
    if kind is Kind.CREDENTIALS_REFUSED:
        return QCoreApplication.translate(
            "errors",
            "The sync storage refused the login and password (or the access keys). Your "
            "work is saved on this computer; check them in Practice > Sync settings, then "
            "sync again.",
        )
    if kind in (Kind.UNREACHABLE, Kind.STORAGE_REFUSED):
        return QCoreApplication.translate(
            "errors",
            "The sync storage cannot be reached. Your work is saved on this computer; "
            "check the network or the credentials, then sync again.",
        )
    if kind is Kind.INTEGRITY:
        return QCoreApplication.translate(
            "errors",
            "The sync storage holds damaged or forged data; nothing from it was applied. "
            "Run a remote check and contact your support.",
        )
    return str(exc)
