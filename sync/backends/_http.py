"""The one place where the HTTP backends send a request and sort transport failures."""

from __future__ import annotations

from typing import Any

import requests

from sync.backends.base import UnreachableError


def send(
    session: requests.Session,
    what: str,
    host: str,
    method: str,
    url: str,
    timeout: Any,
    **kwargs: Any,
) -> requests.Response:
    """``session.request`` without redirects; timeouts, refused connections and other
    transport errors become :class:`UnreachableError` (transient: retried by the wrapper).
    Messages name the service and host, never credentials or object contents."""
    try:
        return session.request(method, url, timeout=timeout, allow_redirects=False, **kwargs)
    except requests.Timeout as exc:
        raise UnreachableError(f"The {what} timed out ({method}).") from exc
    except requests.ConnectionError as exc:
        raise UnreachableError(f"The {what} at {host} could not be reached ({method}).") from exc
    except requests.RequestException as exc:
        raise UnreachableError(f"The {what} request failed ({method}): {exc}.") from exc
