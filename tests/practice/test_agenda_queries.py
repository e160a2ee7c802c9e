"""Practice.appointments_between: the agenda's query over the starts_at index."""

from __future__ import annotations

from desktop.practice.store import Practice


def _patient(p: Practice, family: str, given: str) -> str:
    return p.create_record(
        "patient",
        {"family_name": family, "given_names": given, "birth_date": "1980-01-01", "sex": "F"},
    )


def _appointment(p: Practice, patient_id: str, starts_at: str, **extra: object) -> str:
    fields: dict[str, object] = {
        "patient_id": patient_id,
        "starts_at": starts_at,
        "duration_min": 15,
        "reason": "contrôle",
        "status": "booked",
    }
    fields.update(extra)
    return p.create_record("appointment", fields)


def test_appointments_between_is_a_half_open_range_in_time_order(practice: Practice):
    zoe = _patient(practice, "Lœuvre", "Zoé")
    max_ = _patient(practice, "Müller", "Max")
    late = _appointment(practice, zoe, "2026-03-02T17:45")
    early = _appointment(practice, max_, "2026-03-02T08:00")
    _appointment(practice, zoe, "2026-03-01T23:45")  # the day before
    _appointment(practice, zoe, "2026-03-03T00:00")  # the end bound is excluded
    got = practice.appointments_between("2026-03-02T00:00", "2026-03-03T00:00")
    assert [a.id for a in got] == [early, late]
    assert got[0].patient_family_name == "Müller"
    assert got[0].patient_given_names == "Max"
    assert got[1].patient_family_name == "Lœuvre"
    assert got[1].duration_min == 15


def test_appointments_between_leaves_out_deleted_but_keeps_cancelled(practice: Practice):
    pid = _patient(practice, "Martin", "Paul")
    gone = _appointment(practice, pid, "2026-03-02T09:00")
    cancelled = _appointment(practice, pid, "2026-03-02T10:00", status="cancelled")
    practice.delete_record("appointment", gone)
    got = practice.appointments_between("2026-03-02T00:00", "2026-03-03T00:00")
    assert [(a.id, a.status) for a in got] == [(cancelled, "cancelled")]


def test_appointments_between_uses_the_starts_at_index(practice: Practice):
    plan = practice.conn.execute(
        "EXPLAIN QUERY PLAN SELECT a.id FROM appointment a "
        "LEFT JOIN patient p ON p.id = a.patient_id "
        "WHERE a.starts_at >= ? AND a.starts_at < ? AND a.deleted IS NOT 1 "
        "ORDER BY a.starts_at, a.id",
        ("2026-03-02T00:00", "2026-03-03T00:00"),
    ).fetchall()
    assert any("appointment_by_time" in str(row) for row in plan)
