"""The drug list: the BDPM files as published (Windows-1252 or UTF-8), and the starter list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.practice import bdpm, errors
from desktop.practice.drugs import FILE_NAME, DrugIndex, import_bdpm

FIXTURE = Path(__file__).parent / "bdpm"


@pytest.fixture
def imported(tmp_path: Path) -> DrugIndex:
    report = import_bdpm(FIXTURE, tmp_path)
    assert report.encoding == "cp1252"
    # 9 products: one withdrawn, one whose only pack left the market
    assert report.products == 7
    assert set(report.files) == {"CIS_bdpm.txt", "CIS_COMPO_bdpm.txt", "CIS_CIP_bdpm.txt",
                                 "CIS_MITM.txt"}
    index = DrugIndex.open(tmp_path)
    assert index.source == "bdpm"
    return index


def test_the_fixture_is_in_the_official_encoding():
    raw = (FIXTURE / "CIS_bdpm.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "SŒUR" in raw.decode("cp1252") and b"\t" in raw and b"\r\n" in raw


def test_a_brand_completes_to_its_dci(imported: DrugIndex):
    [brand] = [d for d in imported.search("clamox") if d.kind == "brand"]
    assert brand.label == "CLAMOXYL 1 g, comprimé dispersible"
    assert brand.drug == "amoxicilline 1 g, comprimé dispersible"  # what prints
    assert brand.dci == "amoxicilline" and brand.substances == ("amoxicilline",)
    assert brand.atc == "J01CA04" and brand.cis == "60234100"


def test_a_dci_completes_dosed_forms_first_then_the_molecule_then_brands(imported: DrugIndex):
    """The bare molecule first made the GP's Down+Enter an ordonnance line without a
    dose ('amoxicilline — 1 cp matin et soir'), which a pharmacist cannot dispense."""
    hits = imported.search("amox")
    assert hits[0].kind == "dci" and hits[0].label == "amoxicilline 500 mg, gélule"
    kinds = [h.kind for h in hits]
    assert kinds == sorted(kinds, key={"dci": 0, "molecule": 1, "brand": 2}.__getitem__)
    assert "amoxicilline" in [h.label for h in hits if h.kind == "molecule"]
    labels = [h.label for h in hits]
    assert "amoxicilline 500 mg, gélule" in labels
    assert "AMOXICILLINE BIOGARAN 500 mg, gélule" in labels
    combo = [h for h in hits if h.label.startswith("amoxicilline 1 g + acide clavulanique")]
    assert combo and combo[0].substances == ("amoxicilline", "acide clavulanique")
    assert combo[0].drug == (
        "amoxicilline 1 g + acide clavulanique 125 mg, poudre pour suspension buvable en "
        "sachet-dose"
    )


def test_salts_fold_to_the_dci_and_accents_do_not_matter(imported: DrugIndex):
    assert [h.label for h in imported.search("cetiriz") if h.kind == "molecule"] == ["cétirizine"]
    assert [h.label for h in imported.search("METFORMINE 1000") if h.kind == "dci"] == [
        "metformine 1000 mg, comprimé pelliculé sécable"
    ]
    assert [h.label for h in imported.search("parac") if h.kind == "dci"] == [
        "paracétamol 1000 mg, comprimé"
    ]
    assert imported.search("ancienproduit") == []  # withdrawn
    assert imported.search("tramadol") == []  # its only pack left the market


def test_utf8_files_import_too(tmp_path: Path):
    folder = tmp_path / "utf8"
    folder.mkdir()
    for path in FIXTURE.glob("*.txt"):
        (folder / path.name).write_text(path.read_bytes().decode("cp1252"), encoding="utf-8")
    report = import_bdpm(folder, tmp_path / "out")
    assert report.encoding == "utf-8" and report.products == 7
    assert DrugIndex.open(tmp_path / "out").search("cétirizine")


def test_only_the_two_main_files_are_required(tmp_path: Path):
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("CIS_bdpm.txt", "CIS_COMPO_bdpm.txt"):
        shutil.copy(FIXTURE / name, folder / name)
    report = import_bdpm(folder, tmp_path / "out")
    assert report.products == 8  # without the packs file, every marketed product stays
    assert DrugIndex.open(tmp_path / "out").search("tramadol")[0].label == "tramadol 50 mg, gélule"


def test_a_bad_file_is_refused_and_the_previous_index_kept(tmp_path: Path):
    import_bdpm(FIXTURE, tmp_path)
    before = (tmp_path / FILE_NAME).read_bytes()
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURE, bad)
    with (bad / "CIS_COMPO_bdpm.txt").open("ab") as f:
        f.write(b"not a compo line\r\n")
    with pytest.raises(errors.InvalidInputError, match=r"CIS_COMPO_bdpm.txt, line 16"):
        import_bdpm(bad, tmp_path)
    assert (tmp_path / FILE_NAME).read_bytes() == before
    (bad / "CIS_bdpm.txt").unlink()
    with pytest.raises(errors.InvalidInputError, match="lacks CIS_bdpm.txt"):
        import_bdpm(bad, tmp_path)
    with pytest.raises(errors.InvalidInputError, match="is not a folder"):
        import_bdpm(tmp_path / "nowhere", tmp_path)


def test_the_starter_list_answers_before_any_import(tmp_path: Path):
    index = DrugIndex.open(tmp_path)
    assert index.source == "starter"
    hits = index.search("amoxi")
    assert hits[0].label == "amoxicilline 500 mg, gélule" and hits[0].atc == "J01CA04"
    labels = [h.label for h in hits]
    assert "amoxicilline 1 g, comprimé dispersible" in labels
    assert "amoxicilline 1 g, gélule" not in labels  # no such product in France
    assert labels.index("amoxicilline") > labels.index("amoxicilline 1 g, comprimé dispersible")
    assert index.search("ibu")[0].substances == ("ibuprofène",)
    assert index.search("") == []


def test_the_starter_list_knows_the_brands_a_gp_types(tmp_path: Path):
    """'doliprane', the placeholder's own example, found nothing before a BDPM import and
    went on the ordonnance as typed: a brand where the law asks for the DCI."""
    from desktop.practice.prescriptions import RxLine, with_drug

    index = DrugIndex.open(tmp_path)
    hits = index.search("doliprane 1")
    assert [h.label for h in hits] == [
        "Doliprane (paracétamol 1 g, gélule)", "Doliprane (paracétamol 1 g, comprimé)",
    ]  # fmt: skip
    line = with_drug(RxLine(hits[1].label), hits[1])
    assert line.drug == "paracétamol 1 g, comprimé" and line.brand == ""  # the DCI prints
    assert line.substances == ("paracétamol",)  # and the allergy check knows it
    assert index.search("augmentin")[0].drug.startswith("amoxicilline + acide clavulanique")
    labels = [h.label for h in index.search("amoxi")]
    assert labels[0] == "amoxicilline 500 mg, gélule"  # the brands come last
    assert index.resolve("Doliprane (paracétamol 1 g, comprimé)") is not None
    kardegic = {h.drug for h in index.search("kardegic")}  # no aspirin 500 mg under its name
    assert kardegic == {"acide acétylsalicylique 75 mg, comprimé",
                        "acide acétylsalicylique 75 mg, poudre pour solution buvable"}  # fmt: skip


def test_decode_reports_what_it_found():
    assert bdpm.decode("é".encode()) == ("é", "utf-8")
    assert bdpm.decode("é".encode("cp1252")) == ("é", "cp1252")
    assert bdpm.decode(b"\x81") == ("\x81", "latin-1")  # a byte cp1252 leaves undefined


@pytest.mark.parametrize(
    ("substance", "dci"),
    [("CHLORHYDRATE DE TRAMADOL", "tramadol"), ("AMOXICILLINE TRIHYDRATÉE", "amoxicilline"),
     ("DICHLORHYDRATE DE CÉTIRIZINE", "cétirizine"), ("CHLORURE DE SODIUM", "chlorure de sodium"),
     ("IBUPROFÈNE", "ibuprofène")],
)
def test_salts_are_dropped_from_the_dci(substance: str, dci: str):
    assert bdpm.dci_name(substance) == dci


def test_typed_drugs_resolve_to_their_molecule(imported: DrugIndex, tmp_path: Path):
    from desktop.practice.prescriptions import RxLine, with_drug

    assert imported.resolve("Amoxicilline 1 g").substances == ("amoxicilline",)  # type: ignore[union-attr]
    brand = imported.resolve("clamoxyl 1 g, comprimé dispersible")
    line = with_drug(RxLine("clamoxyl 1 g, comprimé dispersible"), brand)
    assert line.drug == "amoxicilline 1 g, comprimé dispersible"
    assert line.brand == "CLAMOXYL 1 g, comprimé dispersible" and line.atc == "J01CA04"
    assert imported.resolve("homéopathie") is None
    assert DrugIndex.open(tmp_path / "none").resolve("ibuprofène 400 mg").dci == "ibuprofène"  # type: ignore[union-attr]
