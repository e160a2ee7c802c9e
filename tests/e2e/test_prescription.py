"""A GP writes a prescription in the real app and gets its PDF: the drug completed from
the list by keyboard, the posology typed into the table, "Enregistrer en PDF…" into the
Documents folder under a name that says what it is; the paper carries the mentions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.practice import prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.practice.store import Practice
from tests.helpers.e2e import PASSPHRASE, carnet_cli
from tests.helpers.e2e_steps import (
    meet_the_allergy_warning,
    prescribe_amoxicillin_to_pdf,
    prescribing_practice,
    subprocess_type,
)
from tests.helpers.pdf import pdf_text


def open_chart(app: Any, family: str) -> None:
    app.type_into("password text", "Phrase secrète", PASSPHRASE)
    app.click("push button", "Déverrouiller")
    app.stays_up()
    app.type_into("text", "Rechercher un patient", family.lower())
    found = app.driver.ask(
        op="wait",
        pid=app.pid,
        role="table cell",
        contains=family.upper(),
        enter=["table"],
        timeout=20,
    )
    assert found, "the search found nobody"
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("push button", name="Nouvelle ordonnance")


def pick_from_list(app: Any, button: str, title: str, name: str, item: str, lines: str) -> None:
    """Open the editor's list dialog from ``button``, find ``item`` in the list named
    ``name``, read its ``lines`` (before picking, as a screen reader's user would), and
    pick it with Enter; the editor is the window again."""
    app.click("push button", button)
    app.wait("dialog", name=title)
    app.in_window(title)
    listed = app.driver.ask(op="wait", pid=app.pid, within=title, role="list item",
                            contains=item, enter=["list"], timeout=20)  # fmt: skip
    assert listed, f"{item} is not in the list"
    app.wait("label", name=lines)
    app.screenshot(title)
    app.focused("list", name)
    app.keys("Return")
    app.in_window(None).gone("dialog", name=title)
    app.in_window("Ordonnance : ")


def test_write_a_prescription_and_save_its_pdf(start_app: Any, tmp_path: Path) -> None:
    folder = tmp_path / "cabinet"
    pid = prescribing_practice(folder)
    app = start_app(folder)
    documents = Path(app.session.env["HOME"]) / "Documents"
    open_chart(app, "Petit")
    expected = prescribe_amoxicillin_to_pdf(app, "PETIT")
    assert expected.is_file(), sorted(p.name for p in documents.iterdir())
    text = pdf_text(expected)
    for mention in (
        "Dr Jeanne MARTIN",
        "RPPS : 10101234567",
        "12 rue des Tilleuls",
        "France",
        "+33 4 78 12 34 56",
        "PETIT Louise",
        "Sexe : féminin",
        "Née le 01/02/1960",
        "amoxicilline 500 mg, gélule",  # Down+Enter: a dosed form, not the bare molecule
        "1 cp matin et soir",
        "Durée : 7 jours",
        "Signature du prescripteur",
    ):
        assert mention in text, mention
    assert "Ordonnance enregistrée en PDF" in " ".join(app.screen_texts())
    chart = json.loads(carnet_cli(folder, "patient", "show", pid, "--json"))
    [rx] = chart["prescriptions"]
    assert rx["current"]["lines"][0]["substances"] == ["amoxicilline"]


def test_an_earlier_prescription_is_renewed_from_its_list(start_app: Any, tmp_path: Path) -> None:
    """ "Renouveler…" was a menu out of the accessibility tree's reach: now a dialog whose
    list a screen reader reads, the newest chosen, its lines shown, Enter renews it."""
    folder = tmp_path / "cabinet"
    pid = prescribing_practice(folder)
    carnet_cli(folder, "prescription", "add", pid,
               "--line", "ramipril 5 mg | 1 cp le matin | 3 mois")  # fmt: skip
    app = start_app(folder)
    open_chart(app, "Petit")
    app.click("push button", "Nouvelle ordonnance")
    app.wait("dialog", prefix="Ordonnance : ")
    pick_from_list(app, "Renouveler…", "Renouveler une ordonnance", "Ordonnances antérieures",
                   "ramipril 5 mg", "ramipril 5 mg — 1 cp le matin — 3 mois")  # fmt: skip
    app.wait_text("Renouvelée")
    app.click("push button", "Enregistrer")
    app.in_window(None).gone("dialog", prefix="Ordonnance : ")
    chart = json.loads(carnet_cli(folder, "patient", "show", pid, "--json"))
    assert [rx["current"]["lines"][0]["drug"] for rx in chart["prescriptions"]] == [
        "ramipril 5 mg"
    ] * 2


def test_the_practice_details_are_entered_from_the_menu(start_app: Any, tmp_path: Path) -> None:
    folder = tmp_path / "cabinet"
    prescribing_practice(folder)
    app = start_app(folder)
    app.type_into("password text", "Phrase secrète", PASSPHRASE)
    app.click("push button", "Déverrouiller")
    app.stays_up()
    app.click("menu item", "Cabinet")
    app.click("menu item", "Cabinet…")
    app.wait("dialog", name="Cabinet")
    app.wait("text", name="Téléphone")
    assert app.text("text", "Ville") == "Lyon"  # loaded from the practice
    app.type_into("text", "Téléphone", "04 78 00 00 00")
    app.type_into("text", "N° FINESS (facultatif)", "690000001")
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Cabinet")
    app.stays_up()
    shown = json.loads(carnet_cli(folder, "practice", "show"))
    assert (shown["phone"], shown["finess"], shown["city"]) == (
        "04 78 00 00 00",
        "690000001",
        "Lyon",
    )


def test_an_allergy_recorded_in_the_chart_stops_the_prescription_until_a_reason(
    start_app: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "cabinet"
    pid = prescribing_practice(folder)
    app = start_app(folder)
    open_chart(app, "Petit")
    meet_the_allergy_warning(app)
    assert any("pénicillines" in t for t in app.screen_texts())
    app.screenshot("allergy-warning")
    app.type_into("text", "Motif pour prescrire quand même", "test de provocation négatif")
    app.click("push button", "Prescrire quand même")
    app.gone("dialog", prefix="Ordonnance : ")
    app.stays_up()
    chart = json.loads(carnet_cli(folder, "patient", "show", pid, "--json"))
    [rx] = chart["prescriptions"]
    [line] = rx["current"]["lines"]
    assert (line["allergy"], line["override_reason"]) == (
        "Pénicilline",
        "test de provocation négatif",
    )


def test_escape_with_a_line_asks_and_enter_keeps_writing(start_app: Any, tmp_path: Path) -> None:
    """A GP reflex, Escape then Enter, never drops the lines typed (it used to close the
    window with nothing asked and nothing kept)."""
    folder = tmp_path / "cabinet"
    prescribing_practice(folder)
    app = start_app(folder)
    open_chart(app, "Petit")
    app.click("push button", "Nouvelle ordonnance")
    app.wait("dialog", prefix="Ordonnance : ")
    app.focus("text", "Médicament (DCI ou marque)")
    app.keys("p", "a", "r", "a", "c")
    app.wait("label", contains="propositions")
    app.keys("Down", "Return")
    app.keys("Escape")
    app.wait("alert", name="Fermer l'ordonnance")
    app.keys("Return")  # the default: continue writing
    app.gone("alert", name="Fermer l'ordonnance")
    app.wait("dialog", prefix="Ordonnance : ")
    assert any("paracétamol" in t for t in app.screen_texts()), "the line was dropped"
    app.keys("Escape")
    app.wait("alert", name="Fermer l'ordonnance")
    app.click("push button", "Supprimer l'ordonnance")
    app.gone("dialog", prefix="Ordonnance : ")
    app.stays_up()


def test_enter_in_the_consultation_reason_does_not_save_it(start_app: Any, tmp_path: Path) -> None:
    folder = tmp_path / "cabinet"
    pid = prescribing_practice(folder)
    app = start_app(folder)
    open_chart(app, "Petit")
    app.click("push button", "Nouvelle consultation")
    app.wait("dialog", prefix="Nouvelle consultation")
    app.focus("text", "Motif")
    subprocess_type(app, "Renouvellement")
    app.keys("Return")
    app.wait("dialog", prefix="Nouvelle consultation")  # still open, nothing saved
    chart = json.loads(carnet_cli(folder, "patient", "show", pid, "--json"))
    assert chart["consultations"] == []


def test_a_template_is_chosen_from_its_list(start_app: Any, tmp_path: Path) -> None:
    """ "Modèles…" was a menu out of the accessibility tree's reach, as "Renouveler…" was:
    now a dialog whose list a screen reader reads, the lines of the one chosen shown,
    Enter adds them to the ordonnance."""
    folder = tmp_path / "cabinet"
    pid = prescribing_practice(folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as practice:
        line = RxLine("amoxicilline 1 g, comprimé", "1 cp matin et soir", "6 jours")
        prescriptions.save_template(practice, "Angine", [line], "Revoir si fièvre à J3")
    app = start_app(folder)
    open_chart(app, "Petit")
    app.click("push button", "Nouvelle ordonnance")
    app.wait("dialog", prefix="Ordonnance : ")
    pick_from_list(app, "Modèles…", "Modèles d'ordonnance", "Modèles", "Angine",
                   "amoxicilline 1 g, comprimé — 1 cp matin et soir — 6 jours\n"
                   "Revoir si fièvre à J3")  # fmt: skip
    app.click("push button", "Enregistrer")
    app.in_window(None).gone("dialog", prefix="Ordonnance : ")
    chart = json.loads(carnet_cli(folder, "patient", "show", pid, "--json"))
    [rx] = chart["prescriptions"]
    assert rx["current"]["lines"][0]["drug"] == "amoxicilline 1 g, comprimé"
    assert rx["current"]["notes"] == "Revoir si fièvre à J3"
