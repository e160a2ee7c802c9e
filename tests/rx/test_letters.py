"""Letters and certificates: templates filled from the chart, the practitioner and the
practice; the practice's own version replaces a shipped one; kept in the chart as a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.practice import errors, letters
from desktop.practice.store import Practice
from desktop.reports.letters import render_letter
from tests.helpers.cli import patient, run
from tests.helpers.pdf import pdf_text

SPORT = "Certificat de non contre-indication à la pratique sportive"


def test_shipped_templates_cover_the_commonest_paper():
    names = [t.name for t in letters.shipped()]
    assert names == ["Courrier d'adressage", "Certificat médical", SPORT]
    for t in letters.shipped():
        fields = {f for f in letters.FIELDS if "${" + f + "}" in t.body}
        assert {"patient_name", "patient_birth_date"} <= fields or t.kind == "letter"


def test_a_sports_certificate_is_filled_and_kept_in_the_chart(
    rx_practice: Practice, adult: str, tmp_path: Path
):
    p = rx_practice
    made = letters.draft(p, adult, SPORT, on=dt.date(2026, 12, 1))
    assert "Dr Jeanne MARTIN, Docteur en médecine" in made.text
    assert "Madame Hélène MÜLLER" in made.text and "08/03/1971" in made.text
    assert "${" not in made.text
    made = letters.letter(p, adult, made.template, made.text.replace("[sport]", "le judo"))
    pdf = render_letter(made)
    doc = letters.keep_in_chart(p, adult, made, pdf)
    [stored] = p.chart(adult).documents
    assert stored.id == doc and stored.kind == "letter"
    assert stored.filename == f"certificat-MULLER-{made.on.isoformat()}.pdf"
    out = tmp_path / "c.pdf"
    out.write_bytes(p.document_content(doc))
    text = pdf_text(out)
    for mention in ("CERTIFICAT DE NON CONTRE-INDICATION", "le judo", "Lyon, le",
                    "RPPS : 10101234567", "+33 4 78 12 34 56", "Signature", "Dr Jeanne MARTIN"):
        assert mention in text, mention


def test_a_referral_letter_lists_the_chart(rx_practice: Practice, adult: str):
    p = rx_practice
    p.create_record("allergy", {"patient_id": adult, "substance": "Pénicilline"})
    p.create_record("problem", {"patient_id": adult, "label": "Diabète de type 2"})
    p.create_record("treatment", {"patient_id": adult, "drug": "metformine", "dosage": "1 g x2"})
    text = letters.draft(p, adult, "Courrier d'adressage").text
    assert "Allergies : Pénicilline" in text
    assert "Antécédents : Diabète de type 2" in text
    assert "Traitement en cours : metformine 1 g x2" in text


def test_a_referral_letter_lists_what_the_patient_is_still_taking(
    rx_practice: Practice, child: str
):
    """The letter said 'Traitement en cours : aucun' a minute after the ordonnance of an
    antibiotic (seen by the fourth GP pass), and 'Madame' for a girl of 12."""
    from desktop.practice import prescriptions
    from desktop.practice.prescriptions import RxLine

    p = rx_practice
    p.create_record("treatment", {"patient_id": child, "drug": "salbutamol", "dosage": "si gêne"})
    prescriptions.add(p, child, [
        RxLine("amoxicilline 250 mg/5 ml, poudre pour suspension buvable",
               "1 dose-poids 3 fois par jour", "6 jours"),
        RxLine("paracétamol 2,4 %, suspension buvable", "1 dose-poids si fièvre", "2 jours"),
        RxLine("sérum physiologique", "lavage de nez", quantity="1 boîte"),
    ])  # fmt: skip
    today = dt.date.today()
    text = letters.draft(p, child, "Courrier d'adressage", on=today).text
    assert (
        "Traitement en cours : salbutamol si gêne; amoxicilline 250 mg/5 ml, poudre pour "
        "suspension buvable (1 dose-poids 3 fois par jour); paracétamol 2,4 %, suspension "
        "buvable (1 dose-poids si fièvre); sérum physiologique (lavage de nez)"
    ) in text
    later = letters.draft(p, child, "Courrier d'adressage", on=today + dt.timedelta(days=3))
    assert "Traitement en cours : salbutamol si gêne; amoxicilline 250 mg/5 ml" in later.text
    assert "paracétamol" not in later.text and "sérum" not in later.text  # over by then
    assert "Je vous adresse l'enfant Léo DURAND, " in text
    assert prescriptions.duration_days("3 sem.") == 21
    assert prescriptions.duration_days("1 mois") == 30
    assert prescriptions.duration_days("1 boîte") is None


def test_the_practices_version_replaces_the_shipped_one(rx_practice: Practice, adult: str):
    p = rx_practice
    letters.save_template(p, "Certificat médical", "certificate",
                          "Vu ce jour ${patient_name}. Coût : 25 $ et {accolades}.")
    names = [t.name for t in letters.templates(p)]
    assert names.count("Certificat médical") == 1
    text = letters.draft(p, adult, "Certificat médical").text
    assert text == "Vu ce jour Hélène MÜLLER. Coût : 25 $ et {accolades}."
    with pytest.raises(errors.NotFoundError, match="no letter template named 'Rien'"):
        letters.draft(p, adult, "Rien")
    with pytest.raises(errors.InvalidInputError):
        letters.save_template(p, "X", "poem", "text")


def test_letters_from_the_cli(folder: Path, capsys, tmp_path: Path):
    pid = patient(capsys, folder)
    body = tmp_path / "body.txt"
    body.write_text("Je certifie que ${patient_name} est apte.\n", encoding="utf-8")
    out = tmp_path / "cert.pdf"
    code, doc, _ = run(capsys, folder, "letter", "add", pid, "--template", "Certificat médical",
                       "--text-file", str(body), "-o", str(out))
    assert code == 0 and doc
    assert "Je certifie que Louise PETIT est apte." in pdf_text(out)
    code, out_text, _ = run(capsys, folder, "letter", "templates")
    assert "certificate\tCertificat médical\tshipped" in out_text
    assert run(capsys, folder, "letter", "template", "Certificat médical", str(body),
               "--kind", "certificate")[0] == 0
    code, out_text, _ = run(capsys, folder, "letter", "templates")
    assert "certificate\tCertificat médical\tpractice" in out_text
    code, _, err = run(capsys, folder, "letter", "add", pid, "--template", "Nope")
    assert code != 0 and "no letter template named 'Nope'" in err


@pytest.mark.parametrize(
    ("sex", "born", "concerned"),
    [
        ("F", "née le", "l'intéressée"),
        ("M", "né le", "l'intéressé"),
        (None, "né(e) le", "l'intéressé(e)"),
    ],
)
def test_a_certificate_agrees_with_the_patients_sex_and_a_profile_without_qualification(
    tmp_path: Path, sex: str | None, born: str, concerned: str
):
    """Seen by the third GP pass: "né(e)" and "l'intéressé(e)" on a certificate for a
    patient whose sex the chart knows, and "Dr Claire MARTIN, , certifie" for a login with
    no qualification in its profile."""
    from tests.helpers.practice import PASSPHRASE

    with Practice.create(
        tmp_path / "p", practice_name="Cabinet", username="claire",
        passphrase=PASSPHRASE, display_name="Dr Claire Martin",
    ) as p:  # fmt: skip
        pid = p.create_record(
            "patient", {"family_name": "Roux", "sex": sex, "birth_date": "1980-05-02"}
        )
        text = letters.draft(p, pid, "Certificat médical").text
    assert f"{born} 02/05/1980" in text and f"à la demande de {concerned} " in text
    assert "Je soussigné(e), Dr Claire MARTIN, certifie" in text and ", ," not in text


def test_a_referral_letter_says_the_days_consultation_reason(rx_practice: Practice, adult: str):
    """The third GP pass: '[motif de la consultation]' stayed a blank on the letter written
    minutes after the consultation that said it."""
    p = rx_practice
    today = dt.date(2026, 12, 2)
    p.add_consultation(adult, reason="Ancienne", started_at="2026-11-20T09:00:00")
    referral = "Courrier d'adressage"
    assert "pour [motif de la consultation]." in letters.draft(p, adult, referral, on=today).text
    p.add_consultation(adult, reason="Douleur thoracique", started_at="2026-12-02T09:00:00")
    p.add_consultation(adult, reason="HTA déséquilibrée", started_at="2026-12-02T11:00:00")
    text = letters.draft(p, adult, referral, on=today).text
    assert "pour HTA déséquilibrée." in text  # the day's last, an acronym kept
    p.add_consultation(adult, reason="Toux sèche", started_at="2026-12-02T12:00:00")
    assert "pour toux sèche." in letters.draft(p, adult, referral, on=today).text
