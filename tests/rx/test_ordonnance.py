"""The printed ordonnance carries every mention R.5132-3 asks for (read back from the PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.practice import errors, practitioners, prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.practice.store import Practice
from desktop.practice.textfold import paper_name
from desktop.reports.prescription import file_name, international_phone, write_ordonnance
from tests.helpers.pdf import pdf_text

TODAY = dt.date.today().strftime("%d/%m/%Y")
AMOX = RxLine(
    "amoxicilline 1 g, comprimé dispersible",
    dosage="1 comprimé matin et soir",
    duration="7 jours",
    quantity="1 boîte",
    dci="amoxicilline",
    brand="CLAMOXYL 1 g, comprimé dispersible",
)
PARA = RxLine(
    "paracétamol 500 mg, comprimé",
    dosage="1 comprimé 3 fois par jour si douleur",
    duration="1 mois",
    renewals=2,
)


def paper(p: Practice, rx: str, tmp_path: Path) -> str:
    out = tmp_path / "ordonnance.pdf"
    write_ordonnance(out, prescriptions.ordonnance(p, rx))
    assert out.read_bytes().startswith(b"%PDF")
    return pdf_text(out)


def assert_prescriber_mentions(text: str) -> None:
    for mention in (
        "Dr Jeanne MARTIN",
        "Docteur en médecine",
        "Médecine générale",
        "RPPS : 10101234567",
        "12 rue des Tilleuls",
        "69003 Lyon",
        "France",
        "+33 4 78 12 34 56",
        "cabinet@tilleuls.fr",
        f"Le {TODAY}",
        "Signature du prescripteur",
    ):
        assert mention in text, mention


def test_an_adults_ordonnance_has_every_mention(rx_practice: Practice, adult: str, tmp_path):
    rx = prescriptions.add(rx_practice, adult, [AMOX, PARA])
    text = paper(rx_practice, rx, tmp_path)
    assert_prescriber_mentions(text)
    for mention in (
        "MÜLLER Hélène",
        "Sexe : féminin",
        "Née le 08/03/1971 (",
        "1. amoxicilline 1 g, comprimé dispersible",  # the DCI first
        "(CLAMOXYL 1 g, comprimé dispersible)",
        "1 comprimé matin et soir",
        "Durée : 7 jours",
        "Quantité : 1 boîte",
        "2. paracétamol 500 mg, comprimé",
        "1 comprimé 3 fois par jour si douleur",
        "Durée : 1 mois",
        "À renouveler 2 fois",
        "2 lignes de prescription",
    ):
        assert mention in text, mention
    assert "Poids" not in text  # an adult's weight only when the GP gives it
    assert "Remplaçant" not in text and "BIZONE" not in text
    # The signature comes right after the last line (R.5132-4).
    assert text.index("À renouveler 2 fois") < text.index("Signature du prescripteur")


def test_a_childs_ordonnance_has_weight_height_and_birth_date(
    rx_practice: Practice, child: str, tmp_path
):
    line = RxLine("amoxicilline 250 mg/5 ml, poudre pour suspension buvable",
                  dosage="18,5 kg : 2,5 ml 3 fois par jour", duration="6 jours")
    rx = prescriptions.add(rx_practice, child, [line], weight_kg=18.5, height_cm=108)
    text = paper(rx_practice, rx, tmp_path)
    assert_prescriber_mentions(text)
    for mention in ("DURAND Léo", "Sexe : masculin", "Né le 14/05/2021 (",
                    "Poids : 18,5 kg", "Taille : 108 cm",
                    "amoxicilline 250 mg/5 ml, poudre pour suspension buvable"):
        assert mention in text, mention
    assert prescriptions.ordonnance(rx_practice, rx).is_child


def test_a_locums_ordonnance_says_whom_they_replace(rx_practice: Practice, adult: str, tmp_path):
    p = rx_practice
    titular = practitioners.for_user(p, p.user_id or "")
    assert titular is not None
    locum_user = p.create_record("user", {"username": "remplacant", "display_name": "Paul Leroy",
                                          "role": "locum"})
    practitioners.set_profile(p, locum_user, {
        "given_names": "Paul", "family_name": "Leroy", "qualification": "Médecin remplaçant",
        "rpps": "10109876543", "email": "p.leroy@example.fr", "locum": True,
        "replaces_id": titular.id,
    })
    p.session.user_id = locum_user  # the locum is the one writing
    rx = prescriptions.add(p, adult, [AMOX])
    text = paper(p, rx, tmp_path)
    for mention in ("Dr Paul LEROY", "Médecin remplaçant", "Remplaçant du Dr Jeanne MARTIN",
                    "RPPS : 10109876543", "RPPS du Dr MARTIN : 10101234567",
                    "p.leroy@example.fr",  # the locum's own email wins over the practice's
                    "12 rue des Tilleuls", "France", "+33 4 78 12 34 56", f"Le {TODAY}",
                    "MÜLLER Hélène", "Sexe : féminin", "Née le 08/03/1971 (",
                    "amoxicilline 1 g", "Signature du prescripteur"):
        assert mention in text, mention


def test_ald_layout_has_two_zones_and_non_substitutable(rx_practice: Practice, adult, tmp_path):
    ald_line = RxLine("metformine 1000 mg, comprimé", dosage="1 comprimé matin et soir",
                      duration="3 mois", ald=True, non_substitutable=True, ns_reason="MTE")
    rx = prescriptions.add(rx_practice, adult, [ald_line, AMOX])
    text = paper(rx_practice, rx, tmp_path)
    top = text.index("affection de longue durée reconnue")
    bottom = text.index("SANS RAPPORT avec l'affection de longue durée")
    assert top < text.index("metformine 1000 mg") < bottom < text.index("amoxicilline 1 g")
    assert "NON SUBSTITUABLE (MTE) metformine" in text
    assert text.count("NON SUBSTITUABLE") == 1


def test_the_file_name_says_what_it_is(rx_practice: Practice, adult: str):
    rx = prescriptions.add(rx_practice, adult, [PARA])
    name = file_name(prescriptions.ordonnance(rx_practice, rx))
    assert name == f"ordonnance-MULLER-{dt.date.today().isoformat()}.pdf"


def test_a_ligature_in_the_name_is_spelled_out_in_the_file_name():
    """NFKD leaves Œ whole: LEBŒUF's prescription was saved as ordonnance-LEB-UF-…"""
    on = dt.date(2026, 12, 1)
    assert paper_name("ordonnance", "LEBŒUF", on) == "ordonnance-LEBOEUF-2026-12-01.pdf"
    assert paper_name("courrier", "Le Bœuf", on) == "courrier-LE-BOEUF-2026-12-01.pdf"
    assert paper_name("certificat", "Müller", on) == "certificat-MULLER-2026-12-01.pdf"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [("01 23 45 67 89", "+33 1 23 45 67 89"), ("0478123456", "+33 4 78 12 34 56"),
     ("+33 6 12 34 56 78", "+33 6 12 34 56 78"), ("0033 1 23 45 67 89", "+33 1 23 45 67 89")],
)
def test_phones_print_with_the_international_prefix(typed: str, printed: str):
    assert international_phone(typed) == printed


def test_bad_lines_are_refused_with_a_sentence(rx_practice: Practice, adult: str):
    with pytest.raises(errors.InvalidInputError, match="at least one line"):
        prescriptions.add(rx_practice, adult, [])
    with pytest.raises(errors.InvalidInputError, match="renewals"):
        prescriptions.add(rx_practice, adult, [RxLine("paracétamol", renewals=13)])
    with pytest.raises(errors.InvalidInputError, match="weight"):
        prescriptions.add(rx_practice, adult, [PARA], weight_kg=-3)


@pytest.mark.parametrize(
    ("born", "on", "shown"),
    [("2026-06-15", "2026-12-01", "5 mois"), ("2025-06-01", "2026-12-01", "18 mois"),
     ("2024-12-02", "2026-12-01", "23 mois"), ("2024-12-01", "2026-12-01", "2 ans"),
     ("1971-03-08", "2026-12-01", "55 ans")],
)
def test_an_infants_age_is_in_months(born: str, on: str, shown: str):
    from desktop.reports.prescription import age_text

    assert age_text(dt.date.fromisoformat(born), dt.date.fromisoformat(on)) == shown


def test_a_woman_is_nee_and_a_profile_less_login_prints_its_title_once(
    tmp_path: Path,
):
    from tests.helpers.practice import PASSPHRASE

    with Practice.create(
        tmp_path / "p", practice_name="Cabinet", username="claire",
        passphrase=PASSPHRASE, display_name="Dr Claire Martin",
    ) as p:  # fmt: skip
        pid = p.create_record("patient", {
            "family_name": "Roussel", "birth_name": "Michel", "given_names": "Élodie",
            "sex": "F", "birth_date": "1980-05-02",
        })  # fmt: skip
        text = paper(p, prescriptions.add(p, pid, [PARA]), tmp_path)
    assert "(née MICHEL)" in text and "né(e)" not in text
    assert "Dr Claire MARTIN" in text and "Dr DR" not in text  # was "Dr DR CLAIRE MARTIN"
