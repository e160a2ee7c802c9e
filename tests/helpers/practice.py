"""What every practice made by the tests shares."""

from __future__ import annotations

PASSPHRASE = "correct horse battery"
