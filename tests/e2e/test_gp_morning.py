"""A GP's morning in the real app, by keyboard and accessible names only: a new patient,
found again by a name typed without accents, a consultation with vitals and a diagnosis
that reads back in full, a prescription printed to PDF, then the lock."""

from __future__ import annotations

from typing import Any

from tests.helpers.e2e_steps import create_practice, fill_consultation, prescribe_amoxicillin_to_pdf
from tests.helpers.pdf import pdf_text


def new_patient(app: Any) -> None:
    app.click("push button", "Nouveau patient")
    app.in_window("Nouveau patient")
    app.type_into("text", "Nom d'usage", "Dupré")
    app.type_into("text", "Prénoms", "Hélène Marie")
    app.type_into("text", "Date de naissance (jj/mm/aaaa)", "12/03/1961")
    app.focus("text", "Prénoms")
    app.keys("Tab", "Home")  # the sex list, shown after the given names: Femme, its first item
    app.click("push button", "Créer")
    app.gone("dialog", name="Nouveau patient")
    app.in_window(None)


def test_a_gp_morning(start_app: Any) -> None:
    app = start_app()
    create_practice(app)
    app.stays_up()
    new_patient(app)
    app.type_into("text", "Rechercher un patient", "helene dupre")
    app.wait("label", name="1 résultat")
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", contains="née le 12/03/1961")
    app.click("push button", "Nouvelle consultation")
    app.wait("dialog", prefix="Nouvelle consultation")
    write_consultation(app.in_window("Nouvelle consultation"))
    app.in_window(None).gone("dialog", prefix="Nouvelle consultation")
    detail = consultation_detail(app)
    for typed in (
        "Fièvre et toux",
        "Toux sèche depuis 3 jours.",
        "Auscultation normale.",
        "58,1 kg",
        "38,5",
        "122",
        "78",
        "Rhinopharyngite",
        "J00",
    ):
        assert typed in detail, f"{typed!r} is not in the saved consultation: {detail!r}"
    app.screenshot("consultation-detail")
    pdf = prescribe_amoxicillin_to_pdf(app, "DUPRE")  # file names are plain ASCII
    paper = pdf_text(pdf)
    for mention in ("DUPRÉ Hélène", "Née le 12/03/1961", "amoxicilline", "Durée : 7 jours"):
        assert mention in paper, mention
    app.focus("text", "Rechercher un patient")
    app.keys("ctrl+l")
    app.wait("dialog", prefix="Carnet : déverrouiller")
    shown = " ".join(app.screen_texts())
    assert "DUPRÉ" not in shown and "Rhinopharyngite" not in shown, "locked, yet on screen"


def write_consultation(app: Any) -> None:
    fill_consultation(app)
    app.click("push button", "Enregistrer")




def consultation_detail(app: Any) -> str:
    """What the chart's detail pane reads once the new consultation is selected."""
    app.wait_text("Consultation du")
    texts = app.screen_texts()
    return "\n".join(texts)
