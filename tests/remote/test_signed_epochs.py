"""The practice's signing key (sync.signing), as users see it: a genuine revocation is
signed and adopted, a forger's own signing key is not believed by devices that pinned
the genuine one, a practice made before signing keys stays readable and gets one at its
first passphrase-holding operation, and a passphrase change or a new kit re-wraps it."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from desktop.practice.meta import MetaKey
from desktop.practice.store import Practice
from desktop.remote import SyncService, connect, join
from desktop.remote.keyring import StoreKeyRing
from sync import crypto
from sync.backends.base import Backend, NotFoundError
from sync.devices import epoch_marker_name
from sync.key_objects import new_recovery_key
from sync.layout import key_name
from sync.recovery_key import parse_recovery_key
from sync.segments import PracticeKeys, seal_object
from sync.signing import (
    MAGIC_SIGNING_PUBLIC,
    PURPOSE_SIGNING_PUBLIC,
    SigningPin,
    open_signing_key,
    sign_epoch,
    signature_name,
    signing_name,
)
from tests.helpers.practice import PASSPHRASE
from tests.helpers.revocation import LOCUM, enroll_locum, forge_epoch_2, make_practice, run


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    return make_practice(tmp_path, monkeypatch)


def pin_of(folder: Path, passphrase: str = PASSPHRASE) -> SigningPin | None:
    with Practice.open(folder, passphrase=passphrase) as p:
        return StoreKeyRing(p).signing_pin()


def test_a_genuine_revocation_is_signed_and_every_device_adopts_it(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, _ = practice
    join(tmp_path / "desk", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    locum = enroll_locum(tmp_path, office, url)
    genuine = pin_of(office)
    assert genuine is not None and genuine.from_epoch == 2
    # Pinned at set-up, at a passphrase join (from the seed), at a code join (handed over).
    assert pin_of(tmp_path / "desk") == genuine and pin_of(locum, LOCUM) == genuine
    with Practice.open(locum, passphrase=LOCUM) as lo:
        gone, pid = lo.device_id, lo.practice_id
    assert run(capsys, office, "device", "revoke", gone)[0] == 0
    assert connect(url).get(signature_name(pid, 2))
    assert run(capsys, tmp_path / "desk", "sync")[0] == 0
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        assert desk.practice_keys.current == 2
    code, out = run(capsys, tmp_path / "new", "join", "--from", url)
    assert code == 0, out
    code, out = run(capsys, office, "check", "--read-data")
    assert code == 0, out


def _publish_own_signing_key(backend: Backend, locum: Path) -> bytes:
    """The locum seals a signing key of its own under epoch 1 (it holds that key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    seed = crypto.random_key()
    public = (
        Ed25519PrivateKey.from_private_bytes(seed)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    with Practice.open(locum, passphrase=LOCUM) as lo:
        keys = lo.practice_keys
    at_first = PracticeKeys(keys.practice_id, keys.epochs, 1)
    body = json.dumps({"from_epoch": 2, "public_key": public.hex()}).encode()
    backend.put(
        signing_name(keys.practice_id, "public"),
        seal_object(
            at_first, MAGIC_SIGNING_PUBLIC, PURPOSE_SIGNING_PUBLIC, [keys.practice_id], body
        ),
    )
    return seed


def test_a_forger_signing_with_its_own_key_is_not_believed(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """The locum also replaces the published signing key by its own and signs its
    forged epoch with it: devices that pinned the genuine key refuse it, and so does a
    new device joining with the passphrase (it opens the genuine key with it)."""
    office, url, _ = practice
    join(tmp_path / "desk", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        desk_id = desk.device_id
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        office_id, pid = p.device_id, p.practice_id
    backend = connect(url)
    seed = _publish_own_signing_key(backend, locum)
    forge_epoch_2(backend, locum, office_id, desk_id)
    marker = backend.get(epoch_marker_name(pid, 2))
    forged_key = _forged_key(backend, tmp_path / "desk", pid)  # the locum made it
    sign_epoch(backend, seed, pid, 2, forged_key, marker)

    code, out = run(capsys, tmp_path / "desk", "sync")
    assert code == 5 and "not signed" in out, out
    code, out = run(capsys, office, "sync")
    assert code == 5 and "not signed" in out, out
    code, out = run(capsys, tmp_path / "new", "join", "--from", url)
    assert code == 5 and "forged" in out, out
    kit = _file(tmp_path, "kit.txt", practice[2])
    code, out = run(
        capsys,
        tmp_path / "kit-restore",
        "restore",
        "--from",
        url,
        "--recovery-key-file",
        str(kit),
        "--new-passphrase-file",
        str(kit),
    )
    assert code == 5 and "forged" in out, out


def _forged_key(backend: Backend, desk: Path, pid: str) -> bytes:
    """Epoch 2's key as the desk would open it (its device wrap)."""
    with Practice.open(desk, passphrase=PASSPHRASE) as p:
        private = bytes.fromhex(p.meta_value(MetaKey.DEVICE_KEY))
        device = p.device_id
    wrapped = json.loads(backend.get(key_name(pid, 2, f"device-{device}")))
    return crypto.unwrap_as_recipient(
        wrapped, private, f"carnet/practice-key/v1/{pid}/2/device/{device}"
    )


def _as_before_signing_keys(backend: Backend, pid: str, *folders: tuple[Path, str]) -> None:
    """A practice made before signing keys: no signing objects, no pins."""
    for kind in ("passphrase", "recovery", "public"):
        with contextlib.suppress(NotFoundError):
            backend.delete(signing_name(pid, kind))
    for folder, passphrase in folders:
        with Practice.open(folder, passphrase=passphrase) as p, p.transaction():
            p.session.execute("DELETE FROM meta WHERE key = ?", (MetaKey.SIGNING_PIN,))


def test_an_older_practice_stays_readable_and_gets_its_key_at_the_first_revocation(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, _ = practice
    join(tmp_path / "desk", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(locum, passphrase=LOCUM) as lo:
        gone, pid = lo.device_id, lo.practice_id
    backend = connect(url)
    _as_before_signing_keys(backend, pid, (office, PASSPHRASE), (tmp_path / "desk", PASSPHRASE))
    # An epoch made before signing keys (unsigned) stays readable everywhere.
    assert run(capsys, office, "device", "revoke", gone)[0] == 0
    backend.delete(signature_name(pid, 2))
    _as_before_signing_keys(backend, pid, (office, PASSPHRASE), (tmp_path / "desk", PASSPHRASE))
    assert run(capsys, tmp_path / "desk", "sync")[0] == 0
    assert pin_of(tmp_path / "desk") is None
    # The next passphrase-holding operation makes the key; it signs epochs from 3 on.
    new_pass = tmp_path / "p.txt"
    new_pass.write_text("une autre phrase assez longue")
    code, out = run(capsys, office, "passphrase", "change", "--new-passphrase-file", str(new_pass))
    assert code == 0, out
    made = pin_of(office, new_pass.read_text())
    assert made is not None and made.from_epoch == 3
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        desk.create_record("patient", {"family_name": "Tofu", "birth_date": "1980-01-01"})
    assert run(capsys, tmp_path / "desk", "sync")[0] == 0
    assert pin_of(tmp_path / "desk") == made  # trust on first use, at a sync that pushed
    code, out = run(
        capsys, tmp_path / "new", "--passphrase-file", str(new_pass), "join", "--from", url
    )
    assert code == 0, out
    assert pin_of(tmp_path / "new", new_pass.read_text()) == made


def test_a_passphrase_change_rewraps_the_signing_key_and_needs_the_passphrase(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, _ = practice
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        pid = p.practice_id
    backend = connect(url)
    # The locum knows only its own passphrase: it may not set the practice's.
    code, out = run(
        capsys,
        locum,
        "--passphrase-file",
        str(_file(tmp_path, "l.txt", LOCUM)),
        "passphrase",
        "change",
        "--new-passphrase-file",
        str(_file(tmp_path, "x.txt", "phrase du faussaire")),
    )
    assert code == 3, out
    assert open_signing_key(backend, pid, passphrase=PASSPHRASE) is not None
    new = "une nouvelle phrase du cabinet"
    code, out = run(
        capsys,
        office,
        "passphrase",
        "change",
        "--new-passphrase-file",
        str(_file(tmp_path, "n.txt", new)),
    )
    assert code == 0, out
    opened = open_signing_key(backend, pid, passphrase=new)
    assert opened is not None and opened[1] == pin_of(office, new)
    wrapped = json.loads(backend.get(signing_name(pid, "passphrase")))
    with pytest.raises(crypto.WrongSecretError):
        crypto.unwrap_with_passphrase(wrapped, PASSPHRASE, f"carnet/signing-key/v1/{pid}/2")


def _file(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text)
    return folder / name


def test_a_new_kit_rewraps_the_signing_key_and_the_old_kit_stops_opening_it(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, old_kit = practice
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        pid = p.practice_id
    backend = connect(url)
    assert open_signing_key(backend, pid, recovery=parse_recovery_key(old_kit)) is not None
    code, out = run(capsys, office, "recovery-kit", "-o", str(tmp_path / "kit.pdf"))
    assert code == 0, out
    wrapped = json.loads(backend.get(signing_name(pid, "recovery")))
    with pytest.raises(crypto.WrongSecretError):
        crypto.unwrap_as_recipient(
            wrapped, parse_recovery_key(old_kit), f"carnet/signing-key/v1/{pid}/2"
        )
    # Without the passphrase at hand (the app), the old kit's copy is deleted, and the
    # next passphrase-holding operation wraps the seed to the new kit.
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        service = SyncService(p)
        kit = new_recovery_key(service.backend, service.keys, None)
    assert signing_name(pid, "recovery") not in {o.name for o in backend.list(f"{pid}/keys/")}
    code, out = run(
        capsys,
        office,
        "passphrase",
        "change",
        "--new-passphrase-file",
        str(_file(tmp_path, "n.txt", "encore une autre phrase")),
    )
    assert code == 0, out
    opened = open_signing_key(backend, pid, recovery=parse_recovery_key(kit))
    assert opened is not None and opened[1] == pin_of(office, "encore une autre phrase")
