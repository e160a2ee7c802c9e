"""The README's screenshots, taken by driving the real app as the e2e suite does (never
by building widgets in a script):

    .venv/bin/python -m tests.e2e.screenshots docs/screenshots

Each picture is a window, frame included (the active one, or the prescription editor
with the popup or dialog on top of it), on a 1400×900 virtual screen, with the French UI
and synthetic patients only; 11 is the ordonnance's PDF as saved, at 80 dpi.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.helpers.e2e import PASSPHRASE, App, Driver, Session, _missing, carnet_cli
from tests.helpers.e2e_steps import (
    amoxicillin_line,
    fill_consultation,
    fill_restore_wizard,
    meet_the_allergy_warning,
    prescribing_practice,
    published_in_chunks,
    type_amoxi,
)
from tests.helpers.pdf import made_pdf

DEMO = "demo carnet"


def window_shot(app: App, path: Path) -> None:
    env = app.session.env
    window = subprocess.run(
        ["xdotool", "getactivewindow"], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["import", "-window", window, "-frame", str(path)], env=env, check=True)
    print(f"wrote {path}")


def named_window_shot(app: App, title: str, path: Path) -> None:
    """The window whose title is ``title``, frame included, whatever is on top of it."""
    env = app.session.env
    found = subprocess.run(
        ["xdotool", "search", "--name", title], env=env, capture_output=True, text=True
    ).stdout.split()
    assert found, f"no window named {title!r}"
    # -screen: read the screen over the window, so the popup or dialog on top is in it
    subprocess.run(
        ["import", "-screen", "-window", found[-1], "-frame", str(path)], env=env, check=True
    )
    print(f"wrote {path}")


def open_chart(app: App, query: str) -> None:
    app.type_into("text", "Rechercher un patient", query)
    app.wait("label", contains="résultat")
    app.focus("text", "Rechercher un patient")
    app.keys("Return")


def child_practice(folder: Path, base: Path) -> None:
    """A child's chart with every section filled: problems, a long-term treatment and a
    stopped one, vaccinations with their doses, lab results, a lab report, growth."""
    from desktop.practice.store import Practice

    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    born = dt.date.today() - dt.timedelta(days=430)
    pid = carnet_cli(
        folder, "patient", "add", "--family-name", "Petit", "--given-name", "Léa",
        "--birth-date", born.isoformat(), "--sex", "F",
    ).strip()  # fmt: skip
    report = base / "bilan-sanguin.pdf"
    report.write_bytes(
        made_pdf(
            [
                ["Laboratoire des Tilleuls", "", "Patiente : PETIT Léa", "",
                 "Hémoglobine : 10,9 g/dL (11,0 - 14,0)", "Ferritine : 8 µg/L (12 - 150)",
                 "", "Conclusion : anémie microcytaire modérée."],
                ["Page 2", "", "Commentaire du biologiste : contrôle à 3 mois."],
            ]
        )
    )  # fmt: skip
    doc = carnet_cli(folder, "document", "add", pid, str(report), "--title", "Bilan sanguin",
                     "--kind", "result").strip()  # fmt: skip
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        for days, weight, height, head in (
            (3, 3.3, 49.5, 34.5),
            (35, 4.3, 54.0, 37.0),
            (95, 5.9, 60.5, 40.0),
            (185, 7.4, 66.0, 42.5),
            (280, 8.5, 71.0, 44.0),
            (400, 9.6, 76.0, 45.5),
        ):
            when = (born + dt.timedelta(days=days)).isoformat() + "T10:00"
            p.add_consultation(
                pid,
                started_at=when,
                reason="Suivi du nourrisson",
                weight_kg=weight,
                height_cm=height,
                head_circumference_cm=head,
            )
        p.create_record(
            "problem",
            {
                "patient_id": pid,
                "label": "Anémie par carence en fer, sans précision",
                "cim10": "D50.9",
                "onset": (born + dt.timedelta(days=400)).isoformat()[:7],
            },
        )
        p.create_record(
            "treatment",
            {
                "patient_id": pid,
                "drug": "Fer (sulfate ferreux)",
                "dosage": "5 mL/j",
                "started": (born + dt.timedelta(days=402)).isoformat(),
                "long_term": False,
            },
        )
        p.create_record(
            "treatment",
            {
                "patient_id": pid,
                "drug": "Vitamine D3",
                "dosage": "1 goutte/j",
                "started": (born + dt.timedelta(days=10)).isoformat(),
                "long_term": True,
            },
        )
        p.create_record(
            "treatment",
            {
                "patient_id": pid,
                "drug": "Amoxicilline",
                "started": (born + dt.timedelta(days=300)).isoformat(),
                "stopped": (born + dt.timedelta(days=303)).isoformat(),
                "stop_reason": "éruption cutanée",
                "long_term": False,
            },
        )
        for days, vaccine, dose, site in (
            (61, "Hexyon", 1, "cuisse droite"),
            (61, "Prevenar 13", 1, "cuisse gauche"),
            (122, "Hexyon", 2, "cuisse droite"),
            (122, "Prevenar 13", 2, "cuisse gauche"),
            (335, "Priorix", 1, "deltoïde gauche"),
        ):
            p.create_record(
                "vaccination",
                {
                    "patient_id": pid,
                    "vaccine": vaccine,
                    "dose_number": dose,
                    "route": "IM",
                    "site": site,
                    "given_on": (born + dt.timedelta(days=days)).isoformat(),
                },
            )
        taken = (born + dt.timedelta(days=398)).isoformat()
        p.create_record(
            "lab_result",
            {
                "patient_id": pid,
                "analyte": "Hémoglobine",
                "value": 10.9,
                "unit": "g/dL",
                "ref_low": 11.0,
                "ref_high": 14.0,
                "taken_on": taken,
                "document_id": doc,
            },
        )
        p.create_record(
            "lab_result",
            {
                "patient_id": pid,
                "analyte": "Ferritine",
                "value": 8.0,
                "unit": "µg/L",
                "ref_low": 12.0,
                "ref_high": 150.0,
                "taken_on": taken,
                "document_id": doc,
            },
        )


def take(out: Path, base: Path) -> None:
    session = Session(base / "session")
    driver = Driver(session.env)
    shots = base / "logs"
    shots.mkdir()
    try:
        # 1. First start, nothing on this computer yet.
        app = App(session, driver, base / "new", shots)
        app.wait("dialog", name="Carnet : bienvenue")
        app.type_into("text", "Nom du cabinet", "Cabinet des Tilleuls")
        app.type_into("text", "Votre identifiant", "dr.martin")
        window_shot(app, out / "1-premier-lancement.png")
        # 7. The new, empty practice and its first patient.
        app.type_into("password text", "Phrase secrète", PASSPHRASE)
        app.type_into("password text", "Confirmer", PASSPHRASE)
        app.click("push button", "Créer")
        app.stays_up()
        app.click("push button", "Nouveau patient")
        app.in_window("Nouveau patient")
        app.type_into("text", "Nom d'usage", "Lemaire")
        app.type_into("text", "Prénoms", "Jeanne")
        app.type_into("text", "Date de naissance (jj/mm/aaaa)", "22/06/1941")
        app.focus("text", "Prénoms")
        app.keys("Tab", "Home")  # the sex list, after the given names: Femme, its first item
        window_shot(app, out / "7-nouveau-patient.png")
        app.click("push button", "Créer")
        app.in_window(None).gone("dialog", name="Nouveau patient")
        app.wait("label", contains="née le 22/06/1941")
        window_shot(app, out / "8-premier-patient.png")
        app.close()

        # 2-5. The demo practice: unlock, search, chart, a consultation's detail.
        demo = base / "demo"
        subprocess.run(
            [sys.executable, "-m", "desktop.cli", "--data-dir", str(demo), "demo"],
            env={**session.env, "CARNET_PASSPHRASE": DEMO, "PATH": session.env["PATH"]},
            check=True,
            capture_output=True,
        )
        app = App(session, driver, demo, shots)
        app.type_into("password text", "Phrase secrète", DEMO)
        window_shot(app, out / "2-deverrouillage.png")
        app.click("push button", "Déverrouiller")
        app.stays_up()
        app.type_into("text", "Rechercher un patient", "helene")
        app.wait("label", contains="résultat")
        window_shot(app, out / "3-recherche.png")
        app.focus("text", "Rechercher un patient")
        app.keys("Return")
        app.wait("push button", name="Nouvelle consultation")
        window_shot(app, out / "4-dossier.png")
        app.click("push button", "Nouvelle consultation")
        app.wait("dialog", prefix="Nouvelle consultation")
        app.in_window("Nouvelle consultation")
        fill_consultation(app)
        window_shot(app, out / "5-consultation.png")
        app.click("push button", "Enregistrer")
        app.in_window(None).gone("dialog", prefix="Nouvelle consultation")
        app.wait_text("Rhinopharyngite")
        window_shot(app, out / "9-consultation-enregistree.png")
        app.close()

        # 14-16. A child's chart with every section; a lab report in the viewer; growth.
        child = base / "child"
        child_practice(child, base)
        app = App(session, driver, child, shots)
        app.type_into("password text", "Phrase secrète", PASSPHRASE)
        app.click("push button", "Déverrouiller")
        app.stays_up()
        open_chart(app, "petit")
        app.wait("push button", name="Nouvelle consultation")
        app.wait_text("Résultats biologiques")
        window_shot(app, out / "14-dossier-complet.png")
        app.click("push button", "Documents du dossier")
        app.wait("dialog", prefix="Documents : PETIT Léa")
        app.in_window("Documents : PETIT Léa").click("push button", "Ouvrir")
        app.in_window(None).wait("label", name="2 pages", timeout=20)
        window_shot(app, out / "15-document.png")
        app.keys("Escape")
        app.gone("dialog", prefix="Document : Bilan sanguin")
        app.keys("Escape")
        app.gone("dialog", prefix="Documents : PETIT Léa")
        app.close()

        # 12, 11, 13. A prescription: the drug completed as one types, its paper, and the
        # warning when it meets a known allergy.
        rx = base / "rx"
        prescribing_practice(rx)
        app = App(session, driver, rx, shots)
        app.type_into("password text", "Phrase secrète", PASSPHRASE)
        app.click("push button", "Déverrouiller")
        app.stays_up()
        open_chart(app, "petit")
        app.click("push button", "Nouvelle ordonnance")
        app.wait("dialog", prefix="Ordonnance : ")
        type_amoxi(app)
        named_window_shot(app, "Ordonnance : PETIT Louise", out / "12-ordonnance-editeur.png")
        amoxicillin_line(app)
        documents = Path(session.env["HOME"]) / "Documents"
        documents.mkdir(exist_ok=True)
        app.click("push button", "Enregistrer en PDF…")
        app.wait("dialog", prefix="Enregistrer l")
        app.keys("Return")
        app.gone("dialog", prefix="Ordonnance : ")
        [paper] = documents.glob("ordonnance-PETIT-*.pdf")
        page = out / "11-ordonnance"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(paper), str(page)],
                       check=True)  # fmt: skip
        print(f"wrote {page}.png")
        meet_the_allergy_warning(app)
        named_window_shot(app, "Ordonnance : PETIT Louise", out / "13-alerte-allergie.png")
        app.close()

        # 10. The status bar after a sync; 6. the restore wizard.
        source, remote = base / "source", base / "remote"
        remote.mkdir()
        carnet_cli(source, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
        carnet_cli(source, "remote", "set", "--create", remote.as_uri())
        app = App(session, driver, source, shots)
        app.type_into("password text", "Phrase secrète", PASSPHRASE)
        app.click("push button", "Déverrouiller")
        app.stays_up()
        app.wait("label", prefix="Synchronisé à", timeout=60)
        window_shot(app, out / "10-synchronise.png")
        app.close()
        app = App(session, driver, base / "restored", shots)
        app.click("push button", "Restaurer un cabinet…")
        app.wait("dialog", name="Carnet : restaurer un cabinet")
        app.in_window("Carnet : restaurer")
        app.type_into("text", "Adresse", str(remote))
        window_shot(app, out / "6-restauration.png")
        app.close()

        # 16. A restore open as soon as it is usable, the history still arriving (here the
        # storage lacks its last part for now: nothing of it is applied, the band stays).
        streamed = base / "streamed"
        streamed.mkdir()
        remote, family = published_in_chunks(streamed)
        last = max(remote.rglob("*.0*"), key=lambda p: p.suffix)
        last.rename(last.with_name(last.name + ".away"))
        app = App(session, driver, base / "restoring", shots)
        app.click("push button", "Restaurer un cabinet…")
        app.wait("dialog", name="Carnet : restaurer un cabinet")
        fill_restore_wizard(app.in_window("Carnet : restaurer"), str(remote), PASSPHRASE)
        app.click("push button", "Restaurer")
        app.in_window(None).stays_up()
        app.wait("label", contains="parties sur", timeout=60)
        open_chart(app, family)
        window_shot(app, out / "16-restauration-en-cours.png")
        app.close()
    finally:
        driver.close()
        session.close()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.e2e.screenshots FOLDER", file=sys.stderr)
        return 2
    missing = _missing()
    if missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 1
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as base:
        take(out.resolve(), Path(base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
