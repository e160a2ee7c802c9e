"""Errors the user can act on, by who is to blame (qutebrowser's KnownError idea).

Each carries an exit code for the ``carnet`` command and one clear sentence. Messages
never contain patient data: they name files, folders, devices and sequence numbers,
never a name, a note or an identity number.
"""

from __future__ import annotations


class CarnetError(Exception):
    """A known failure with a message meant for the user."""

    exit_code = 1


class UsageError(CarnetError):
    exit_code = 2


class WrongPassphraseError(CarnetError):
    exit_code = 3


class UnreachableError(CarnetError):
    exit_code = 4


class IntegrityFailureError(CarnetError):
    """Tampering or corruption detected: an audit chain, a database page, a segment."""

    exit_code = 5


class NotAPracticeError(CarnetError):
    pass


class CorruptDatabaseError(IntegrityFailureError):
    pass


class NewerSchemaError(CarnetError):
    pass


class StorageError(CarnetError):
    """The disk refused: full, read-only, or an I/O error. Nothing committed is lost."""


class NotFoundError(CarnetError):
    pass


class InvalidInputError(CarnetError):
    exit_code = 2
