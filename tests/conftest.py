"""Suite-wide settings and fixtures: Qt offscreen, a cheap Argon2id cost, practices, servers."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's settings (QSettings), and the practice names the carnet commands leave there
# for the unlock dialog, go to a folder of this run, not the developer's profile.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="carnet-tests-config-")
# Hundreds of practices are created below; the real cost (64 MiB, t=3) is tested on its own.
os.environ["CARNET_INSECURE_FAST_KDF"] = "1"

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE

# ---- Server fixtures (owner: storage backends; see tests/helpers/servers.py) ------------------
# Real storage servers on 127.0.0.1, one per session: wsgidav_server, apache_server,
# moto_server; and remote_url, a fresh empty remote on each real backend (folder,
# WsgiDAV, Apache, moto S3). Imported here so that every test folder can use them.
from tests.helpers.servers import (  # noqa: F401
    apache_server,
    moto_server,
    remote_url,
    wsgidav_server,
)

# ---- End of server fixtures ------------------------------------------------------------

atexit.register(shutil.rmtree, os.environ["XDG_CONFIG_HOME"], ignore_errors=True)



@pytest.fixture
def practice_dir(tmp_path: Path) -> Path:
    return tmp_path / "practice"


@pytest.fixture
def practice(practice_dir: Path) -> Iterator[Practice]:
    with Practice.create(
        practice_dir, practice_name="Cabinet des Tilleuls", username="dr", passphrase=PASSPHRASE
    ) as p:
        yield p


@pytest.fixture(autouse=True)
def ui_language(request: pytest.FixtureRequest) -> Iterator[None]:
    """Widget tests read the source (English) strings with British number formats, whatever
    the machine's locale or a language a previous test chose; French has tests of its own."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from desktop.app import i18n

    i18n.install("en")
    yield
    i18n.install("en")
