"""Moving in and out in the real app, as a person would: a CSV of patients through the
import wizard, then the patient's own copy from the chart's Exporter…"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from tests.helpers.e2e import carnet_cli
from tests.helpers.e2e_steps import unlock

CSV = (
    "NOM;PRENOM;SEXE;DATE NAISSANCE\r\n"
    "Lefèvre;Zoé;F;03/04/1962\r\n"
    "Bœuf;Noël;H;25/12/1950\r\n"
)


def test_a_csv_of_patients_through_the_wizard_then_the_patients_copy(
    start_app: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    source = tmp_path / "ancien-logiciel.csv"
    source.write_bytes(CSV.encode("cp1252"))
    app = start_app(folder)
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()

    app.focus("text", "Rechercher un patient")
    app.keys("alt+c")  # the Cabinet menu
    app.click("menu item", "Importer des patients depuis un CSV…")
    wizard = app.in_window("Importer des patients")
    wizard.type_into("text", "Fichier CSV", str(source))
    wizard.click("push button", "Lire le fichier")
    wizard.wait("label", contains="encodage Windows-1252")
    wizard.click("push button", "Essai à blanc")
    wizard.wait("label", prefix="2 lignes lues : 2 à créer, 0 doublons")
    wizard.click("push button", "Importer")
    wizard.wait("label", name="2 patients importés.")
    wizard.click("push button", "Fermer")

    app.in_window(None).type_into("text", "Rechercher un patient", "boeuf")
    app.wait("label", name="1 résultat", timeout=30)
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.click("push button", "Exporter…")
    dialog = app.in_window("Exporter le dossier de")
    out = tmp_path / "copie.zip"
    dialog.type_into("text", "Fichier", str(out))
    dialog.click("push button", "Exporter")
    dialog.wait("label", prefix="Exporté dans", timeout=60)
    with zipfile.ZipFile(out) as zf:
        assert {"dossier.pdf", "dossier-fhir.json"} <= set(zf.namelist())
        assert "Bœuf" in zf.read("dossier-fhir.json").decode("utf-8")
