"""A GP's chart work in the real app, driven by accessible names: a consultation typed
with a dot in a decimal and saved with Ctrl+S shows everything typed, in French; Cancel
keeps the draft and the chart says so; an identity date typed the French way; the agenda
books a patient found by typing, and the start screen lists the appointment; a problem
since a year alone, "no known allergy" then an allergy in the header that ends it, a
treatment and a vaccination, added from the chart; a "no known allergy" recorded by
mistake, withdrawn with the keyboard from the summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import carnet_cli
from tests.helpers.e2e_steps import keys_to, unlock


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    carnet_cli(
        folder, "patient", "add", "--family-name", "Martin", "--given-name", "Paul",
        "--birth-date", "1950-01-01", "--sex", "M",
    )  # fmt: skip
    return folder


def open_chart(app: Any, typed: str) -> None:
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    app.type_into("text", "Rechercher un patient", typed)
    found = app.driver.ask(
        op="wait", pid=app.pid, role="table cell", name="MARTIN Paul", enter=["table"], timeout=20
    )
    assert found, "the search did not list MARTIN Paul"
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", prefix="MARTIN Paul", timeout=20)


def test_a_consultation_keeps_everything_typed(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    app.click("push button", "Nouvelle consultation")
    app.wait("dialog", prefix="Nouvelle consultation")
    app.type_into("text", "Motif", "Fièvre")
    app.type_into("text", "Texte libre", "Fièvre depuis 2 jours.\nGorge rouge.")
    app.type_into("text", "Température (°C)", "38.5")  # a dot: it used to become 38,0
    app.type_into("text", "Poids (kg)", "58,1")
    app.type_into("text", "Pouls (/min)", "92")
    app.type_into("text", "Diagnostics", "Angine (J02.9)")
    app.focus("text", "Motif")
    keys_to(app, "Nouvelle consultation", "ctrl+s")
    app.gone("dialog", prefix="Nouvelle consultation")
    detail = app.text("label", "Détail").replace("\u2028", "\n")  # Qt's line separator
    for typed in (
        "Motif : Fièvre",
        "Fièvre depuis 2 jours.\nGorge rouge.",
        "T° 38,5 °C",
        "Poids 58,1 kg",
        "Pouls 92 /min",
        "Angine (J02.9)",
    ):
        assert typed in detail, (typed, detail)
    summary = app.text("label", "Synthèse du dossier")
    assert f"T° 38,5 °C ({dt.date.today():%d/%m/%Y})" in summary
    app.screenshot("consultation-detail")
    app.stays_up()


def test_cancel_keeps_the_draft_and_the_chart_says_so(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "paul")
    app.click("push button", "Nouvelle consultation")
    app.type_into("text", "Motif", "Lombalgie")
    app.click("push button", "Annuler")
    app.click("push button", "Garder le brouillon")
    app.gone("dialog", prefix="Nouvelle consultation")
    app.wait("label", prefix="Un brouillon de consultation est gardé pour ce patient")
    app.click("push button", "Reprendre le brouillon")
    app.wait("dialog", prefix="Nouvelle consultation")
    assert app.text("text", "Motif") == "Lombalgie"
    # Keys the moment it opens are kept: the editor opens filled, never filled after.
    keys_to(app, "Nouvelle consultation", "space", "a", "i", "g", "u", "e")
    app.wait_text("Lombalgie aigue")
    assert app.text("text", "Motif") == "Lombalgie aigue"
    app.stays_up()


def test_an_identity_date_typed_the_french_way(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    app.click("push button", "Identité…")
    app.type_into("text", "Date de naissance (jj/mm/aaaa)", "22/06/1941")
    app.click("push button", "Enregistrer")
    app.wait("label", contains="né le 22/06/1941")
    app.stays_up()


def test_the_agenda_books_anyone_and_the_start_screen_shows_it(
    start_app: Any, practice: Path
) -> None:
    app = start_app(practice)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    app.wait("list", name="Rendez-vous du jour")
    keys_to(app, "Carnet : Cabinet", "ctrl+g")  # no chart open: the agenda books anyone
    app.click("push button", "Nouveau rendez-vous…")
    app.wait("dialog", name="Nouveau rendez-vous")
    app.type_into("text", "Patient", "martin")
    app.wait("list", name="Patients trouvés")
    app.focus("text", "Patient")
    keys_to(app, "Nouveau rendez-vous", "Return")  # the highlighted match
    app.type_into("text", "Motif", "Renouvellement")
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Nouveau rendez-vous")
    keys_to(app, "Carnet : Cabinet", "ctrl+f")  # back to the main window
    found = app.driver.ask(
        op="wait", pid=app.pid, role="list item", contains="MARTIN Paul — Renouvellement",
        enter=["list"], timeout=20,
    )  # fmt: skip
    assert found, f"today's appointment is not on the start screen: {app.screen_texts()}"
    app.stays_up()


def test_the_chart_sections_are_filled_in_from_the_chart(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    app.click("push button", "Ajouter un antécédent")
    app.type_into("text", "Antécédent", "Appendicectomie")
    app.type_into("text", "Depuis (jj/mm/aaaa, mm/aaaa ou aaaa)", "1975")  # a year alone
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Ajouter un antécédent")
    # Never asked, then asked: "no known allergy", dated and signed, until an allergy.
    app.wait("label", contains="Allergies non renseignées")
    app.click("push button", "Noter : aucune allergie connue")
    today = dt.date.today().strftime("%d/%m/%Y")
    app.wait("label", contains=f"Aucune allergie connue (noté le {today} par dr.martin)")
    app.click("push button", "Ajouter une allergie")
    app.wait("label", name="Le dossier indique « aucune allergie connue » : enregistrer "
             "cette allergie y met fin.")  # fmt: skip
    app.type_into("text", "Substance ou classe médicamenteuse", "Pénicillines")
    app.type_into("text", "Réaction", "urticaire")
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Ajouter une allergie")
    app.wait("label", contains="Allergies : Pénicillines (urticaire)")  # in the header
    assert "Aucune allergie connue" not in " ".join(app.screen_texts())
    app.click("push button", "Ajouter un traitement")
    app.type_into("text", "Médicament (DCI)", "Amlodipine 5 mg")
    app.type_into("text", "Débuté le", "03/2024")  # not a full date: said, not saved
    app.click("push button", "Enregistrer")
    app.wait("label", contains="il faut le jour, le mois et l'année")
    app.type_into("text", "Débuté le", "12/03/2024")
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Ajouter un traitement")
    app.click("push button", "Ajouter une vaccination")
    app.type_into("text", "Vaccin (produit)", "Boostrixtetra")
    app.type_into("text", "Fait le", "03/11/2025")
    app.type_into("text", "Numéro de lot", "AB123")
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Ajouter une vaccination")
    summary = app.text("label", "Synthèse du dossier")
    for shown in (
        "Appendicectomie — depuis 1975",
        "Pénicillines (urticaire)",
        "Amlodipine 5 mg (depuis 12/03/2024)",
        "Boostrixtetra (03/11/2025)",
    ):
        assert shown in summary, (shown, summary)
    app.screenshot("chart-sections")
    app.stays_up()


def test_a_no_known_allergy_recorded_by_mistake_is_withdrawn(
    start_app: Any, practice: Path
) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    app.click("push button", "Noter : aucune allergie connue")
    app.wait("label", contains="Aucune allergie connue (noté le")
    # The summary's entry is a link: with the keyboard, Tab reaches it and Enter opens it.
    app.focus("label", "Synthèse du dossier")
    keys_to(app, "Carnet : Cabinet", "Tab", "Return")
    app.wait("label", contains="Retirer « aucune allergie connue » de ce dossier ?")
    app.screenshot("withdraw-no-known-allergy")
    app.click("push button", "Retirer")
    app.wait("label", contains="Allergies non renseignées")
    assert "Aucune allergie connue" not in " ".join(app.screen_texts())
    app.click("push button", "Noter : aucune allergie connue")  # asked again, another day
    app.wait("label", contains="Aucune allergie connue (noté le")
    app.stays_up()


def test_a_letter_being_written_survives_a_lock(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    keys_to(app, "Carnet : Cabinet", "ctrl+shift+l")
    app.wait("dialog", prefix="Courrier ou certificat")
    app.type_into("text", "Texte du courrier", "Cher confrère, je vous adresse M. Martin.")
    keys_to(app, "Courrier ou certificat", "ctrl+l")  # the GP is called away: the app locks
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.wait("label", contains="MARTIN Paul")  # back on the chart
    keys_to(app, "Carnet : Cabinet", "ctrl+shift+l")
    app.wait("label", name="Le courrier que vous écriviez a été gardé : le voici.")
    assert "Cher confrère, je vous adresse M. Martin." in app.text("text", "Texte du courrier")
    app.screenshot("letter-kept-through-a-lock")
    app.stays_up()
