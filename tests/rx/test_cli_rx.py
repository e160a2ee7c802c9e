"""The paper from the command line: practice and practitioner details, the drug list,
a prescription and the same PDF the app prints."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.practice.store import Practice
from tests.helpers.cli import patient, run
from tests.helpers.pdf import pdf_text
from tests.helpers.practice import PASSPHRASE

FIXTURE = Path(__file__).parent / "bdpm"


def test_add_a_prescription_and_get_its_pdf(folder: Path, capsys, tmp_path: Path):
    pid = patient(capsys, folder)
    code, rx, _ = run(capsys, folder, "prescription", "add", pid,
                      "--line", "Amoxicilline 1 g | 1 cp matin et soir | 7 jours | 1 boîte",
                      "--line", "paracétamol 1 g | 1 cp 3 fois par jour | 1 mois | | 2")
    assert code == 0 and len(rx) > 20
    out = tmp_path / "o.pdf"
    assert run(capsys, folder, "prescription", "pdf", rx, "-o", str(out))[0] == 0
    text = pdf_text(out)
    for mention in ("Dr Anne ROUX", "Médecin généraliste", "RPPS : 10100000001",
                    "3 place du Parc", "33000 Bordeaux", "France", "+33 5 56 00 11 22",
                    "accueil@parc.fr", f"Le {dt.date.today():%d/%m/%Y}", "PETIT Louise",
                    "Sexe : féminin", "Née le 01/02/1960", "Amoxicilline 1 g",
                    "1 cp matin et soir", "Durée : 7 jours", "Quantité : 1 boîte",
                    "À renouveler 2 fois", "Signature du prescripteur"):
        assert mention in text, mention
    code, renewed, _ = run(capsys, folder, "prescription", "renew", rx)
    assert code == 0 and renewed != rx


def test_an_allergy_refuses_until_a_reason_is_given(folder: Path, capsys):
    pid = patient(capsys, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        p.create_record("allergy", {"patient_id": pid, "substance": "pénicillines"})
    line = "Amoxicilline 1 g | 1 cp x 2/j | 7 jours"
    code, _, err = run(capsys, folder, "prescription", "add", pid, "--line", line)
    assert code == 2 and "allergy 'pénicillines'" in err and "penicillins" in err
    code, rx, _ = run(capsys, folder, "prescription", "add", pid, "--line", line,
                      "--allergy-override", "tolérée en 2025")
    assert code == 0
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        [item] = p.chart(pid).prescriptions
    assert item.current.lines[0]["override_reason"] == "tolérée en 2025"


def test_drugs_import_then_a_brand_prints_as_its_dci(folder: Path, capsys, tmp_path: Path):
    code, _, err = run(capsys, folder, "drugs", "import", str(FIXTURE))
    assert code == 0 and "7 products" in err and "cp1252" in err
    code, out, _ = run(capsys, folder, "drugs", "search", "clamox")
    assert "CLAMOXYL 1 g, comprimé dispersible\tamoxicilline 1 g, comprimé dispersible" in out
    pid = patient(capsys, folder, birth="2020-06-30")
    glucophage = "GLUCOPHAGE 1000 mg, comprimé pelliculé sécable | 1 cp x 2/j | 3 mois"
    code, rx, _ = run(capsys, folder, "prescription", "add", pid, "--ald", "--line", glucophage,
                      "--other", "CLAMOXYL 1 g, comprimé dispersible | 1 cp x 2/j | 7 jours",
                      "--weight", "21.5", "--height", "115")
    assert code == 0
    out = tmp_path / "ald.pdf"
    assert run(capsys, folder, "prescription", "pdf", rx, "-o", str(out))[0] == 0
    text = pdf_text(out)
    assert text.index("AFFECTION EXONÉRANTE") < text.index("metformine 1000 mg") < text.index(
        "MALADIES INTERCURRENTES") < text.index("amoxicilline 1 g, comprimé dispersible")
    assert "Poids : 21,5 kg" in text and "Taille : 115 cm" in text


def test_a_locum_set_from_the_cli_prints_whom_they_replace(folder: Path, capsys, tmp_path):
    assert run(capsys, folder, "user", "set", "remp", "given_names=Marc", "family_name=Blanc",
               "rpps=10100000002", "replaces=dr")[0] == 0
    code, out, _ = run(capsys, folder, "user", "show", "remp")
    assert '"locum": true' in out
    pid = patient(capsys, folder)
    os.environ["CARNET_PASSPHRASE"] = PASSPHRASE
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        from desktop.practice import prescriptions
        from desktop.practice.prescriptions import RxLine

        p.session.user_id = next(u["id"] for u in p.users() if u["username"] == "remp")
        rx = prescriptions.add(p, pid, [RxLine("paracétamol 1 g", "1 cp", "3 jours")])
    del os.environ["CARNET_PASSPHRASE"]
    out_pdf = tmp_path / "l.pdf"
    assert run(capsys, folder, "prescription", "pdf", rx, "-o", str(out_pdf))[0] == 0
    assert "Remplaçant du Dr Anne ROUX" in pdf_text(out_pdf)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["practice", "set", "colour=blue"], "no field 'colour'"),
        (["practice", "set", "email=nope"], "email address looks wrong"),
        (["user", "set", "dr", "rpps=123"], "RPPS number has 11 digits"),
        (["user", "set", "nobody", "rpps=10100000001"], "no user with login 'nobody'"),
        (["user", "set", "dr", "replaces=dr"], "cannot replace themselves"),
        (["practice", "set", "name"], "expected FIELD=VALUE"),
        (["prescription", "add", "x"], "at least one --line"),
        (["prescription", "add", "x", "--line", "a|b|c|d|e|f"], "--line expects"),
        (["prescription", "pdf", "nope", "-o", "x.pdf"], "no prescription with id nope"),
        (["drugs", "import", "/nonexistent"], "is not a folder"),
    ],
)
def test_bad_input_is_one_sentence(folder: Path, capsys, args: list[str], message: str):
    code, _, err = run(capsys, folder, *args)
    assert code != 0 and message in err


def test_pdf_into_a_missing_folder_is_a_storage_error(folder: Path, capsys, tmp_path: Path):
    pid = patient(capsys, folder)
    _, rx, _ = run(capsys, folder, "prescription", "add", pid, "--line", "paracétamol | 1 cp | 3 j")
    code, _, err = run(capsys, folder, "prescription", "pdf", rx, "-o",
                       str(tmp_path / "no" / "where.pdf"))
    assert code == 1 and "cannot write" in err and "choose another folder" in err


def test_a_real_process_writes_the_pdf_headless(folder: Path, capsys, tmp_path: Path):
    pid = patient(capsys, folder)
    _, rx, _ = run(capsys, folder, "prescription", "add", pid, "--line", "paracétamol | 1 cp | 3 j")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["CARNET_PASSPHRASE"] = PASSPHRASE
    out = tmp_path / "p.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(folder), "prescription", "pdf",
         rx, "-o", str(out)], env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "PETIT Louise" in pdf_text(out)
