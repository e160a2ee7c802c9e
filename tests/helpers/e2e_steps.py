"""Steps the end-to-end tests share: create or unlock a practice, prescribe, consult."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

from tests.helpers.e2e import PASSPHRASE, carnet_cli


def create_practice(app: Any) -> None:
    app.wait("dialog", name="Carnet : bienvenue")
    app.type_into("text", "Nom du cabinet", "Cabinet des Tilleuls")
    app.type_into("text", "Votre identifiant", "dr.martin")
    app.type_into("password text", "Phrase secrète", PASSPHRASE)
    app.type_into("password text", "Confirmer", PASSPHRASE)
    app.click("push button", "Créer")


def unlock(app: Any, passphrase: str = PASSPHRASE) -> None:
    app.type_into("password text", "Phrase secrète", passphrase)
    app.click("push button", "Déverrouiller")


def synced_practice(tmp_path: Path) -> tuple[Path, Path]:
    folder, remote = tmp_path / "source", tmp_path / "remote"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    carnet_cli(
        folder, "patient", "add", "--family-name", "Dupré", "--given-name", "Hélène",
        "--birth-date", "1961-03-12", "--sex", "F",
    )  # fmt: skip
    remote.mkdir()
    carnet_cli(folder, "remote", "set", "--create", remote.as_uri())
    carnet_cli(folder, "sync")
    return folder, remote


def prescribing_practice(folder: Path) -> str:
    """A practice whose paper has every mention the law asks for, and one patient, PETIT
    Louise (her id)."""
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    carnet_cli(folder, "practice", "set", "address=12 rue des Tilleuls", "postal_code=69003",
               "city=Lyon", "phone=04 78 12 34 56", "email=cabinet@tilleuls.fr")  # fmt: skip
    carnet_cli(folder, "user", "set", "dr.martin", "given_names=Jeanne", "family_name=Martin",
               "qualification=Docteur en médecine", "rpps=10101234567")  # fmt: skip
    return carnet_cli(folder, "patient", "add", "--family-name", "Petit", "--given-name",
                      "Louise", "--birth-date", "1960-02-01", "--sex", "F").strip()  # fmt: skip


def amoxicillin_line(app: Any) -> None:
    """In the open editor, "amoxi" typed and its list shown: its first proposal
    (amoxicilline 500 mg, gélule), 1 cp matin et soir, 7 jours."""
    app.keys("Down", "Return")
    subprocess_type(app, "1 cp matin et soir")  # the posology cell has the focus
    app.keys("Tab")
    subprocess_type(app, "7 jours")
    app.keys("Return")


def type_amoxi(app: Any) -> None:
    """Real key presses into the drug field: the list completes as one types."""
    app.focus("text", "Médicament (DCI ou marque)")
    app.keys("a", "m", "o", "x", "i")
    app.wait("label", contains="propositions")  # the list is ready (its popup is not in
    # the accessibility tree: the status line says what it holds)


def meet_the_allergy_warning(app: Any) -> None:
    """From the open chart: Pénicilline recorded as an allergy, then amoxicilline
    prescribed and saved, up to the warning that stops it."""
    app.click("push button", "Ajouter une allergie")
    app.wait("dialog", name="Ajouter une allergie")
    app.type_into("text", "Substance ou classe médicamenteuse", "Pénicilline")
    app.click("push button", "Enregistrer")
    app.gone("dialog", name="Ajouter une allergie")
    app.click("push button", "Nouvelle ordonnance")
    app.wait("dialog", prefix="Ordonnance : ")
    app.wait("label", contains="Allergies : Pénicilline")
    type_amoxi(app)
    amoxicillin_line(app)
    app.click("push button", "Enregistrer")
    app.wait("dialog", name="Alerte allergie")


def prescribe_amoxicillin_to_pdf(app: Any, family: str) -> Path:
    """From the open chart: amoxicilline completed by keyboard, 1 cp matin et soir for
    7 jours, saved as PDF into Documents under the name the dialog proposes."""
    documents = Path(app.session.env["HOME"]) / "Documents"
    documents.mkdir(exist_ok=True)
    app.click("push button", "Nouvelle ordonnance")
    app.wait("dialog", prefix="Ordonnance : ")
    type_amoxi(app)
    app.screenshot("prescription-autocomplete")
    amoxicillin_line(app)
    app.screenshot("prescription-editor")
    app.click("push button", "Enregistrer en PDF…")
    app.wait("dialog", prefix="Enregistrer l")  # Qt's file dialog, in Documents already
    app.keys("Return")
    expected = documents / f"ordonnance-{family}-{dt.date.today().isoformat()}.pdf"
    app.gone("dialog", prefix="Ordonnance : ")
    app.stays_up()
    return expected


def subprocess_type(app: Any, text: str) -> None:
    """Type text as key presses into the focused widget (xdotool type)."""
    import subprocess

    subprocess.run(["xdotool", "type", "--delay", "20", text], env=app.session.env, check=True)


def fill_consultation(app: Any) -> None:
    app.type_into("text", "Motif", "Fièvre et toux")
    app.type_into("text", "Texte libre", "Toux sèche depuis 3 jours.\nAuscultation normale.")
    app.type_into("text", "Poids (kg)", "58,1")
    app.type_into("text", "Température (°C)", "38.5")  # a dot or a comma: the same 38,5
    app.type_into("text", "TA systolique (mmHg)", "122")
    app.type_into("text", "TA diastolique (mmHg)", "78")
    app.type_into("text", "Diagnostics", "Rhinopharyngite [J00]")


def keys_to(app: Any, title: str, *keys: str) -> None:
    """Real key presses to the window of this title, once it is the active one (keys sent
    a moment earlier go to the window that had the focus). Without a window manager to
    ask (openbox lost a race with Xvfb), the X server is told to focus it."""
    for how in ("windowactivate", "windowfocus"):
        done = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", title, how, "--sync"],
            env=app.session.env,
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            break
    else:
        app.fail(f"no window {title!r} to send {keys} to: {done.stderr!r}")
    app.keys(*keys)


def fill_restore_wizard(app: Any, address: str, secret: str, *, code: bool = False) -> None:
    app.type_into("text", "Adresse", address)
    # A passphrase is masked; an enrollment code is shown to be copied without mistakes.
    app.type_into("text" if code else "password text", "Ce qui ouvre le cabinet", secret)
    app.type_into("text", "Votre identifiant", "dr.remplacant")
    app.type_into("password text", "Phrase secrète de cet ordinateur", "une autre phrase ici")
    app.type_into("password text", "Confirmer", "une autre phrase ici")


def published_in_chunks(base: Path, patients: int = 20) -> tuple[Path, str]:
    """A demo practice in ``base``/office, its snapshot published in many small chunks
    to ``base``/remote (as a large practice's would be): (the remote, a family name)."""
    from desktop.demo.loader import make_demo
    from desktop.practice.store import Practice
    from desktop.remote import SyncService, set_remote
    from sync import snapshot_format

    remote = base / "remote"
    remote.mkdir()
    make_demo(base / "office", PASSPHRASE, patients=patients, seed=3, today=dt.date(2026, 11, 1))
    size, snapshot_format.CHUNK_BYTES = snapshot_format.CHUNK_BYTES, 16_000
    try:
        with Practice.open(base / "office", passphrase=PASSPHRASE) as office:
            set_remote(office, remote.as_uri(), passphrase=PASSPHRASE, create=True)
            SyncService(office).publish_snapshot()
            family = str(office.records("patient", order="family_name")[0]["family_name"])
    finally:
        snapshot_format.CHUNK_BYTES = size
    return remote, family
