"""Creating and opening a practice remote: secrets, missing targets, discovery."""

from __future__ import annotations

import pytest

from desktop.cli.output import exit_code
from sync.backends.memory import MemoryBackend
from sync.errors import (
    AmbiguousPracticeError,
    IntegrityError,
    NotAPracticeError,
    UnsupportedFormatError,
    WrongSecretError,
)
from sync.key_objects import change_passphrase, new_recovery_key
from sync.layout import format_name, new_practice_id
from sync.recovery_key import format_recovery_key, parse_recovery_key
from sync.remote import PracticeExistsError, create_practice_remote, open_practice_remote
from sync.segments import PracticeKeys
from tests.helpers.sync_engine import PASSPHRASE, PRACTICE_ID


def test_open_with_passphrase_and_with_recovery_key(backend: MemoryBackend) -> None:
    keys, recovery = create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    assert len(recovery.split("-")) == 14
    by_pass = open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)
    by_recovery = open_practice_remote(backend, PRACTICE_ID, recovery_key=recovery.lower())
    assert dict(by_pass.epochs) == dict(by_recovery.epochs) == dict(keys.epochs)
    assert "epochs=[1]" in repr(keys) and keys.key(1).hex() not in repr(keys)


def test_wrong_secrets_exit_3(backend: MemoryBackend) -> None:
    _, recovery = create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    with pytest.raises(WrongSecretError) as info:
        open_practice_remote(backend, PRACTICE_ID, passphrase="wrong")
    assert exit_code(info.value) == 3
    other = format_recovery_key(bytes(32))
    with pytest.raises(WrongSecretError):
        open_practice_remote(backend, PRACTICE_ID, recovery_key=other)
    typo = ("B" if recovery[0] != "B" else "C") + recovery[1:]
    with pytest.raises(WrongSecretError, match="mistyped"):
        open_practice_remote(backend, PRACTICE_ID, recovery_key=typo)


def test_recovery_key_text_round_trip_and_look_alikes() -> None:
    key = bytes(range(32))
    text = format_recovery_key(key)
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(" " + text.replace("-", " ").replace("O", "0").lower()) == key


@pytest.mark.parametrize("practice_id", [PRACTICE_ID, None])
def test_empty_target_is_an_error_never_an_empty_practice(
    backend: MemoryBackend, practice_id: str | None
) -> None:
    with pytest.raises(NotAPracticeError) as info:
        open_practice_remote(backend, practice_id, passphrase=PASSPHRASE)
    assert exit_code(info.value) == 4 and info.value.permanent


def test_missing_format_is_an_error_even_with_keys_present(backend: MemoryBackend) -> None:
    create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    backend.delete(format_name(PRACTICE_ID))
    with pytest.raises(NotAPracticeError):
        open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)


def test_forged_or_newer_format_is_refused(backend: MemoryBackend) -> None:
    create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    fmt = bytearray(backend.objects[format_name(PRACTICE_ID)])
    fmt[-1] ^= 1
    backend.objects[format_name(PRACTICE_ID)] = bytes(fmt)
    with pytest.raises(IntegrityError):
        open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)
    fmt[4] = 9  # version byte
    backend.objects[format_name(PRACTICE_ID)] = bytes(fmt)
    with pytest.raises(UnsupportedFormatError):
        open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)


def test_keys_of_another_practice_do_not_open_this_one(backend: MemoryBackend) -> None:
    other = new_practice_id()
    create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    create_practice_remote(backend, other, PASSPHRASE)
    prefix = f"{PRACTICE_ID}/keys/00000001/passphrase"
    backend.objects[prefix] = backend.objects[f"{other}/keys/00000001/passphrase"]
    with pytest.raises(WrongSecretError):
        open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)


def test_discovery_finds_the_one_practice_and_refuses_several(backend: MemoryBackend) -> None:
    create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    keys = open_practice_remote(backend, None, passphrase=PASSPHRASE)
    assert keys.practice_id == PRACTICE_ID
    second = new_practice_id()
    create_practice_remote(backend, second, PASSPHRASE)
    with pytest.raises(AmbiguousPracticeError) as info:
        open_practice_remote(backend, None, passphrase=PASSPHRASE)
    assert info.value.practice_ids == sorted([PRACTICE_ID, second])


def test_create_never_overwrites(backend: MemoryBackend) -> None:
    create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    before = dict(backend.objects)
    with pytest.raises(PracticeExistsError):
        create_practice_remote(backend, PRACTICE_ID, "another")
    assert backend.objects == before


def test_change_passphrase_keeps_recovery_key(backend: MemoryBackend, keys: PracticeKeys) -> None:
    recovery = new_recovery_key(backend, keys)
    change_passphrase(backend, keys, "new passphrase")
    with pytest.raises(WrongSecretError):
        open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)
    reopened = open_practice_remote(backend, PRACTICE_ID, passphrase="new passphrase")
    assert reopened.epochs == keys.epochs
    assert open_practice_remote(backend, PRACTICE_ID, recovery_key=recovery).epochs == keys.epochs


def test_names_are_opaque(backend: MemoryBackend) -> None:
    create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    for name in backend.objects:
        assert name.startswith(PRACTICE_ID + "/")
        assert PASSPHRASE.split()[0] not in name


def test_recovery_public_key_lets_a_key_holder_wrap_for_the_printed_kit(
    backend: MemoryBackend,
) -> None:
    from sync import crypto
    from sync.key_objects import recovery_public_key

    keys, recovery = create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    public = recovery_public_key(backend, keys)
    assert public == crypto.recipient_public_key(parse_recovery_key(recovery))
    # A future epoch key wrapped by a device that never saw the kit's secret:
    future = crypto.random_key()
    wrapped = crypto.wrap_for_recipient(future, public, "ctx")
    assert crypto.unwrap_as_recipient(wrapped, parse_recovery_key(recovery), "ctx") == future
    with pytest.raises(crypto.WrongSecretError):
        crypto.unwrap_as_recipient(wrapped, bytes(32), "ctx")
    with pytest.raises(crypto.WrongSecretError):
        crypto.unwrap_as_recipient(wrapped, parse_recovery_key(recovery), "other context")
    # The published public key is authenticated: a provider cannot substitute its own.
    name = f"{PRACTICE_ID}/keys/00000001/recovery-public"
    forged = bytearray(backend.objects[name])
    forged[-3] ^= 1
    backend.objects[name] = bytes(forged)
    with pytest.raises(IntegrityError):
        recovery_public_key(backend, keys)
