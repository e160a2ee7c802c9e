"""Documents after a revocation (a key rotation): chunk names no longer depend on the
current key epoch, so a document uploaded before the rotation is still found by a new
device, storages written the old way stay readable, and `check --read-data` fetches
every document as a restore would."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import cli
from desktop.cli.output import exit_code
from desktop.practice.store import Practice
from desktop.remote import SyncService, connect, join, set_remote
from sync.blobs import MAGIC_BLOB, PURPOSE_BLOB, BlobRef, _name_under, blob_chunk_name, padme
from sync.segments import seal_object
from tests.helpers.practice import PASSPHRASE


def restored(tmp_path: Path, url: str, name: str) -> Practice:
    return join(tmp_path / name, url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE)


@pytest.fixture
def rotated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str, str]:
    """A practice with a document from before and one from after a revocation."""
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    storage = tmp_path / "storage"
    storage.mkdir()
    url = storage.as_uri()
    with Practice.create(
        tmp_path / "office", practice_name="C", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, url, passphrase=PASSPHRASE, create=True)
        pid = office.create_record("patient", {"family_name": "P", "birth_date": "1970-01-01"})
        before = office.add_document(pid, b"%PDF-1.4 avant", title="Avant", filename="a.pdf")
        SyncService(office).sync()
        with restored(tmp_path, url, "locum") as locum:
            gone = locum.device_id
            SyncService(locum).sync()
        SyncService(office).sync()
        SyncService(office).revoke(gone, practice_passphrase=PASSPHRASE)
        assert office.practice_keys.current == 2
        after = office.add_document(pid, b"%PDF-1.4 apres", title="Apres", filename="b.pdf")
        SyncService(office).sync()
    return tmp_path / "office", url, before, after


def test_documents_from_before_a_revocation_restore_on_a_new_device(
    rotated: tuple[Path, str, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, before, after = rotated
    assert cli.main(["--data-dir", str(office), "check", "--read-data"]) == 0
    with restored(tmp_path, url, "new") as new:
        assert new.document_content(before) == b"%PDF-1.4 avant"
        assert new.document_content(after) == b"%PDF-1.4 apres"


def test_chunks_named_the_old_way_after_a_rotation_are_still_read(
    rotated: tuple[Path, str, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """Carnet before this fix named chunks with the current epoch's key and stored them
    unpadded ("CRNB"): such a storage restores and checks clean."""
    office, url, _, after = rotated
    backend = connect(url)
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        keys = p.practice_keys
        content = p.document_content(after)
    ref = BlobRef.of(content)
    old_name = _name_under(keys, 2, ref, 0)
    backend.create(old_name, seal_object(keys, MAGIC_BLOB, PURPOSE_BLOB, [old_name], content))
    backend.delete(blob_chunk_name(keys, ref, 0))
    assert cli.main(["--data-dir", str(office), "check", "--read-data"]) == 0
    with restored(tmp_path, url, "new") as new:
        assert new.document_content(after) == content


def test_check_read_data_fails_where_a_restore_would(
    rotated: tuple[Path, str, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, before, _ = rotated
    backend = connect(url)
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        keys = p.practice_keys
        ref = BlobRef.of(p.document_content(before))
    backend.delete(blob_chunk_name(keys, ref, 0))
    capsys.readouterr()
    assert cli.main(["--data-dir", str(office), "check", "--read-data"]) == 5
    assert "a document" in capsys.readouterr().out
    with pytest.raises(Exception) as refused:
        restored(tmp_path, url, "new")
    assert exit_code(refused.value) == 5


def test_chunk_sizes_are_padded():
    """A chunk's size says only roughly how big the file is (Padmé: at most +12%)."""
    sizes = {padme(n) for n in range(1_000_000, 1_100_000)}
    assert len(sizes) <= 8  # 100,000 possible sizes show as at most 8
    assert all(padme(n) >= n and padme(n) <= n * 1.12 + 1 for n in range(1, 70_000, 7))
