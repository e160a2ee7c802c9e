"""The read models at the store's boundary: frozen, complete (every field the schema has,
every version of every note, in order), and a secretary's chart carries no clinical data."""

from __future__ import annotations

import dataclasses

from desktop.practice import models
from desktop.practice.models import Chart
from desktop.practice.schema import ENTITIES


def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def test_each_row_type_holds_exactly_its_entitys_fields():
    extra: dict[str, tuple[str, ...]] = {
        "appointment": ("patient_family_name", "patient_given_names"),
        "consultation": ("versions",),
        "prescription": ("versions",),
    }
    for entity, kind in models.ROW_TYPES.items():
        assert _names(kind) == ("id", *ENTITIES[entity].field_names, *extra.get(entity, ())), entity
    assert ("id", *ENTITIES["patient"].field_names) == models.IDENTITY
    assert set(models.SECTIONS.values()) | set(models.IDENTITY) | {"front_desk"} == set(
        _names(Chart)
    )
