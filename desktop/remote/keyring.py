"""The store's side of key epochs: this device's X25519 key, the practice key ring and
the verified revocation records, all in the encrypted meta."""

from __future__ import annotations

import json
import socket
from collections.abc import Mapping, Sequence

from desktop.practice.store import Practice
from desktop.remote.state import DEVICE_KEY, DEVICE_NAME, REVOCATIONS, SIGNING_PIN
from sync.crypto import recipient_public_key
from sync.devices import Revocation, new_device_key
from sync.segments import PracticeKeys
from sync.signing import SigningPin


class StoreKeyRing:
    """``sync.devices.KeyRing`` over the practice's encrypted meta (and the pinned
    signing key, ``sync.signing``)."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    def device_private_key(self) -> bytes | None:
        value = self.practice.meta_value(DEVICE_KEY)
        return bytes.fromhex(value) if value else None

    def revocations(self) -> Mapping[int, Revocation]:
        raw = self.practice.meta_value(REVOCATIONS)
        records = [Revocation.from_json(r) for r in json.loads(raw)] if raw else []
        return {r.epoch: r for r in records}

    def adopt(self, keys: PracticeKeys, revocations: Sequence[Revocation]) -> None:
        merged = {**self.revocations(), **{r.epoch: r for r in revocations}}
        with self.practice.transaction():
            self.practice.set_practice_keys(keys)
            self.practice.set_meta(
                REVOCATIONS, json.dumps([merged[e].to_json() for e in sorted(merged)])
            )

    def signing_pin(self) -> SigningPin | None:
        raw = self.practice.meta_value(SIGNING_PIN)
        return SigningPin.from_json(json.loads(raw)) if raw else None

    def pin_signing(self, pin: SigningPin) -> None:
        with self.practice.transaction():
            self.practice.set_meta(SIGNING_PIN, json.dumps(pin.to_json(), sort_keys=True))


def ensure_device_key(practice: Practice) -> bytes:
    """This device's X25519 public key, creating the pair on first use."""
    value = practice.meta_value(DEVICE_KEY)
    if value:
        return recipient_public_key(bytes.fromhex(value))
    private, public = new_device_key()
    with practice.transaction():
        practice.set_meta(DEVICE_KEY, private.hex())
        if not practice.meta_value(DEVICE_NAME):
            practice.set_meta(DEVICE_NAME, socket.gethostname() or "")
    return public
