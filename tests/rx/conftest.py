"""A practice whose details and prescriber are filled in, with an adult and a child."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.practice import practitioners
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE


@pytest.fixture
def rx_practice(tmp_path: Path) -> Iterator[Practice]:
    with Practice.create(
        tmp_path / "practice", practice_name="Cabinet des Tilleuls", username="dr",
        passphrase=PASSPHRASE, display_name="Dr Martin",
    ) as p:
        practitioners.set_practice_details(
            p,
            {
                "address": "12 rue des Tilleuls",
                "postal_code": "69003",
                "city": "Lyon",
                "phone": "04 78 12 34 56",
                "email": "cabinet@tilleuls.fr",
            },
        )
        assert p.user_id is not None
        practitioners.set_profile(
            p,
            p.user_id,
            {
                "title": "Dr",
                "given_names": "Jeanne",
                "family_name": "Martin",
                "qualification": "Docteur en médecine",
                "specialty": "Médecine générale",
                "rpps": "10101234567",
            },
        )
        yield p


@pytest.fixture
def adult(rx_practice: Practice) -> str:
    return rx_practice.create_record(
        "patient",
        {"family_name": "Müller", "given_names": "Hélène", "sex": "F", "birth_date": "1971-03-08"},
    )


@pytest.fixture
def child(rx_practice: Practice) -> str:
    return rx_practice.create_record(
        "patient",
        {"family_name": "Durand", "given_names": "Léo", "sex": "M", "birth_date": "2021-05-14"},
    )


@pytest.fixture
def rx_tasks(rx_practice: Practice) -> Iterator[Any]:
    from desktop.app.tasks import Tasks

    tasks = Tasks()
    tasks.practice = rx_practice
    yield tasks
    tasks.shutdown()


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A practice folder set up with the CLI: details, a doctor and a locum login."""
    from tests.helpers.cli import prepared_folder

    return prepared_folder(tmp_path, capsys)
