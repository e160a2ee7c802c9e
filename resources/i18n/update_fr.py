"""Refresh the French translation: lupdate over the app's code, fill new strings from a
JSON file of translations, report what is still unfinished, compile the .qm.

    .venv/bin/python resources/i18n/update_fr.py [new.json]

``new.json`` maps a context to {source: translation}; a plural source (``%n``) maps to
a list [singular, plural]. Strings already translated in the .ts are kept.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "carnet_fr.ts"


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def main(argv: list[str]) -> int:
    sources = sorted(str(p) for p in (ROOT / "desktop" / "app").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)], check=True)
    new: dict[str, dict[str, str | list[str]]] = {}
    if argv:
        new = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    text = TS.read_text(encoding="utf-8")
    unfinished: list[str] = []

    def fill(block: re.Match[str], context: str) -> str:
        message = block.group(0)
        if 'type="unfinished"' not in message:
            return message
        source = html.unescape(re.search(r"<source>(.*?)</source>", message, re.S).group(1))  # type: ignore[union-attr]
        done = new.get(context, {}).get(source)
        if done is None:
            unfinished.append(f"{context}: {source}")
            return message
        if 'numerus="yes"' in message:
            forms = done if isinstance(done, list) else [done, done]
            body = "".join(
                f"<numerusform>{html.escape(f, quote=False)}</numerusform>" for f in forms
            )
        else:
            body = html.escape(str(done), quote=False)
        return re.sub(
            r'<translation type="unfinished">.*?</translation>',
            lambda _: f"<translation>{body}</translation>",
            message,
            flags=re.S,
        )

    def per_context(ctx: re.Match[str]) -> str:
        name = html.unescape(re.search(r"<name>(.*?)</name>", ctx.group(0)).group(1))  # type: ignore[union-attr]
        messages = r"<message[ >].*?</message>"
        return re.sub(messages, lambda m: fill(m, name), ctx.group(0), flags=re.S)

    text = re.sub(r"<context>.*?</context>", per_context, text, flags=re.S)
    TS.write_text(text, encoding="utf-8")
    qm = str(TS.with_suffix(".qm"))
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", qm], check=True)
    for line in unfinished:
        print("unfinished:", line)
    return 1 if unfinished else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
