"""Screenshots of the main screens, in French, on a demo practice.

    xvfb-run -a python -m desktop.app.screenshots docs/screenshots

Uses a throw-away demo practice in a temporary folder (never the user's data).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import i18n
from desktop.app.consultation import ConsultationEditor
from desktop.app.first_run import DEMO_PASSPHRASE, FirstRunDialog
from desktop.app.storage_form import KINDS
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.app.window import MainWindow
from desktop.practice.demo_loader import make_demo
from desktop.practice.store import Practice


def wait_until(condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
    """Run the event loop until ``condition`` holds (a script, not the app)."""
    loop = QEventLoop()
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    QTimer.singleShot(timeout_ms, loop.quit)
    timer.start()
    loop.exec()
    timer.stop()


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("Carnet-screenshots")
    app.setApplicationName("Carnet")
    QSettings().clear()
    i18n.install("fr")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cabinet"
        tasks = Tasks()
        first = FirstRunDialog(tasks, Path(tmp) / "empty")
        first.show()
        shoot(first, out / "1-premier-lancement.png")
        wizard = first.open_wizard("passphrase")
        form = wizard.storage
        form.kind.setCurrentIndex(KINDS.index("webdav"))
        form.address.setText("dr@cloud.cabinet-tilleuls.fr/remote.php/dav/files/dr/carnet")
        form.password.setText("xxxxxxxxxx")
        wizard.secret.setText("xxxxxxxxxxxxxxxx")
        wizard.login.setText("dr.martin")
        wizard.local_passphrase.setText("xxxxxxxxxxxx")
        wizard.confirm.setText("xxxxxxxxxxxx")
        shoot(wizard, out / "6-restauration.png")
        wizard.done(0)
        first.close()
        make_demo(folder, DEMO_PASSPHRASE, patients=2_000, seed=3)
        unlock = UnlockDialog(tasks, folder, "Cabinet médical des Tilleuls (démo)")
        unlock.show()
        unlock.passphrase.setText("xxxxxxxxxxxx")
        shoot(unlock, out / "2-deverrouillage.png")
        unlock.close()
        tasks.practice = Practice.open(folder, passphrase=DEMO_PASSPHRASE)
        info = {
            "practice_name": tasks.practice.practice_record()["name"],
            "db_key": tasks.practice.db_key,
            "remote": None,
        }
        window = MainWindow(tasks, folder, info)
        window.resize(1360, 820)
        window.show()
        window.patients.search.setText("mar")
        wait_until(lambda: window.patients.model.rowCount() > 0)
        shoot(window, out / "3-recherche.png")
        rows = window.patients.model.rows
        chosen = max(
            rows[:20], key=lambda r: r["birth_date"] is not None and r["birth_date"] < "1960"
        )
        window.open_chart(chosen["id"])
        wait_until(lambda: window.chart.chart is not None)
        entry = window.chart.timeline.topLevelItem(0)
        if entry is not None:
            window.chart.timeline.setCurrentItem(entry)
        shoot(window, out / "4-dossier.png")
        window.new_consultation(chosen["id"])
        editor = window.editor
        assert isinstance(editor, ConsultationEditor)
        editor.reason.setText("Renouvellement traitement HTA")
        editor.text.setPlainText(
            "Patiente vue pour renouvellement. Pas de plainte fonctionnelle. "
            "Auscultation cardio-pulmonaire normale. Poursuite du traitement."
        )
        editor.vitals.set_values({"weight_kg": 68.4, "height_cm": 163, "bp_sys": 138, "bp_dia": 84})
        shoot(editor, out / "5-consultation.png")
        editor.close()
        window.close()
        tasks.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
