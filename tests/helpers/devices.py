"""Two devices of one practice on a folder remote, and what a test compares between them."""

from __future__ import annotations

from pathlib import Path

from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import join
from tests.helpers.practice import PASSPHRASE


def state(practice: Practice) -> set[tuple[str, str, str]]:
    """The replica's records as comparable facts (entity, id, canonical fields)."""
    import json

    merged: dict[tuple[str, str], dict[str, object]] = {}
    for change in StoreReplica(practice.session).export_state():
        if change.entity == "audit":
            continue  # each device's own chain: checked by verify_audit, not merged
        merged.setdefault((change.entity, change.record_id), {}).update(change.fields)
    return {
        (e, i, json.dumps(f, sort_keys=True, ensure_ascii=False)) for (e, i), f in merged.items()
    }


def exact(practice: Practice) -> set[str]:
    """Every record as the changes that recreate it (values, stamps, replaced stamps);
    audit entries left out (each device's own chain)."""
    import json

    return {
        json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False)
        for c in StoreReplica(practice.session).export_state()
        if c.entity != "audit"
    }


def joined(tmp_path: Path, url: str, name: str, **kw: str) -> Practice:
    return join(tmp_path / name, url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE, **kw)


def add_patient(p: Practice, family: str) -> str:
    return p.create_record("patient", {"family_name": family, "birth_date": "1970-01-01"})
