"""A keyring held in memory, for the forms that store a secret (the real one is tested apart)."""

from __future__ import annotations


class MemoryKeyring:
    """Stands for the OS keyring (``desktop.remote.credentials.credential_cache()``);
    ``usable=False`` is a computer without one."""

    def __init__(self, usable: bool = True) -> None:
        self.usable = usable
        self.items: dict[str, str] = {}

    def store_text(self, account: str, secret: str) -> bool:
        if self.usable:
            self.items[account] = secret
        return self.usable

    def load_text(self, account: str) -> str | None:
        return self.items.get(account)
