"""Storage credentials, one resolver for the CLI and the app: typed, else the
environment, else the OS keyring (never a file); and the backend built from them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from desktop.practice import errors
from desktop.practice.keycache import KeyCache
from sync.backends import PASSWORD_ENV, Backend, open_backend
from sync.backends.retry import RetryingBackend, RetryPolicy

CREDENTIAL_SERVICE = "carnet-remote"
ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID"
SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY"


@dataclass(frozen=True)
class Credentials:
    """What the user typed; empty fields are None (then the environment or the keyring)."""

    password: str | None = None
    access_key: str | None = None
    secret_key: str | None = None


def credential_cache() -> KeyCache:
    """Where storage credentials are remembered: the OS keyring, never a file."""
    return KeyCache(CREDENTIAL_SERVICE)


def _scheme(url: str) -> str:
    return url.split(":", 1)[0].lower()


def resolve(url: str, typed: Credentials | None = None) -> dict[str, str]:
    """Storage credentials: typed, else the environment, else the OS keyring."""
    typed = typed or Credentials()
    scheme = _scheme(url)
    if scheme.startswith("webdav"):
        found = typed.password or os.environ.get(PASSWORD_ENV) or credential_cache().load_text(url)
        return {"password": found} if found else {}
    if scheme == "s3":
        if typed.access_key and typed.secret_key:
            return {"access_key": typed.access_key, "secret_key": typed.secret_key}
        access, secret = os.environ.get(ACCESS_KEY_ENV), os.environ.get(SECRET_KEY_ENV)
        if not (access and secret):
            stored = credential_cache().load_text(url)
            if stored and ":" in stored:
                access, secret = stored.split(":", 1)
        return {"access_key": access, "secret_key": secret} if access and secret else {}
    return {}


def remember(url: str, typed: Credentials) -> bool | None:
    """Keep the typed credentials in the OS keyring (where :func:`resolve` looks for
    them); None when there is nothing to keep, False when no secure keyring is usable.
    A locked keyring may block on an unlock prompt: call it off the UI thread."""
    scheme = _scheme(url)
    if scheme.startswith("webdav") and typed.password:
        return credential_cache().store_text(url, typed.password)
    if scheme == "s3" and typed.access_key and typed.secret_key:
        return credential_cache().store_text(url, f"{typed.access_key}:{typed.secret_key}")
    return None


def remember_from_environment(url: str) -> bool:
    """Keep the storage credentials given in the environment in the OS keyring (never in
    a file); False where there is no secure keyring or nothing to remember."""
    typed = Credentials(
        password=os.environ.get(PASSWORD_ENV),
        access_key=os.environ.get(ACCESS_KEY_ENV),
        secret_key=os.environ.get(SECRET_KEY_ENV),
    )
    return bool(remember(url, typed))


def in_environment(url: str) -> bool:
    """Whether the environment gives this kind of storage its credentials."""
    scheme = _scheme(url)
    if scheme.startswith("webdav"):
        return bool(os.environ.get(PASSWORD_ENV))
    if scheme == "s3":
        return bool(os.environ.get(ACCESS_KEY_ENV) and os.environ.get(SECRET_KEY_ENV))
    return True


def connect(url: str, *, password: str | None = None, typed: Credentials | None = None) -> Backend:
    """The backend for ``url`` with retries, credentials from :func:`resolve`. No I/O
    (call ``check()``). ValueError (a malformed URL, missing credentials) becomes a usage
    error."""
    if password is not None:
        typed = Credentials(password, *((typed.access_key, typed.secret_key) if typed else ()))
    try:
        creds = resolve(url, typed)
        backend = open_backend(
            url,
            password=creds.get("password"),
            access_key=creds.get("access_key"),
            secret_key=creds.get("secret_key"),
        )
    except ValueError as exc:
        raise errors.UsageError(str(exc)) from exc
    return RetryingBackend(backend, RetryPolicy())
