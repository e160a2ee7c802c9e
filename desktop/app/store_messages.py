# ruff: noqa: E501 - one sentence per line: lupdate reads each literal whole
"""The store's error sentences (English, for the CLI and the logs) as the app shows them:
translated, in words a GP acts on. Each entry pairs a store message, its holes as {}, with
the sentence to show; a test checks that every message the store can raise has one.

Kept here, not in the store, so that ``desktop/practice`` stays free of Qt and the CLI keeps
its sentences; the pattern is matched on ``str(exc)``."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop.app.field_labels import field_label
from desktop.app.i18n import QT_TRANSLATE_NOOP

Shown = str | Callable[[list[str]], str]


def _t(text: str) -> str:
    return QCoreApplication.translate("store", text)


EXPECTED = {
    "date": QT_TRANSLATE_NOOP("store", "a date such as 22/06/1941"),
    "pdate": QT_TRANSLATE_NOOP("store", "a date, a month or a year: 22/06/1941, 06/1941 or 1941"),
    "datetime": QT_TRANSLATE_NOOP("store", "a date and a time"),
    "int": QT_TRANSLATE_NOOP("store", "a whole number"),
    "real": QT_TRANSLATE_NOOP("store", "a number such as 38,5"),
    "bool": QT_TRANSLATE_NOOP("store", "yes or no"),
    "text": QT_TRANSLATE_NOOP("store", "a text"),
    "json": QT_TRANSLATE_NOOP("store", "a list"),
}


def _bad_value(holes: list[str]) -> str:
    field, entity, kind = holes[0], holes[1], holes[2]
    expected = _t(EXPECTED[kind]) if kind in EXPECTED else kind
    return QCoreApplication.translate("store", "{0}: this value is not valid; type {1}.").format(
        field_label(entity, field), expected
    )


def _unknown_field(holes: list[str]) -> str:
    return QCoreApplication.translate(
        "store", "This version of Carnet does not know the field “{0}”."
    ).format(holes[1])


ROLE_LABELS = {
    "doctor": QT_TRANSLATE_NOOP("store", "doctor"),
    "locum": QT_TRANSLATE_NOOP("store", "locum"),
    "secretary": QT_TRANSLATE_NOOP("store", "secretary"),
}


def role_label(role: str) -> str:
    return _t(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def _role_refusal(holes: list[str]) -> str:
    return QCoreApplication.translate(
        "store",
        "Your role ({0}) does not open clinical content. Log in as a doctor or a locum for that.",
    ).format(role_label(holes[0]))


CATALOGUE: tuple[tuple[str, Shown], ...] = (
    # input
    ("field '{}' of {} expects a {} value{}{}", _bad_value),
    ("{} has no field '{}'; known fields: {}", _unknown_field),
    ("sex must be F, M or U", QT_TRANSLATE_NOOP("store", "Choose the sex: female, male or unknown.")),
    ("the family name must not be empty", QT_TRANSLATE_NOOP("store", "Type the family name.")),
    (
        "the key of the NIR does not match its first 13 digits",
        QT_TRANSLATE_NOOP("store", "Social security number: the key (last 2 digits) does not match the first 13 digits; check the number on the carte Vitale."),
    ),
    (
        "a NIR is 13 digits and a 2-digit key (1 or 2, year, month, place, order, key)",
        QT_TRANSLATE_NOOP("store", "Social security number: type the 13 digits and the 2-digit key, as on the carte Vitale (for example 2 85 03 75 108 123 95)."),
    ),
    (
        "an enrollment code is valid at most {} hours ({} minutes): it hands over every key of the practice",
        QT_TRANSLATE_NOOP("store", "An enrollment code is valid for 24 hours at most."),
    ),
    (
        "the practice database in {} is empty (0 bytes): it was truncated or replaced. {}",
        QT_TRANSLATE_NOOP("store", "The practice's database in {0} is empty: it was truncated or replaced. Restore the practice from its sync storage into a new folder."),
    ),
    (
        "the practice name and the user name must not be empty",
        QT_TRANSLATE_NOOP("store", "Type the practice's name and the doctor's login."),
    ),
    (
        "the passphrase must have at least 8 characters",
        QT_TRANSLATE_NOOP("store", "The passphrase must have at least 8 characters."),
    ),
    (
        "{} rows are versions and never change; write a new version instead",
        QT_TRANSLATE_NOOP("store", "A signed entry is never changed: amend it (a new version)."),
    ),
    ("keep must be 'local' or 'remote'", QT_TRANSLATE_NOOP("store", "Choose which value to keep.")),
    (
        "an enrollment code must be valid at least a minute",
        QT_TRANSLATE_NOOP("store", "An enrollment code must be valid for at least a minute."),
    ),
    # folders and files
    (
        "{} already holds a practice",
        QT_TRANSLATE_NOOP("store", "The folder {0} already holds a practice."),
    ),
    (
        "{} already holds a practice; choose an empty folder",
        QT_TRANSLATE_NOOP("store", "The folder {0} already holds a practice; choose an empty one."),
    ),
    (
        "{} is not empty; restore into an empty folder",
        QT_TRANSLATE_NOOP("store", "The folder {0} is not empty; restore into an empty folder."),
    ),
    (
        "cannot create {} ({})",
        QT_TRANSLATE_NOOP("store", "The folder {0} cannot be created ({1}): check the disk and the permissions."),
    ),
    (
        "{} has no practice database",
        QT_TRANSLATE_NOOP("store", "The folder {0} holds no practice database."),
    ),
    (
        "{} is not a Carnet practice folder (no {}); create one with 'carnet init' or choose "
        "the right folder with --data-dir",
        QT_TRANSLATE_NOOP("store", "The folder {0} is not a Carnet practice: create a practice, or choose the right folder."),
    ),
    (
        "{} has a key file but no {}; restore the practice with 'carnet restore'",
        QT_TRANSLATE_NOOP("store", "The practice database is missing from {0}: restore the practice from its sync storage."),
    ),
    (
        "the key file {} is damaged; restore the practice from your sync remote or recovery kit",
        QT_TRANSLATE_NOOP("store", "The key file {0} is damaged: restore the practice from its sync storage or with the recovery kit."),
    ),
    (
        "the key file {} is damaged",
        QT_TRANSLATE_NOOP("store", "The key file {0} is damaged: restore the practice from its sync storage or with the recovery kit."),
    ),
    (
        "cannot write the key file in {} ({}); check free space and permissions",
        QT_TRANSLATE_NOOP("store", "The key file cannot be written in {0} ({1}): check the free space and the permissions."),
    ),
    (
        "SQLCipher {} or newer is required (found {}); reinstall Carnet's dependencies",
        QT_TRANSLATE_NOOP("store", "This installation of Carnet is incomplete (SQLCipher {0} or newer is needed): reinstall Carnet."),
    ),
    (
        "the practice in {} was written by a newer Carnet (schema {}, this one knows {}); "
        "install the newer version",
        QT_TRANSLATE_NOOP("store", "The practice in {0} was written by a newer Carnet: install the newer version on this computer."),
    ),
    (
        "the restore into {} did not finish; run the same 'carnet restore' (or 'carnet join') "
        "command again to continue where it stopped",
        QT_TRANSLATE_NOOP("store", "The restore into {0} did not finish: start it again, it continues where it stopped."),
    ),
    (
        "this computer is still receiving the practice's history from its restore; wait until it is complete, then try again",
        QT_TRANSLATE_NOOP("store", "This computer is still receiving the practice's history from its restore (see the band above the charts): try again once it is complete."),
    ),
    # passphrases
    (
        "wrong passphrase{}; check the keyboard layout and Caps Lock, or restore with the "
        "recovery kit",
        QT_TRANSLATE_NOOP("store", "Wrong passphrase. Check Caps Lock and the keyboard layout, then try again."),
    ),
    (
        "a passphrase is needed to unlock the practice",
        QT_TRANSLATE_NOOP("store", "Type the passphrase to unlock the practice."),
    ),
    # records
    (
        "no {} with id {}",
        QT_TRANSLATE_NOOP("store", "This record is not on this computer (it may have been deleted on another one); reopen the chart."),
    ),
    ("no patient with id {}", QT_TRANSLATE_NOOP("store", "This patient is not on this computer (the chart may have been deleted); search again.")),
    ("no document with id {}", QT_TRANSLATE_NOOP("store", "This document is not on this computer; reopen the chart.")),
    ("no open conflict with id {}", QT_TRANSLATE_NOOP("store", "This conflict was already settled.")),
    (
        "this document's content is not on this computer yet; sync to fetch it",
        QT_TRANSLATE_NOOP("store", "This document's content is not on this computer yet: sync to fetch it."),
    ),
    (
        "document {} failed its integrity check",
        QT_TRANSLATE_NOOP("store", "This document is damaged on this computer: sync again, or restore the practice."),
    ),
    (
        "attachment {} is not in the local store",
        QT_TRANSLATE_NOOP("store", "An attached file is not on this computer yet: sync to fetch it."),
    ),
    # sync
    (
        "a synced audit entry is malformed; update Carnet on this computer",
        QT_TRANSLATE_NOOP("store", "Another computer runs a newer Carnet: update Carnet on this computer, then sync again."),
    ),
    (
        "a synced change names an unknown kind of record ({}); update Carnet on this computer",
        QT_TRANSLATE_NOOP("store", "Another computer runs a newer Carnet: update Carnet on this computer, then sync again."),
    ),
    (
        "another device runs a newer Carnet ({} has fields this one does not know); update "
        "Carnet on this computer, then sync again",
        QT_TRANSLATE_NOOP("store", "Another computer runs a newer Carnet: update Carnet on this computer, then sync again."),
    ),
    (
        "no sync remote is configured; run 'carnet remote set URL' first",
        QT_TRANSLATE_NOOP("store", "Sync is not set up: open Practice > Sync settings."),
    ),
    (
        "a device cannot revoke itself; revoke it from another one",
        QT_TRANSLATE_NOOP("store", "A computer cannot revoke itself: revoke it from another one."),
    ),
    ("device {} is already revoked", QT_TRANSLATE_NOOP("store", "This computer is already revoked.")),
    (
        "no device {} in this practice (see 'carnet device list')",
        QT_TRANSLATE_NOOP("store", "This computer is not one of the practice's."),
    ),
    (
        "this practice already has a remote key history",
        QT_TRANSLATE_NOOP("store", "This practice already uses other sync storage."),
    ),
    (
        "the remote's practice key differs from this practice's; check the address",
        QT_TRANSLATE_NOOP("store", "This sync storage holds another practice: check the address."),
    ),
    ("restore paused after the snapshot", QT_TRANSLATE_NOOP("store", "The restore is paused; start it again to continue.")),
    # prescriptions, the practice's details, the drug list, letters
    ("each line names a drug", QT_TRANSLATE_NOOP("store", "Each line names a drug.")),
    ("renewals go from 0 to {}", QT_TRANSLATE_NOOP("store", "Renewals go from 0 to {0}.")),
    ("renewals must be a whole number", QT_TRANSLATE_NOOP("store", "Renewals are a whole number.")),
    ("the non-substitution reason is MTE, EFG or CIF", QT_TRANSLATE_NOOP("store", "Non-substitutable: choose the reason, MTE, EFG or CIF.")),
    ("prescribing despite an allergy needs a reason", QT_TRANSLATE_NOOP("store", "Give the reason to prescribe despite the allergy.")),
    ("a prescription has at least one line", QT_TRANSLATE_NOOP("store", "Add at least one drug.")),
    ("line {} matches the recorded allergy '{}' ({}); give a reason to prescribe it anyway", QT_TRANSLATE_NOOP("store", "Line {0} matches the recorded allergy “{1}” ({2}): give a reason to prescribe it anyway.")),
    ("the weight is out of range", QT_TRANSLATE_NOOP("store", "Check the weight: it is out of range.")),
    ("the height is out of range", QT_TRANSLATE_NOOP("store", "Check the height: it is out of range.")),
    ("prescription {} has no content on this computer", QT_TRANSLATE_NOOP("store", "This prescription's content is not on this computer yet; sync to fetch it.")),
    ("a template has a name and at least one line", QT_TRANSLATE_NOOP("store", "A template needs a name and at least one line.")),
    ("the RPPS number has 11 digits", QT_TRANSLATE_NOOP("store", "The RPPS number has 11 digits.")),
    ("the phone number may hold only digits, spaces, + . - ( )", QT_TRANSLATE_NOOP("store", "The phone number may hold only digits, spaces and + . - ( ).")),
    ("the email address looks wrong (name@domain.fr)", QT_TRANSLATE_NOOP("store", "The email address looks wrong (name@domain.fr).")),
    ("the postal code looks wrong (5 digits in France)", QT_TRANSLATE_NOOP("store", "The postal code looks wrong (5 digits in France).")),
    ("the FINESS number has 9 characters", QT_TRANSLATE_NOOP("store", "The FINESS number has 9 characters.")),
    ("the practice name must not be empty", QT_TRANSLATE_NOOP("store", "The practice needs a name.")),
    ("a locum cannot replace themselves", QT_TRANSLATE_NOOP("store", "A locum cannot replace themselves: choose the doctor they replace.")),
    ("no user with login '{}' (users: {})", QT_TRANSLATE_NOOP("store", "There is no user with the login “{0}” (users: {1}).")),
    ("{} has no such field", QT_TRANSLATE_NOOP("store", "This version of Carnet does not know that field.")),
    ("{} is not a folder", QT_TRANSLATE_NOOP("store", "{0} is not a folder.")),
    ("{} lacks {}; download the BDPM files from base-donnees-publique.medicaments.gouv.fr into one folder", QT_TRANSLATE_NOOP("store", "{0} lacks {1}: download the drug database files (base-donnees-publique.medicaments.gouv.fr) into one folder.")),
    ("{}, line {}: expected {} tab-separated columns starting with an 8-digit CIS code; is this the file downloaded from base-donnees-publique.medicaments.gouv.fr?", QT_TRANSLATE_NOOP("store", "{0}, line {1}: this is not a file of the drug database as published (base-donnees-publique.medicaments.gouv.fr).")),
    ("cannot read {} ({})", QT_TRANSLATE_NOOP("store", "Cannot read {0} ({1}).")),
    ("{}, line {}: expected CODE<TAB>label", QT_TRANSLATE_NOOP("store", "{0}, line {1}: each line of the CIM-10 table is a code, a tab, then its label.")),
    ("no marketed product with an active substance in {}; nothing was imported", QT_TRANSLATE_NOOP("store", "No marketed drug was found in {0}; nothing was imported.")),
    ("cannot write in {} ({})", QT_TRANSLATE_NOOP("store", "Cannot write in {0} ({1}).")),
    ("cannot write the drug index in {}", QT_TRANSLATE_NOOP("store", "Cannot write the drug list in {0}.")),
    ("cannot write {} ({})", QT_TRANSLATE_NOOP("store", "Cannot write {0} ({1}).")),
    ("no letter template named '{}' (templates: {})", QT_TRANSLATE_NOOP("store", "There is no template named “{0}”.")),
    ("a template has a name and a text", QT_TRANSLATE_NOOP("store", "A template needs a name and a text.")),
    ("a template is a letter or a certificate", QT_TRANSLATE_NOOP("store", "A template is a letter or a certificate.")),
    ("the letter is empty", QT_TRANSLATE_NOOP("store", "The letter is empty.")),
    # people and roles (desktop/practice/people.py, roles.py, keyfile.py)
    ("the {} role cannot open or change clinical content (problems, allergies, treatments, consultations and notes, prescriptions, documents, results, vaccinations, note search); log in as a doctor or locum for that", _role_refusal),
    ("the login '{}' was deactivated on this computer (the person left the practice); ask a doctor of the practice if this is a mistake", QT_TRANSLATE_NOOP("store", "The login “{0}” was deactivated: this person left the practice. Ask a doctor of the practice if this is a mistake.")),
    ("the login '{}' was deactivated (the person left the practice); ask a doctor of the practice if this is a mistake", QT_TRANSLATE_NOOP("store", "The login “{0}” was deactivated: this person left the practice. Ask a doctor of the practice if this is a mistake.")),
    ("the locum account '{}' ended on {}; a doctor of the practice can extend it ('carnet user set-until')", QT_TRANSLATE_NOOP("store", "The locum account “{0}” ended on {1}. A doctor of the practice can extend it (Practice > Users…).")),
    ("the {} role cannot manage the practice's users; log in as a doctor", QT_TRANSLATE_NOOP("store", "Only a doctor manages the practice's users.")),
    ("the {} role cannot read the access log; log in as a doctor or locum for that", QT_TRANSLATE_NOOP("store", "Only a doctor or a locum reads the access log.")),
    ("the login and the display name must not be empty", QT_TRANSLATE_NOOP("store", "Type the login and the name shown.")),
    ("the role must be one of {}", QT_TRANSLATE_NOOP("store", "Choose a role: doctor, locum or secretary.")),
    ("only a locum's account has an end date (--until)", QT_TRANSLATE_NOOP("store", "Only a locum's account has an end date.")),
    ("a locum's account needs its last day (--until YYYY-MM-DD)", QT_TRANSLATE_NOOP("store", "Give the locum's last day.")),
    ("the login '{}' exists already (one identity per person); give it a login on this computer with 'carnet user grant {}'", QT_TRANSLATE_NOOP("store", "The login “{0}” exists already: one identity per person.")),
    ("the login '{}' was deactivated", QT_TRANSLATE_NOOP("store", "The login “{0}” was deactivated.")),
    ("'{}' is not a locum: no end date to set", QT_TRANSLATE_NOOP("store", "“{0}” is not a locum: their account has no end date.")),
    ("you cannot deactivate your own login", QT_TRANSLATE_NOOP("store", "You cannot deactivate your own login.")),
    ("'{}' is not a date; write the locum's last day as YYYY-MM-DD", QT_TRANSLATE_NOOP("store", "“{0}” is not a date.")),
    ("there is no login '{}' here", QT_TRANSLATE_NOOP("store", "There is no login “{0}” on this computer.")),
)  # fmt: skip


def _pattern(template: str) -> re.Pattern[str]:
    parts = template.split("{}")
    return re.compile("^" + "(.*?)".join(re.escape(p) for p in parts) + "$", re.DOTALL)


_COMPILED = [(_pattern(t), shown) for t, shown in CATALOGUE]


def store_message(text: str) -> str | None:
    """The translated sentence for a store message, or None if it is not in the catalogue.
    The most specific entry (the longest fixed text) wins."""
    best: tuple[int, Shown, list[str]] | None = None
    for (template, _), (pattern, shown) in zip(CATALOGUE, _COMPILED, strict=True):
        match = pattern.match(text)
        if match is None:
            continue
        fixed = len(template.replace("{}", ""))
        if best is None or fixed > best[0]:
            best = (fixed, shown, list(match.groups()))
    if best is None:
        return None
    _, shown, holes = best
    if callable(shown):
        return shown(holes)
    return _t(shown).format(*holes)
