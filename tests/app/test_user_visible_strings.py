"""No English developer sentence reaches the French UI: every message the store can raise
has a translated sentence in the app, and no literal text is put on a widget without tr()."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.app import i18n
from desktop.app.errors import message_for
from desktop.app.store_messages import CATALOGUE, store_message
from desktop.practice import errors
from desktop.practice.schema import ENTITIES
from desktop.practice.store import validate
from tests.helpers.translations import TS, messages

ROOT = Path(__file__).resolve().parents[2]
# Where the app's known errors come from (the CLI's own usage errors stay English).
STORE_SOURCES = [
    *sorted((ROOT / "desktop" / "practice").glob("*.py")),
    *sorted((ROOT / "desktop" / "remote").glob("*.py")),
]
KNOWN = {
    name
    for name, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, errors.CarnetError)
}


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def _template(node: ast.expr) -> str | None:
    """A raised message as written, its f-string holes (and conditional parts) as {}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.IfExp):
        return "{}"
    return None


def raised_messages() -> list[tuple[str, str]]:
    """(where, template) of every known error raised with a message by the store."""
    found = []
    for path in STORE_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in KNOWN and node.exc.args:
                template = _template(node.exc.args[0])
                if template is not None:
                    found.append((f"{path.name}:{node.lineno}", template))
    return found


def test_the_scan_sees_the_store_messages():
    templates = [t for _, t in raised_messages()]
    assert len(templates) > 30
    assert "the passphrase must have at least 8 characters" in templates


def test_every_store_message_has_a_sentence_for_the_app(qapp: object):
    missing = [
        (where, template)
        for where, template in raised_messages()
        if store_message(template.replace("{}", "x")) is None
    ]
    assert missing == [], "add each to desktop/app/store_messages.py CATALOGUE"


def test_every_sentence_of_the_catalogue_is_translated():
    french = messages(TS)
    shown = [s for _, s in CATALOGUE if isinstance(s, str)]
    untranslated = [s for s in shown if not french.get(("store", s))]
    assert untranslated == []


def test_store_refusals_read_in_french(french: None):
    with pytest.raises(errors.InvalidInputError) as bad_date:
        validate(ENTITIES["patient"], {"birth_date": "22 juin"})
    assert message_for(bad_date.value) == (
        "Date de naissance : cette valeur n'est pas valide ; tapez une date comme 22/06/1941."
    )
    with pytest.raises(errors.InvalidInputError) as bad_number:
        validate(ENTITIES["consultation_version"], {"temperature_c": "chaud"})
    assert "Consultation" not in (message_for(bad_number.value) or "")
    short = errors.InvalidInputError("the passphrase must have at least 8 characters")
    assert message_for(short) == "La phrase secrète doit avoir au moins 8 caractères."
    gone = errors.NotFoundError("no patient with id 0190f0a1")
    assert "0190f0a1" not in (message_for(gone) or "")  # no id in a sentence for a GP


# -- literal text on widgets ------------------------------------------------------------------

SETTERS = {
    "setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "addItem", "addTab",
    "addRow", "insertRow", "setInformativeText", "showMessage", "setAccessibleName",
    "setHeaderLabels", "setHorizontalHeaderLabels", "QLabel", "QPushButton", "QCheckBox",
    "QRadioButton", "QGroupBox", "QAction", "addMenu", "setStatusTip", "setTitle",
    "addButton", "warning", "information", "critical", "question", "QListWidgetItem",
    "QTableWidgetItem", "QTreeWidgetItem", "setSpecialValueText", "setSuffix", "setPrefix",
}  # fmt: skip
ALLOWED = re.compile(r"^(Carnet\W*|https?://\S+|[\w-]+-[\w-]+|Français|English)$")
"""Not sentences: the product's name, example addresses, language names in their own tongue."""


def _words(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.List | ast.Tuple):
        return next((w for e in node.elts if (w := _words(e))), None)
    elif isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    else:
        return None
    text = text.strip()
    return text if re.search(r"[A-Za-z]{2,}", text) and not ALLOWED.match(text) else None


def test_no_literal_text_is_put_on_a_widget_without_tr():
    found = []
    for path in sorted((ROOT / "desktop" / "app").glob("*.py")):
        if path.name == "screenshots.py":  # a script that fills forms with sample data
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SETTERS:
                found += [f"{path.name}:{node.lineno} {w!r}" for a in node.args if (w := _words(a))]
    assert found == [], "wrap user-visible text in self.tr() / QCoreApplication.translate()"
