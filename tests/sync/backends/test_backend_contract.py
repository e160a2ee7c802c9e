"""The Backend contract, run against every adapter (like restic's backend test suite).

Parametrized by ``backend_kind`` (tests/sync/backends/conftest.py): memory, folder, WsgiDAV,
Apache mod_dav and moto's S3, each on a fresh, empty target.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from sync.backends import (
    AlreadyExistsError,
    Backend,
    NotFoundError,
    ObjectInfo,
    UnreachableError,
)
from sync.backends._names import TEMP_DIR

BackendFactory = Callable[[], Backend]  # opens one more client of the test's remote


MB = 1024 * 1024


def test_create_then_get_round_trip(backend: Backend) -> None:
    backend.create("devices/ab12/000001", b"segment one")
    assert backend.get("devices/ab12/000001") == b"segment one"


def test_create_on_existing_name_fails_and_keeps_the_original(backend: Backend) -> None:
    backend.create("devices/ab12/000001", b"original")
    with pytest.raises(AlreadyExistsError) as caught:
        backend.create("devices/ab12/000001", b"impostor")
    assert caught.value.permanent
    assert backend.get("devices/ab12/000001") == b"original"


def test_put_creates_then_overwrites(backend: Backend) -> None:
    backend.put("heads/dev-1", b"seq 1")
    backend.put("heads/dev-1", b"seq 2, longer")
    assert backend.get("heads/dev-1") == b"seq 2, longer"
    backend.put("heads/dev-1", b"3")
    assert backend.get("heads/dev-1") == b"3"


def test_list_by_prefix_gives_full_names_and_sizes(backend: Backend) -> None:
    backend.create("devices/aa/000001", b"x" * 10)
    backend.create("devices/aa/000002", b"y" * 20)
    backend.create("devices/bb/000001", b"")
    backend.put("heads/aa", b"h" * 3)
    assert backend.list("devices/aa/") == [
        ObjectInfo("devices/aa/000001", 10),
        ObjectInfo("devices/aa/000002", 20),
    ]
    assert backend.list("devices/") == [
        ObjectInfo("devices/aa/000001", 10),
        ObjectInfo("devices/aa/000002", 20),
        ObjectInfo("devices/bb/000001", 0),
    ]
    assert [o.name for o in backend.list("")] == [
        "devices/aa/000001",
        "devices/aa/000002",
        "devices/bb/000001",
        "heads/aa",
    ]
    assert backend.list("heads/") == [ObjectInfo("heads/aa", 3)]
    assert backend.list("snapshots/") == []
    assert backend.list("devices/a") == backend.list("devices/aa/")


def test_list_never_shows_temporary_objects(backend: Backend) -> None:
    for i in range(3):
        backend.create(f"devices/aa/{i:06d}", b"data")
        backend.put("heads/aa", b"head")
    names = [o.name for o in backend.list("")]
    assert names == ["devices/aa/000000", "devices/aa/000001", "devices/aa/000002", "heads/aa"]
    assert not any(TEMP_DIR in n or n.startswith(".") for n in names)


def test_nested_names(backend: Backend) -> None:
    name = "blobs/0f/1e/2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e"
    backend.create(name, b"chunk")
    backend.create("blobs/0f/other", b"o")
    assert backend.get(name) == b"chunk"
    assert [o.name for o in backend.list("blobs/0f/1e/")] == [name]
    assert len(backend.list("blobs/")) == 2


def test_get_missing_is_not_found(backend: Backend) -> None:
    with pytest.raises(NotFoundError) as caught:
        backend.get("devices/none/000001")
    assert caught.value.permanent
    backend.create("devices/aa/000001", b"x")
    with pytest.raises(NotFoundError):
        backend.get("devices/aa/000002")


def test_delete_is_idempotent(backend: Backend) -> None:
    backend.create("snapshots/s1", b"snap")
    backend.delete("snapshots/s1")
    backend.delete("snapshots/s1")
    backend.delete("never/existed")
    with pytest.raises(NotFoundError):
        backend.get("snapshots/s1")
    assert backend.list("snapshots/") == []
    backend.create("snapshots/s1", b"again")  # the name is free again
    assert backend.get("snapshots/s1") == b"again"


def test_binary_content_with_every_byte_value(backend: Backend) -> None:
    data = bytes(range(256)) * 4 + b"\r\n\x00\r"
    backend.create("blobs/bin", data)
    backend.put("heads/bin", data[::-1])
    assert backend.get("blobs/bin") == data
    assert backend.get("heads/bin") == data[::-1]


def test_empty_object(backend: Backend) -> None:
    backend.create("devices/aa/000001", b"")
    assert backend.get("devices/aa/000001") == b""
    assert backend.list("devices/") == [ObjectInfo("devices/aa/000001", 0)]
    with pytest.raises(AlreadyExistsError):
        backend.create("devices/aa/000001", b"")


def test_five_megabyte_object(backend: Backend) -> None:
    data = (bytes(range(256)) * (5 * MB // 256 + 1))[: 5 * MB + 7]
    backend.create("snapshots/big", data)
    assert backend.get("snapshots/big") == data
    assert backend.list("snapshots/") == [ObjectInfo("snapshots/big", len(data))]


def test_names_with_the_characters_carnet_uses(backend: Backend) -> None:
    names = [
        "0123456789abcdef/fedcba9876543210",
        "devices/01HF3Z-7K2M-9QXW/0000000000000042",
        "keys/epoch-3/recovery",
        "a-b-c/d-e/f",
    ]
    for i, n in enumerate(names):
        backend.create(n, str(i).encode())
    for i, n in enumerate(names):
        assert backend.get(n) == str(i).encode()
    assert [o.name for o in backend.list("")] == sorted(names)


@pytest.mark.parametrize("bad", ["", "/abs", "a//b", "../up", "a/./b", ".tmp/x", "a b", "é"])
def test_invalid_names_are_refused(backend_kind: str, backend: Backend, bad: str) -> None:
    with pytest.raises(ValueError):
        backend.create(bad, b"x")


# -- concurrency ---------------------------------------------------------------------------

# Winners among 8 simultaneous creators of one name, as measured (docs/backends.md).
# Carnet's correctness does not rest on exactly one: a segment name has one writer.
MAX_WINNERS = {
    "memory": 1,
    "folder": 1,
    "s3-moto": 1,
    "webdav-wsgidav": 8,
    "webdav-apache": 8,
}


def _payload(i: int) -> bytes:
    """256 KiB that identify their writer in every byte: any mix or cut is detectable."""
    return bytes([i + 1]) * (256 * 1024)


class _CreateRace:
    """``writers`` clients create one name at the same moment while two more read it."""

    def __init__(self, clients: list[Backend], name: str, writers: int) -> None:
        self.clients = clients
        self.name = name
        self.writers = writers
        self.payloads = {_payload(i) for i in range(writers)}
        self.start = threading.Barrier(writers + 2)
        self.done = threading.Event()
        self.won: list[int] = []
        self.lost: list[int] = []
        self.errors: list[BaseException] = []
        self.bad_reads: list[int] = []
        self.reads = 0

    def write(self, i: int) -> None:
        self.start.wait()
        try:
            self.clients[i].create(self.name, _payload(i))
            self.won.append(i)
        except AlreadyExistsError:
            self.lost.append(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            self.errors.append(exc)

    def read(self, client: Backend) -> None:
        self.start.wait()
        while not self.done.is_set():
            try:
                data = client.get(self.name)
            except NotFoundError:
                continue
            except BaseException as exc:  # noqa: BLE001
                self.errors.append(exc)
                return
            self.reads += 1
            if data not in self.payloads:
                self.bad_reads.append(len(data))

    def run(self) -> None:
        """All writers and readers; returns once the writers are done and readers stopped."""
        writers = self.writers
        threads = [threading.Thread(target=self.write, args=(i,)) for i in range(writers)]
        threads += [
            threading.Thread(target=self.read, args=(self.clients[writers + k],)) for k in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads[:writers]:
            t.join(30)
        self.done.set()
        for t in threads[writers:]:
            t.join(30)


def test_concurrent_create_of_one_name(
    backend_kind: str, backend_factory: BackendFactory, request: pytest.FixtureRequest
) -> None:
    writers = 8
    name = "devices/clone/000001"
    clients = [backend_factory() for _ in range(writers + 2)]
    race = _CreateRace(clients, name, writers)
    race.run()
    won, lost, errors, bad_reads = race.won, race.lost, race.errors, race.bad_reads

    request.node.user_properties.append(("winners", len(won)))  # see docs/backends.md
    assert errors == []
    assert bad_reads == [], "a reader saw a partial or mixed object"
    assert len(won) + len(lost) == writers
    assert 1 <= len(won) <= MAX_WINNERS[backend_kind]
    if clients[0].capabilities.atomic_create:
        assert len(won) == 1
    final = clients[0].get(name)
    assert final in {_payload(i) for i in won}
    assert [o.name for o in clients[0].list("")] == [name]


def test_readers_never_see_a_partial_overwrite(
    backend_kind: str, backend_factory: BackendFactory, request: pytest.FixtureRequest
) -> None:
    writer, reader = backend_factory(), backend_factory()
    name = "heads/dev-1"
    versions = [_payload(i) for i in range(6)]
    writer.put(name, versions[0])
    done = threading.Event()
    bad: list[int] = []
    missing = 0

    def read() -> None:
        nonlocal missing
        while not done.is_set():
            try:
                data = reader.get(name)
            except (NotFoundError, UnreachableError):
                # WebDAV's MOVE with Overwrite: T deletes first (docs/backends.md).
                missing += 1
                continue
            if data not in versions:
                bad.append(len(data))

    t = threading.Thread(target=read)
    t.start()
    try:
        for v in versions[1:] * 3:
            writer.put(name, v)
    finally:
        done.set()
        t.join(30)
    request.node.user_properties.append(("missing_reads", missing))
    assert bad == []
    if not backend_kind.startswith("webdav-"):
        assert missing == 0
    assert writer.get(name) == versions[-1]
