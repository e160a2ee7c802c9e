"""KeyCache: remembers the database key only in a secure keyring, and never crashes.

Fake backends are plain classes (not KeyringBackend subclasses, which keyring registers
globally) whose module and class name mimic real ones, because the allowlist matches on
the qualified class name.
"""

from __future__ import annotations

import base64
import gc
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import keyring.errors
import pytest
from keyring.backends import SecretService, fail, null

from desktop.practice.keycache import SECURE_BACKENDS, KeyCache
from tests.helpers.keyring_service import SecretServiceSession, secret_service

REPO = Path(__file__).resolve().parents[2]
KEY = bytes(range(32))
OTHER_KEY = bytes(range(100, 132))
ACCOUNT = "practice-3f2a9c"


class _MemoryBackend:
    priority: float = 5

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("No such password!")


def fake(
    qualified_name: str, priority: float | None = 5, base: type = _MemoryBackend
) -> _MemoryBackend:
    """An in-memory backend whose class claims to be ``qualified_name``."""
    module, _, name = qualified_name.rpartition(".")
    namespace: dict[str, object] = {"__module__": module, "__qualname__": name}
    if priority is not None:
        namespace["priority"] = priority
    cls = type(name, (base,), namespace)
    backend: _MemoryBackend = cls()
    return backend


def secure_fake() -> _MemoryBackend:
    return fake("keyring.backends.SecretService.Keyring")


class FakeChainer:
    def __init__(self, *backends: object) -> None:
        self.backends = list(backends)


FakeChainer.__module__ = "keyring.backends.chainer"
FakeChainer.__qualname__ = FakeChainer.__name__ = "ChainerBackend"


def assert_unavailable(cache: KeyCache) -> None:
    assert cache.available() is False
    assert cache.store(ACCOUNT, KEY) is False
    assert cache.load(ACCOUNT) is None
    cache.forget(ACCOUNT)


@pytest.fixture
def default_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Let keyring detect its default backend afresh, in a clean HOME, then restore it."""
    for name in ("PYTHON_KEYRING_BACKEND", "KEYRING_PROPERTY_PREFERRED_COLLECTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    _forget_viable_backends()
    yield
    _forget_viable_backends()


def _forget_viable_backends() -> None:
    """keyring lists viable backends once per process (jaraco's @once); make it look again."""
    with suppress(KeyError):  # reset() before the first call raises KeyError
        keyring.backend.get_all_keyring.reset()


# 1. No keyring at all.


def test_fail_keyring_as_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    keyring.set_keyring(fail.Keyring())
    assert_unavailable(KeyCache())


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_fail_and_null_backends_injected(backend: object) -> None:
    assert_unavailable(KeyCache(backend=backend))


def test_no_dbus_session_in_process(monkeypatch: pytest.MonkeyPatch, default_keyring: None) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert_unavailable(KeyCache())
    assert_unavailable(KeyCache(backend=SecretService.Keyring()))


def test_no_dbus_session_in_fresh_interpreter(tmp_path: Path) -> None:
    script = (
        "import json\n"
        "from desktop.practice.keycache import KeyCache\n"
        "c = KeyCache()\n"
        "r = [c.available(), c.store('a', bytes(32)), c.load('a')]\n"
        "c.forget('a')\n"
        "print(json.dumps(r))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "KEYRING_"))}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [False, False, None]
    assert "Traceback" not in done.stderr


# 2. Plaintext and other untrusted backends are refused.

UNTRUSTED = [
    "keyrings.alt.file.PlaintextKeyring",
    "keyrings.alt.file.EncryptedKeyring",
    "keyrings.alt.Windows.RegistryKeyring",
    "keyrings.alt.Gnome.Keyring",
    "keyrings.cryptfile.cryptfile.CryptFileKeyring",
    "some_plugin.backend.Keyring",
    "tests.store.subclass.Keyring",  # a subclass of an allowed class would look like this
]


@pytest.mark.parametrize("name", UNTRUSTED)
def test_untrusted_backend_is_refused(name: str) -> None:
    backend = fake(name, priority=10)
    backend.items[("carnet", ACCOUNT)] = base64.b64encode(KEY).decode()
    assert_unavailable(KeyCache(backend=backend))
    assert backend.items == {("carnet", ACCOUNT): base64.b64encode(KEY).decode()}


@pytest.mark.parametrize("name", sorted(SECURE_BACKENDS))
def test_allowlist_names_real_keyring_classes(name: str) -> None:
    """A rename in a future keyring would silently disable the cache: catch it here."""
    cls = keyring.core._load_keyring_class(name)
    assert f"{cls.__module__}.{cls.__qualname__}" == name


def test_allowed_backend_with_no_priority_is_refused() -> None:
    assert_unavailable(KeyCache(backend=fake("keyring.backends.macOS.Keyring", priority=0)))


class _RaisingPriority:
    """Like keyring's classproperty ``priority`` when the backend cannot work here."""

    def __get__(self, instance: object, owner: type) -> float:
        raise RuntimeError("The Secret Service daemon is neither running nor activatable")


def test_backend_whose_priority_raises_is_refused() -> None:
    class Broken(_MemoryBackend):
        priority = _RaisingPriority()

    backend = fake("keyring.backends.Windows.WinVaultKeyring", None, Broken)
    assert_unavailable(KeyCache(backend=backend))


def test_chainer_uses_only_its_secure_member() -> None:
    plaintext = fake("keyrings.alt.file.PlaintextKeyring", priority=10)
    secure = secure_fake()
    cache = KeyCache(backend=FakeChainer(plaintext, secure))
    assert cache.store(ACCOUNT, KEY) is True
    assert plaintext.items == {}
    assert cache.load(ACCOUNT) == KEY
    plaintext.items[("carnet", ACCOUNT)] = base64.b64encode(OTHER_KEY).decode()
    assert cache.load(ACCOUNT) == KEY  # the plaintext member is never read


def test_chainer_with_only_insecure_members_is_refused() -> None:
    members = (fake("keyrings.alt.file.PlaintextKeyring"), fail.Keyring(), null.Keyring())
    assert_unavailable(KeyCache(backend=FakeChainer(*members)))
    assert_unavailable(KeyCache(backend=FakeChainer()))


# Round trip and trouble with an allowed (fake) backend.


def test_round_trip_stores_base64() -> None:
    backend = secure_fake()
    cache = KeyCache(backend=backend)
    assert cache.available() is True
    assert cache.load(ACCOUNT) is None
    assert cache.store(ACCOUNT, KEY) is True
    assert backend.items == {("carnet", ACCOUNT): base64.b64encode(KEY).decode("ascii")}
    assert cache.load(ACCOUNT) == KEY
    assert KeyCache("other-service", backend=backend).load(ACCOUNT) is None
    cache.forget(ACCOUNT)
    cache.forget(ACCOUNT)  # absent: not an error
    assert cache.load(ACCOUNT) is None


@pytest.mark.parametrize("bad", [b"", bytes(31), bytes(33), "x" * 32])
def test_wrong_key_is_a_caller_bug(bad: object) -> None:
    with pytest.raises(ValueError):
        KeyCache(backend=secure_fake()).store(ACCOUNT, bad)  # type: ignore[arg-type]


def test_empty_account_is_a_caller_bug() -> None:
    with pytest.raises(ValueError):
        KeyCache(backend=secure_fake()).load("")


ERRORS = [
    keyring.errors.NoKeyringError("detail-secret"),
    keyring.errors.KeyringLocked("detail-secret"),
    keyring.errors.InitError("detail-secret"),
    keyring.errors.PasswordSetError("detail-secret"),
    keyring.errors.KeyringError("detail-secret"),
    ConnectionRefusedError("detail-secret"),  # what jeepney raises when the bus is gone
    type("DBusErrorResponse", (Exception,), {})("detail-secret"),
    RuntimeError("detail-secret"),
    KeyError("detail-secret"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_keyring_trouble_never_raises(error: Exception, caplog: pytest.LogCaptureFixture) -> None:
    class Raising(_MemoryBackend):
        def get_password(self, *args: str) -> str | None:
            raise error

        set_password = delete_password = get_password  # type: ignore[assignment]

    cache = KeyCache(backend=fake("keyring.backends.SecretService.Keyring", 5, Raising))
    with caplog.at_level(logging.WARNING, logger="carnet.keycache"):
        assert cache.available() is True
        assert cache.store(ACCOUNT, KEY) is False
        assert cache.load(ACCOUNT) is None
        cache.forget(ACCOUNT)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3
    assert all(type(error).__name__ in m and "\n" not in m for m in messages)
    assert not any("detail-secret" in m or ACCOUNT in m for m in messages)


def test_store_that_does_not_stick_is_not_remembered() -> None:
    class Forgetful(_MemoryBackend):
        def set_password(self, service: str, username: str, password: str) -> None:
            pass

    cache = KeyCache(backend=fake("keyring.backends.libsecret.Keyring", 5, Forgetful))
    assert cache.store(ACCOUNT, KEY) is False


# 4. Corrupt stored values read as absent, and are forgotten.

CORRUPT = {
    "not-base64": "this is not base64!",
    "short": base64.b64encode(bytes(31)).decode(),
    "long": base64.b64encode(bytes(33)).decode(),
    "empty": "",
    "non-ascii": "é" * 44,
    "unpadded": base64.b64encode(KEY).decode().rstrip("="),
    "whitespace": base64.b64encode(KEY).decode()[:20] + "\n" + base64.b64encode(KEY).decode()[20:],
}


@pytest.mark.parametrize("value", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_value_reads_as_absent(value: str, caplog: pytest.LogCaptureFixture) -> None:
    backend = secure_fake()
    backend.items[("carnet", ACCOUNT)] = value
    with caplog.at_level(logging.WARNING, logger="carnet.keycache"):
        assert KeyCache(backend=backend).load(ACCOUNT) is None
    assert backend.items == {}
    assert [r.getMessage() for r in caplog.records] == ["keyring held a corrupt key; forgetting it"]


def test_non_string_value_reads_as_absent() -> None:
    backend = secure_fake()
    backend.items[("carnet", ACCOUNT)] = KEY  # type: ignore[assignment]
    assert KeyCache(backend=backend).load(ACCOUNT) is None


# 3. A real Secret Service (gnome-keyring-daemon on a private D-Bus).

# keyring 25.7's SecretService.get_preferred_collection() opens a D-Bus connection and
# raises KeyringLocked/InitError without closing it; the socket is only freed by the
# cyclic GC (a ResourceWarning, an error under our filterwarnings). Tests of those paths
# ignore that warning and collect before they end, so it cannot surface in a later test.
leaks_locked_socket = pytest.mark.filterwarnings("ignore:unclosed <socket:ResourceWarning")


@pytest.fixture
def real_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretServiceSession]:
    with secret_service(tmp_path / "ss") as session:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.address)
        processes = [session._bus, session._keyring]
        yield session
    assert all(p is not None and p.returncode is not None for p in processes)


@pytest.mark.server
def test_secret_service_round_trip(real_service: SecretServiceSession) -> None:
    backend = SecretService.Keyring()
    cache = KeyCache(backend=backend)
    assert cache.available() is True
    assert cache.load(ACCOUNT) is None
    assert cache.store(ACCOUNT, KEY) is True
    assert backend.get_password("carnet", ACCOUNT) == base64.b64encode(KEY).decode()
    assert cache.load(ACCOUNT) == KEY
    assert cache.store(ACCOUNT, OTHER_KEY) is True  # replaces, does not duplicate
    assert cache.load(ACCOUNT) == OTHER_KEY
    assert cache.load("another-practice") is None
    cache.forget(ACCOUNT)
    assert cache.load(ACCOUNT) is None
    cache.forget(ACCOUNT)


@pytest.mark.server
def test_secret_service_is_keyrings_default(
    real_service: SecretServiceSession, default_keyring: None
) -> None:
    cache = KeyCache()
    assert cache.store(ACCOUNT, KEY) is True
    assert KeyCache(backend=SecretService.Keyring()).load(ACCOUNT) == KEY


@pytest.mark.server
@leaks_locked_socket
def test_secret_service_started_locked(real_service: SecretServiceSession) -> None:
    assert KeyCache(backend=SecretService.Keyring()).store(ACCOUNT, KEY) is True
    real_service.restart_keyring(unlock=False)  # a login without the keyring password

    locked = KeyCache(backend=SecretService.Keyring())
    assert locked.available() is True  # a desktop would prompt; store/load tell the truth
    assert locked.load(ACCOUNT) is None
    assert locked.store(ACCOUNT, OTHER_KEY) is False
    locked.forget(ACCOUNT)

    real_service.restart_keyring(unlock=True)
    assert KeyCache(backend=SecretService.Keyring()).load(ACCOUNT) == KEY  # kept on disk
    gc.collect()


@pytest.mark.server
@leaks_locked_socket
def test_secret_service_locked_mid_session(real_service: SecretServiceSession) -> None:
    import secretstorage

    cache = KeyCache(backend=SecretService.Keyring())
    assert cache.store(ACCOUNT, KEY) is True
    with secretstorage.dbus_init() as connection:
        secretstorage.get_default_collection(connection).lock()
    assert cache.load(ACCOUNT) is None
    assert cache.store(ACCOUNT, OTHER_KEY) is False
    cache.forget(ACCOUNT)
    gc.collect()


@pytest.mark.server
@leaks_locked_socket
def test_secret_service_without_any_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh account whose daemon has no login keyring: creating one needs a prompt."""
    with secret_service(tmp_path / "ss", unlock=False) as session:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.address)
        cache = KeyCache(backend=SecretService.Keyring())
        assert cache.store(ACCOUNT, KEY) is False
        assert cache.load(ACCOUNT) is None
        cache.forget(ACCOUNT)
        gc.collect()


@pytest.mark.server
@pytest.mark.parametrize("value", [CORRUPT["not-base64"], CORRUPT["short"]], ids=["b64", "len"])
def test_secret_service_corrupt_value(real_service: SecretServiceSession, value: str) -> None:
    backend = SecretService.Keyring()
    backend.set_password("carnet", ACCOUNT, value)
    assert KeyCache(backend=backend).load(ACCOUNT) is None
    assert backend.get_password("carnet", ACCOUNT) is None
