"""The app says the one error vocabulary through tr: a refused login is its own
translated sentence, and a bug in SQL reaches the crash dialog (no sentence)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.app import i18n
from desktop.app.errors import message_for
from desktop.practice import errors
from desktop.practice.store import Practice
from sync.backends.webdav import WebDavBackend
from tests.helpers.servers import Server


@pytest.fixture
def refused(wsgidav_server: Server) -> Exception:
    """What a WebDAV server really answers to a wrong password."""
    backend = WebDavBackend(wsgidav_server.base, wsgidav_server.user, "not-the-password")
    try:
        backend.check()
    except Exception as exc:  # noqa: BLE001 - the error under test
        return exc
    finally:
        backend.close()
    raise AssertionError("the server accepted a wrong password")


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_refused_credentials_have_their_own_sentence(qapp: object, refused: Exception) -> None:
    shown = message_for(refused)
    assert shown is not None and shown.startswith("The sync storage refused the login")
    assert "cannot be reached" not in shown


def test_refused_credentials_in_french(french: None, refused: Exception) -> None:
    shown = message_for(refused)
    assert shown is not None
    assert shown.startswith("Le stockage de synchronisation a refusé l'identifiant")


def test_a_bug_in_sql_is_no_disk_sentence_but_the_crash_dialog(
    qapp: object, practice: Practice
) -> None:
    with pytest.raises(errors.DatabaseBugError) as caught:
        practice.session.execute("SELECT nothing FROM no_such_table")
    assert message_for(caught.value) is None
