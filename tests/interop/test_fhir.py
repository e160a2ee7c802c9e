"""FHIR R4 export and import: every resource validates against fhir.resources' R4B
models, French identifiers follow the rules, and a practice survives the round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class

from desktop.interop import fhir_codes as fc
from desktop.interop import fhir_export, fhir_import
from desktop.practice import bulk_reads, errors
from desktop.practice.store import Practice
from tests.helpers.interop import PDF, comparable
from tests.helpers.practice import PASSPHRASE

ALL_TYPES = set(fc.RESOURCE_TYPES)


def _validate(resource: dict[str, Any]) -> None:
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)


def _ndjson(folder: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for path in folder.glob("*.ndjson"):
        out[path.stem] = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return out


def test_every_exported_resource_validates_against_r4b(demo: Practice, tmp_path: Path) -> None:
    counts = fhir_export.export_practice(demo, tmp_path / "out")
    files = _ndjson(tmp_path / "out")
    assert set(files) == ALL_TYPES
    for kind, resources in files.items():
        assert len(resources) == counts[kind]
        for resource in resources:
            assert resource["resourceType"] == kind
            _validate(resource)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert {o["type"] for o in manifest["output"]} == ALL_TYPES
    assert not list((tmp_path / "out").glob("*.part"))


def test_bundle_of_one_patient_validates_and_names_its_authors(demo: Practice) -> None:
    pid = next(bulk_reads.records(demo, "patient"))["id"]
    bundle = fhir_export.patient_bundle(demo, pid)
    _validate(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Organization", "Practitioner", "Encounter", "DocumentReference"} <= kinds
    patients = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    assert [p["id"] for p in patients] == [pid]
    doc = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
    )
    import base64

    assert base64.b64decode(doc["content"][0]["attachment"]["data"]) == PDF
    named = {
        e["resource"]["id"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Practitioner"
    }
    authors = {c.author_id for c in demo.chart(pid).consultations}
    assert authors <= named


def test_ins_carries_its_oid_only_when_the_identity_is_qualified(demo: Practice) -> None:
    from desktop.interop import fhir_out

    seen = set()
    for rec in bulk_reads.records(demo, "patient"):
        if not rec["nir"]:
            continue
        resource = fhir_out.patient(rec)
        systems = {i.get("system") for i in resource["identifier"]}
        if rec["ins_status"] == "qualifiee":
            assert systems == {fc.INS_NIR_OID}
        else:
            assert fc.INS_NIR_OID not in systems
            assert resource["identifier"] == [{"type": {"text": "NIR"}, "value": rec["nir"]}]
        seen.add(rec["ins_status"])
    assert {"qualifiee", "provisoire"} <= seen


def test_codes_systems_and_units(demo: Practice, tmp_path: Path) -> None:
    fhir_export.export_practice(demo, tmp_path / "out")
    files = _ndjson(tmp_path / "out")
    coded = [c for c in files["Condition"] if c["code"].get("coding")]
    assert coded and all(c["code"]["coding"][0]["system"] == fc.ICD10 for c in coded)
    units = {}
    def category(obs: dict[str, Any]) -> str:
        return str(obs["category"][0]["coding"][0]["code"])

    labs = [o for o in files["Observation"] if category(o) != "vital-signs"]
    assert {category(o) for o in labs} == {"laboratory"}
    assert {o["code"]["text"] for o in labs} == {"Hémoglobine", "Antigène SARS-CoV-2"}
    for obs in files["Observation"]:
        if obs in labs:
            continue
        coding = obs["code"]["coding"][0]
        assert coding["system"] == fc.LOINC
        quantities = (
            [obs["valueQuantity"]]
            if "valueQuantity" in obs
            else [c["valueQuantity"] for c in obs["component"]]
        )
        for q in quantities:
            assert q["system"] == fc.UCUM
            units.setdefault(coding["code"], set()).add(q["code"])
    assert units["29463-7"] == {"kg"}
    assert units["9843-4"] == {"cm"}  # the head circumference (schema 3)
    assert units["85354-9"] == {"mm[Hg]"}
    # Deleted records stay home: the tombstoned patient is in no file.
    ids = {p["id"] for p in files["Patient"]}
    assert len(ids) == 39


def test_round_trip_into_an_empty_practice_keeps_every_chart(
    demo: Practice, tmp_path: Path
) -> None:
    fhir_export.export_practice(demo, tmp_path / "out")
    with Practice.create(
        tmp_path / "empty", practice_name="Nouveau cabinet", username="doc", passphrase=PASSPHRASE
    ) as target:
        report = fhir_import.import_fhir(target, tmp_path / "out")
        assert report.created["patient"] == 39
        assert report.created["document"] == 1
        compared = 0
        for rec in bulk_reads.records(demo, "patient"):
            assert comparable(target.chart(rec["id"])) == comparable(demo.chart(rec["id"]))
            compared += 1
        assert compared == 39
        doc = next(bulk_reads.records(target, "document"))
        assert target.document_content(doc["id"]) == PDF
        # The empty practice's own details were blank: the export filled them in.
        assert target.practice_record()["finess"] == "690000001"
        assert target.practice_record()["name"] == "Nouveau cabinet"
        # The departed user came along, still departed, and still signs old notes.
        users = {u["username"]: u for u in bulk_reads.records(target, "user", with_deleted=True)}
        assert users["ancien"]["deleted"] is True
        # Importing again adds nothing.
        again = fhir_import.import_fhir(target, tmp_path / "out")
        assert again.created == {} and again.skipped > 0
        assert target.verify_audit().ok


def test_no_known_allergy_travels_as_its_snomed_code_and_comes_back(
    demo: Practice, tmp_path: Path
) -> None:
    [statement] = [a for a in bulk_reads.records(demo, "allergy") if a["kind"] == "none_known"]
    bundle = fhir_export.patient_bundle(demo, statement["patient_id"])
    _validate(bundle)
    [resource] = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "AllergyIntolerance"
    ]
    assert resource["code"]["coding"] == [
        {"system": "http://snomed.info/sct", "code": "716186003", "display": "No known allergy"}
    ]
    assert "type" not in resource  # not an allergy of some unnamed substance
    fhir_export.write_patient_bundle(demo, statement["patient_id"], tmp_path / "one.json")
    with Practice.create(
        tmp_path / "empty", practice_name="Autre", username="doc", passphrase=PASSPHRASE
    ) as target:
        fhir_import.import_fhir(target, tmp_path / "one.json")
        [back] = target.chart(statement["patient_id"]).allergies
        assert (back.kind, back.substance) == ("none_known", None)


def test_bundle_round_trip(demo: Practice, tmp_path: Path) -> None:
    pid = next(bulk_reads.records(demo, "patient"))["id"]
    fhir_export.write_patient_bundle(demo, pid, tmp_path / "one.json")
    with Practice.create(
        tmp_path / "empty", practice_name="Autre", username="doc", passphrase=PASSPHRASE
    ) as target:
        fhir_import.import_fhir(target, tmp_path / "one.json")
        assert comparable(target.chart(pid)) == comparable(demo.chart(pid))


def test_a_bad_resource_half_way_imports_nothing(demo: Practice, tmp_path: Path) -> None:
    fhir_export.export_practice(demo, tmp_path / "out")
    path = tmp_path / "out" / "Immunization.ndjson"
    lines = path.read_text("utf-8").splitlines()
    broken = json.loads(lines[5])
    del broken["patient"]
    lines[5] = json.dumps(broken)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with Practice.create(
        tmp_path / "empty", practice_name="Vide", username="doc", passphrase=PASSPHRASE
    ) as target:
        before = target.counts()
        with pytest.raises(errors.InvalidInputError, match="Immunization .* has no patient"):
            fhir_import.import_fhir(target, tmp_path / "out")
        assert target.counts() == before


def test_foreign_ids_get_carnet_ids_and_references_follow(
    practice: Practice, tmp_path: Path
) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Condition",
                    "id": "c1",
                    "subject": {"reference": "Patient/42"},
                    "code": {"coding": [{"system": fc.ICD10, "code": "I10"}], "text": "HTA"},
                }
            },
            {
                "resource": {
                    "resourceType": "Patient",
                    "id": "42",
                    "gender": "female",
                    "birthDate": "1960-02-03",
                    "name": [{"family": "Durand", "given": ["Anne"]}],
                }
            },
            {"resource": {"resourceType": "CarePlan", "id": "x"}},
        ],
    }
    (tmp_path / "b.json").write_text(json.dumps(bundle), "utf-8")
    report = fhir_import.import_fhir(practice, tmp_path / "b.json")
    assert report.ignored == {"CarePlan": 1}
    (patient,) = practice.search_patients("durand")
    chart = practice.chart(patient["id"])
    assert [(p.label, p.cim10) for p in chart.problems] == [("HTA", "I10")]


def test_not_json_is_a_sentence(practice: Practice, tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{nope", "utf-8")
    with pytest.raises(errors.InvalidInputError, match="x.json is not FHIR JSON"):
        fhir_import.import_fhir(practice, tmp_path / "x.json")


def test_cancelled_export_keeps_no_file(demo: Practice, tmp_path: Path) -> None:
    import threading

    cancel = threading.Event()
    seen: list[tuple[str, int, int]] = []

    def progress(kind: str, done: int, total: int) -> None:
        seen.append((kind, done, total))
        if kind == "Immunization":
            cancel.set()

    with pytest.raises(fhir_export.ExportCancelled):
        fhir_export.export_practice(demo, tmp_path / "out", progress=progress, cancel=cancel)
    assert list((tmp_path / "out").iterdir()) == []
    assert ("Patient", 39, 39) in seen


def test_cli_export_and_import_fhir(
    demo: Practice,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop import cli

    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    source = ["--data-dir", str(demo.folder)]
    assert cli.main([*source, "export", "fhir", "-o", str(tmp_path / "out")]) == 0
    assert "resources in 12 NDJSON files" in capsys.readouterr().err
    # A second export into the same folder would mix two exports: refused.
    assert cli.main([*source, "export", "fhir", "-o", str(tmp_path / "out")]) == 2
    pid = next(bulk_reads.records(demo, "patient"))["id"]
    one = tmp_path / "one.json"
    assert cli.main([*source, "export", "fhir", "--patient", pid, "-o", str(one)]) == 0
    assert cli.main([*source, "export", "fhir", "--patient", "nope", "-o", str(one)]) == 1
    target = ["--data-dir", str(tmp_path / "target")]
    assert cli.main([*target, "init", "--practice", "Neuf", "--user", "doc"]) == 0
    capsys.readouterr()
    assert cli.main([*target, "import", "fhir", str(tmp_path / "out")]) == 0
    assert "already here" in capsys.readouterr().err
    assert cli.main([*target, "import", "fhir", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_prescription_lines_apart_are_refused_not_split(demo: Practice, tmp_path: Path) -> None:
    fhir_export.export_practice(demo, tmp_path / "out")
    path = tmp_path / "out" / "MedicationRequest.ndjson"
    lines = path.read_text("utf-8").splitlines()
    groups = [json.loads(line)["groupIdentifier"]["value"] for line in lines]
    first = next(i for i in range(len(groups) - 1) if groups[i] == groups[i + 1])
    lines.append(lines.pop(first))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with Practice.create(
        tmp_path / "empty", practice_name="Vide", username="doc", passphrase=PASSPHRASE
    ) as target:
        before = target.counts()
        with pytest.raises(errors.InvalidInputError, match="not next to each other"):
            fhir_import.import_fhir(target, tmp_path / "out")
        assert target.counts() == before


def test_import_progress_counts_up_to_what_the_manifest_announces(
    demo: Practice, tmp_path: Path
) -> None:
    counts = fhir_export.export_practice(demo, tmp_path / "out")
    announced = sum(n for kind, n in counts.items() if kind != "Observation")
    seen: list[tuple[str, int, int]] = []
    with Practice.create(
        tmp_path / "empty", practice_name="Vide", username="doc", passphrase=PASSPHRASE
    ) as target:
        fhir_import.import_fhir(
            target, tmp_path / "out", progress=lambda k, d, t: seen.append((k, d, t))
        )
    assert seen and all(total == announced and done <= total for _, done, total in seen)


def test_a_prescription_for_an_ald_with_the_childs_weight_round_trips(
    practice: Practice, tmp_path: Path
) -> None:
    pid = practice.create_record("patient", {"family_name": "Petit", "sex": "M"})
    lines = [
        {"drug": "amoxicilline", "dosage": "1 dose-poids x 3", "duration": "7 jours",
         "quantity": "1 flacon", "ald": True},
        {"drug": "paracétamol", "dosage": "15 mg/kg", "duration": None, "quantity": None},
    ]  # fmt: skip
    rx, _ = practice.add_prescription(pid, lines)
    practice.revise_prescription(rx, weight_kg=18.5, height_cm=110.0)
    fhir_export.write_patient_bundle(practice, pid, tmp_path / "one.json")
    with Practice.create(
        tmp_path / "other", practice_name="Autre", username="doc", passphrase=PASSPHRASE
    ) as target:
        fhir_import.import_fhir(target, tmp_path / "one.json")
        assert comparable(target.chart(pid)) == comparable(practice.chart(pid))
