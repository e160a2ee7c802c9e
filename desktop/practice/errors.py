"""Errors the user can act on, by who is to blame (qutebrowser's KnownError idea).

Each carries one clear sentence; ``desktop.errors`` sorts them into kinds, which the
``carnet`` command turns into exit codes and the app into translated sentences. Messages
never contain patient data: they name files, folders, devices and sequence numbers,
never a name, a note or an identity number.
"""

from __future__ import annotations


class CarnetError(Exception):
    """A known failure with a message meant for the user."""


class UsageError(CarnetError):
    pass


class WrongPassphraseError(CarnetError):
    pass


class IntegrityFailureError(CarnetError):
    """Tampering or corruption detected: an audit chain, a database page, a segment."""


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
    pass


class DatabaseBugError(Exception):
    """SQLite refused an operation for a reason that is neither the disk's nor the
    person's (a syntax error, a constraint, a misuse): a bug in Carnet. Deliberately not
    a CarnetError, so it reaches the crash report instead of passing for a disk problem."""


class RoleError(CarnetError):
    """The logged-in person's role may not open or change this kind of record (a
    secretary and clinical content). The sentence names the role, never the record."""


class LoginRefusedError(WrongPassphraseError):
    """A known login that may no longer open the practice: deactivated, or a locum
    whose end date has passed."""
