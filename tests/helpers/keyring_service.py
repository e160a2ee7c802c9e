"""A private, real Secret Service for tests: our own dbus-daemon plus gnome-keyring-daemon.

Both daemons are children of the test process (``--nofork``/``--foreground``), so teardown
can terminate and reap them by pid. The bus uses its own config with no service
directories: nothing is D-Bus-activated behind our back (Debian ships activation files
for org.freedesktop.secrets and the prompters), so no daemon outlives the test. HOME and
XDG_* point into a temp folder, where gnome-keyring writes its keyrings.

Needs the apt packages ``dbus-daemon`` (or ``dbus``) and ``gnome-keyring``, and jeepney
(a dependency of keyring on Linux). When one is missing: skip, or fail under CI=true.
"""

from __future__ import annotations

import os
import selectors
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

SECRETS_NAME = "org.freedesktop.secrets"
START_TIMEOUT = 10.0
PASSWORD = "test-login-password"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def skip_or_fail(reason: str) -> None:
    """Skip a test whose tool is missing; under CI=true a missing tool is a failure."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: install it)")
    pytest.skip(reason)


@dataclass
class SecretServiceSession:
    """A running private bus and keyring daemon. ``address`` is the bus address."""

    root: Path
    address: str = ""
    env: dict[str, str] = field(default_factory=dict)
    _bus: subprocess.Popen[bytes] | None = None
    _keyring: subprocess.Popen[bytes] | None = None

    def restart_keyring(self, *, unlock: bool) -> None:
        """Stop gnome-keyring-daemon and start it again; ``unlock=False`` leaves it locked."""
        previous = _name_owner(self.address)
        _stop(self._keyring)
        self._keyring = None
        self._start_keyring(unlock=unlock, previous_owner=previous)

    def _start_bus(self) -> None:
        config = self.root / "bus.conf"
        config.write_text(_BUS_CONFIG.format(socket=self.root / "bus"), encoding="utf-8")
        with (self.root / "dbus-daemon.log").open("ab") as log:
            self._bus = subprocess.Popen(
                ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                env=self.env,
            )
        assert self._bus.stdout is not None
        self.address = _read_line(self._bus.stdout, time.monotonic() + START_TIMEOUT)
        if not self.address:
            raise RuntimeError("dbus-daemon printed no address")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.address

    def _start_keyring(self, *, unlock: bool, previous_owner: str | None = None) -> None:
        args = ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
        if unlock:
            args.append("--unlock")  # reads the login password from stdin, to EOF
        log = (self.root / "gnome-keyring.log").open("ab")
        with log:
            self._keyring = subprocess.Popen(
                args, stdin=subprocess.PIPE, stdout=log, stderr=log, env=self.env
            )
        assert self._keyring.stdin is not None
        with self._keyring.stdin as stdin:
            if unlock:
                stdin.write(PASSWORD.encode())
        _wait_for_owner(self.address, self._keyring, previous_owner)

    def _stop_all(self) -> None:
        _stop(self._keyring)
        _stop(self._bus)
        self._keyring = self._bus = None


@contextmanager
def secret_service(root: Path, *, unlock: bool = True) -> Iterator[SecretServiceSession]:
    """Run a private Secret Service under ``root``; yields once its name is on the bus.

    The caller points its own process at it (``DBUS_SESSION_BUS_ADDRESS``), e.g. with
    ``monkeypatch.setenv``; see ``tests/practice/test_keycache.py``.
    """
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            skip_or_fail(f"{tool} not installed (apt-get install dbus-daemon gnome-keyring)")
    try:
        import jeepney  # noqa: F401
    except ImportError:
        skip_or_fail("jeepney not installed (pip install keyring pulls it in on Linux)")

    home = root / "home"
    runtime = root / "run"
    home.mkdir(parents=True)
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
    }
    session = SecretServiceSession(root=root, env=env)
    try:
        session._start_bus()
        session._start_keyring(unlock=unlock)
        yield session
    finally:
        session._stop_all()


def _read_line(stream: IO[bytes], deadline: float) -> str:
    """One line from a child's stdout, or "" if none arrives before ``deadline``."""
    data = b""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                return ""
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                break
            data += chunk
    return data.decode().strip()


def _name_owner(address: str) -> str | None:
    """The unique bus name owning org.freedesktop.secrets, or None."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import Proxy, open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse

    with open_dbus_connection(bus=address) as connection:
        bus = Proxy(message_bus, connection, timeout=START_TIMEOUT)
        try:
            (owner,) = bus.GetNameOwner(SECRETS_NAME)
        except DBusErrorResponse:  # org.freedesktop.DBus.Error.NameHasNoOwner
            return None
        return str(owner)


def _wait_for_owner(
    address: str, process: subprocess.Popen[bytes], previous_owner: str | None
) -> None:
    """Poll until a new owner holds the Secret Service name; fail fast if the daemon dies."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        owner = _name_owner(address)
        if owner is not None and owner != previous_owner:
            return
        if process.poll() is not None:
            raise RuntimeError(f"gnome-keyring-daemon exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{SECRETS_NAME} not on the bus after {START_TIMEOUT} s")
        time.sleep(0.01)  # poll interval, bounded by the deadline


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    """Terminate and reap one child (kill it if it ignores SIGTERM); close its pipes."""
    if process is None:
        return
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with suppress(OSError):
                stream.close()
