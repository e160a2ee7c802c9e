"""French first, English second: Qt's translation system (.ts sources, compiled .qm)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = ("fr", "en")  # source strings are English; French is the first language
_installed: list[QTranslator] = []


def chosen_language() -> str:
    """The menu's choice if any, else the system's language if we have it, else French."""
    saved = QSettings().value("language")
    if isinstance(saved, str) and saved in LANGUAGES:
        return saved
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "fr"


def install(language: str) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.French if language == "fr" else QLocale.Language.English,
            QLocale.Country.France if language == "fr" else QLocale.Country.UnitedKingdom,
        )
    )
    if language == "en":
        return
    ours = QTranslator()
    if ours.load(str(I18N / f"carnet_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator()
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark ``text`` for lupdate under ``context`` where the string is only a value (a
    table of labels); it is translated where shown. Typed, unlike PySide6's."""
    return text


# Qt 6.11's own file dialog says "&Look in:" and "Files of &type:", which the French it
# ships (qtbase_fr.qm) still knows only as "Look in:" and "Files of type:": the save
# dialog of an ordonnance showed them in English. Translated in our .ts, under Qt's
# context (a translator installed earlier is asked when Qt's has nothing).
QT_MISSING = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
