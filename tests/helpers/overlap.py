"""Proving two stages overlap without timing them: the first call of the later stage
waits for an event the earlier stage's next item sets. Were they one thread, that item
would never come while the call waits, and the wait would time out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def first_call_waits_for(
    event: threading.Event, fn: Callable[..., Any], timeout: float = 10
) -> tuple[Callable[..., Any], list[bool]]:
    """``fn`` whose first call first waits for ``event``, and the list that then holds
    whether it came (``[True]``: the stages overlapped)."""
    came: list[bool] = []

    def waiting(*args: Any) -> Any:
        if not came:
            came.append(event.wait(timeout=timeout))
        return fn(*args)

    return waiting, came
