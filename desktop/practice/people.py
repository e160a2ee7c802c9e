"""The people of the practice: their logins, roles, a locum's end date and departures.

A user record (entity ``user``) is one identity across the practice: it syncs, and a
login on each computer is a key-file entry for it (keyfile.py). Only a doctor manages
users. A locum's account stops after ``until``, judged by the latest date this device
has seen (:func:`date_seen`); a departure (``deactivated_at``) ends every login of the
person once a device learns it (departures.py rotates the database key).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.practice import errors, meta, roles, rows
from desktop.practice.keyfile import KeyFile
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES, ROLES
from desktop.practice.session import Session, now_iso
from sync.changes import hlc_wall_ms

if TYPE_CHECKING:
    from desktop.practice.store import Practice


@dataclass(frozen=True, slots=True)
class UserInfo:
    """One person of the practice as ``carnet user list`` and the app show them."""

    id: str
    username: str
    display_name: str
    role: str
    until: str | None
    active: bool
    expired: bool
    login_here: bool


def user_record(s: Session, user_id: str | None) -> dict[str, Any] | None:
    return None if not user_id else rows.get(s, "user", user_id)


def access_of(s: Session) -> roles.Access:
    """The role the session's user holds; no user record (a device still joining, a
    key opened without a login): no restriction, see :class:`roles.Access`."""
    user = user_record(s, s.user_id)
    if user is None:
        return roles.Access(s.user_id, None, None)
    return roles.Access(s.user_id, user["username"], user["role"] or None, user.get("until"))


def date_seen(s: Session) -> str:
    """The latest date (YYYY-MM-DD) this device has seen: its own clock, and the
    newest stamp of any change it wrote or applied; kept in meta, it never goes back."""
    stored = str(meta.get(s, MetaKey.DATE_SEEN, "") or "")
    hlc = int(meta.get(s, MetaKey.HLC_LAST, 0) or 0)
    stamped = (
        dt.datetime.fromtimestamp(hlc_wall_ms(hlc) / 1000, dt.UTC).date().isoformat()
        if hlc
        else ""
    )
    latest = max(stored, roles.today(), stamped)
    if latest != stored:
        with s.transaction():
            meta.put(s, MetaKey.DATE_SEEN, latest)
    return latest


def check_login(p: Practice) -> None:
    """Refuse a login whose person left, or a locum past their last day."""
    user = user_record(p.session, p.user_id)
    if user is None:
        return
    if user.get("deactivated_at"):
        raise errors.LoginRefusedError(
            f"the login '{user['username']}' was deactivated (the person left the practice); "
            "ask a doctor of the practice if this is a mistake"
        )
    # Only a locum's login writes the date seen: other opens leave the file untouched
    # (HLC_LAST already follows every write and every synced change).
    if p.access.role == "locum" and roles.expired(p.access, date_seen(p.session)):
        raise errors.LoginRefusedError(
            f"the locum account '{user['username']}' ended on {user['until']}; a doctor of "
            "the practice can extend it ('carnet user set-until')"
        )


def _require_manager(p: Practice) -> None:
    if not p.access.manages_users:
        raise errors.RoleError(
            f"the {p.access.role} role cannot manage the practice's users; log in as a doctor"
        )


def _check_date(until: str | None) -> str | None:
    if not until:
        return None
    try:
        return dt.date.fromisoformat(until).isoformat()
    except ValueError:
        raise errors.InvalidInputError(
            f"'{until}' is not a date; write the locum's last day as YYYY-MM-DD"
        ) from None


def _all_users(p: Practice) -> list[dict[str, Any]]:
    ent = ENTITIES["user"]
    return rows.select(p.session, ent, "deleted IS NOT 1", (), "ORDER BY display_name, id")


def find(p: Practice, username: str) -> dict[str, Any]:
    """The user with this login (one identity per person: the oldest if two devices
    made the same login offline)."""
    matches = sorted((u for u in _all_users(p) if u["username"] == username), key=lambda u: u["id"])
    if not matches:
        known = ", ".join(sorted({str(u["username"]) for u in _all_users(p)}))
        raise errors.NotFoundError(f"no user with login '{username}' (users: {known})")
    return matches[0]


def list_users(p: Practice) -> list[UserInfo]:
    seen = date_seen(p.session)
    here = KeyFile.load(p.folder).user_ids_with_keys()
    out = []
    for u in _all_users(p):
        access = roles.Access(u["id"], u["username"], u["role"], u.get("until"))
        out.append(
            UserInfo(
                id=u["id"],
                username=str(u["username"]),
                display_name=str(u["display_name"] or u["username"]),
                role=str(u["role"]),
                until=u.get("until"),
                active=not u.get("deactivated_at"),
                expired=roles.expired(access, seen),
                login_here=u["id"] in here,
            )
        )
    return out


def add_user(
    p: Practice,
    *,
    username: str,
    display_name: str,
    role: str,
    passphrase: str,
    until: str | None = None,
) -> str:
    """A new person with a login on this computer; their record syncs to the others."""
    _require_manager(p)
    username, display_name = username.strip(), display_name.strip()
    if not username or not display_name:
        raise errors.InvalidInputError("the login and the display name must not be empty")
    if role not in ROLES:
        raise errors.InvalidInputError(f"the role must be one of {', '.join(ROLES)}")
    if role != "locum" and until:
        raise errors.InvalidInputError("only a locum's account has an end date (--until)")
    if role == "locum" and not until:
        raise errors.InvalidInputError("a locum's account needs its last day (--until YYYY-MM-DD)")
    if len(passphrase) < 8:
        raise errors.InvalidInputError("the passphrase must have at least 8 characters")
    if any(u["username"] == username for u in _all_users(p)):
        raise errors.InvalidInputError(
            f"the login '{username}' exists already (one identity per person); give it a "
            f"login on this computer with 'carnet user grant {username}'"
        )
    fields = {
        "username": username,
        "display_name": display_name,
        "role": role,
        "until": _check_date(until),
    }
    user_id = p.create_record("user", fields)
    _save_login(p, user_id, username, passphrase)
    return user_id


def grant_login(p: Practice, username: str, passphrase: str) -> str:
    """A login on this computer for a person whose record came by sync."""
    _require_manager(p)
    user = find(p, username)
    if user.get("deactivated_at"):
        raise errors.InvalidInputError(f"the login '{username}' was deactivated")
    if len(passphrase) < 8:
        raise errors.InvalidInputError("the passphrase must have at least 8 characters")
    _save_login(p, user["id"], username, passphrase)
    return str(user["id"])


def _save_login(p: Practice, user_id: str, username: str, passphrase: str) -> None:
    KeyFile.load(p.folder).with_user(user_id, username, p.db_key, passphrase).save()


def set_until(p: Practice, username: str, until: str) -> None:
    _require_manager(p)
    user = find(p, username)
    if user["role"] != "locum":
        raise errors.InvalidInputError(f"'{username}' is not a locum: no end date to set")
    p.update_record("user", user["id"], {"until": _check_date(until)})


def deactivate(p: Practice, username: str) -> str:
    """Mark the person as gone (syncs); this device ends their login at once
    (departures.py); every other device does at its next sync."""
    _require_manager(p)
    user = find(p, username)
    if user["id"] == p.user_id:
        raise errors.InvalidInputError("you cannot deactivate your own login")
    if not user.get("deactivated_at"):
        p.update_record("user", user["id"], {"deactivated_at": now_iso()})
    return str(user["id"])
