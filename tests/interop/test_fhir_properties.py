"""Property: any patient identity Carnet can hold comes back from FHIR unchanged, and
the resource always validates (hypothesis explores names, accents, missing fields)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.patient import Patient
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.interop import fhir_in, fhir_out

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=20,
)
WORDS = st.lists(TEXT, min_size=1, max_size=3).map(" ".join)
OPTIONAL = st.none() | TEXT


@st.composite
def patients(draw: Any) -> dict[str, Any]:
    return {
        "id": "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
        "family_name": draw(WORDS),
        "birth_name": draw(st.none() | WORDS),
        "given_names": draw(st.none() | WORDS),
        "sex": draw(st.sampled_from(["F", "M", "U"])),
        "birth_date": draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        "birth_place_code": draw(OPTIONAL),
        "nir": draw(st.none() | st.from_regex(r"\A[12][0-9]{14}\Z")),
        "ins_status": draw(
            st.sampled_from([None, "provisoire", "recuperee", "validee", "qualifiee"])
        ),
        "phone": draw(OPTIONAL),
        "phone2": None,
        "email": draw(OPTIONAL),
        "address": draw(st.none() | WORDS),
        "postal_code": draw(OPTIONAL),
        "city": draw(OPTIONAL),
        "referring_gp": draw(OPTIONAL),
        "insurance": draw(OPTIONAL),
        "deleted": False,
    }


@settings(max_examples=150, deadline=None)
@given(patients())
def test_patient_identity_survives_fhir(record: dict[str, Any]) -> None:
    resource = fhir_out.patient(record)
    Patient.model_validate(resource)
    entity, record_id, fields = fhir_in.patient(resource, fhir_in.Ids())
    assert (entity, record_id) == ("patient", record["id"])
    assert fields == {k: v for k, v in record.items() if k != "id"}
