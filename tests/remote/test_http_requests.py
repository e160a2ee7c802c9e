"""HTTP requests a sync sends, counted on the wire against the real servers: an idle sync
is one request on every kind of storage (heads are flat under ``heads/``, so even Apache,
which lists one folder level per request, needs a single PROPFIND)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests

from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from sync.changes import new_id
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import make_remote


@pytest.mark.server
@pytest.mark.parametrize("kind", ["webdav-apache", "webdav-wsgidav", "s3-moto"])
def test_an_idle_sync_is_one_http_request(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
):
    target = make_remote(kind, request, tmp_path)
    for key, value in target.env.items():
        monkeypatch.setenv(key, value)
    sent: list[str] = []
    real_send = requests.adapters.HTTPAdapter.send

    def counting_send(self: Any, req: requests.PreparedRequest, **kw: Any) -> Any:
        sent.append(str(req.method))
        return real_send(self, req, **kw)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", counting_send)
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, target.url, passphrase=PASSPHRASE, create=True)
        office.create_record("patient", {"family_name": "Un", "birth_date": "1970-01-01"})
        with join(
            tmp_path / "second", target.url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE
        ) as second:
            second.create_record("patient", {"family_name": "Deux", "birth_date": "1971-01-01"})
            SyncService(second).sync()
        service = SyncService(office)
        service.sync()
        service.sync()  # warm: the second device's key pinned, nothing left to fetch
        sent.clear()
        report = service.engine().sync()
        assert report.pushed_changes == 0 and not report.pulled_changes
        assert len(sent) == 1, sent

        # 10,000 changes (9,999 records and the import's audit entry, which travels
        # with them): one segment and one head. WebDAV writes each as PUT then MOVE
        # (a reader never sees half an object), S3 as one conditional PUT.
        office.import_records(
            ("patient", new_id(), {"family_name": f"P{i}", "birth_date": "1980-01-01"})
            for i in range(9_999)
        )
        sent.clear()
        report = service.engine().sync()
        assert report.pushed_changes == 10_000
        expected = ["PROPFIND", "PUT", "MOVE", "PUT", "MOVE", "DELETE"]
        if kind == "s3-moto":
            expected = ["GET", "PUT", "PUT", "DELETE"]
        assert sent == expected
