"""Fixtures of the end-to-end suite: one virtual display and driver per run, real apps."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import App, Driver, Session, _missing
from tests.helpers.servers import require_or_skip


@pytest.fixture(scope="session")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    missing = _missing()
    if missing:
        require_or_skip(missing)
    s = Session(tmp_path_factory.mktemp("desktop"))
    yield s
    s.close()


@pytest.fixture(scope="session")
def driver(session: Session) -> Iterator[Driver]:
    d = Driver(session.env)
    yield d
    d.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots and app logs; CARNET_E2E_SHOTS keeps them somewhere to look at."""
    kept = os.environ.get("CARNET_E2E_SHOTS")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    return tmp_path_factory.mktemp("shots")


@pytest.fixture
def start_app(session: Session, driver: Driver, shots: Path, tmp_path: Path) -> Iterator[Any]:
    """``start_app(data_dir=None)`` starts a real carnet; all are closed after the test."""
    apps: list[App] = []

    def start(data_dir: Path | None = None) -> App:
        app = App(session, driver, data_dir or tmp_path / f"practice{len(apps)}", shots)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.close()
