"""The drug list behind the prescription editor's autocomplete: DCI and brand names.

Built from the French public drug database (BDPM) by :func:`import_bdpm`, into a plain
SQLite file beside the practice (``drugs.sqlite``): public data, no patient in it, so
it is neither encrypted nor synced; each computer imports the files once. Until then a
starter list of the commonest molecules (resources/drugs/starter.tsv) answers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.practice import bdpm, errors
from desktop.practice.textfold import fold

FILE_NAME = "drugs.sqlite"
STARTER = Path(__file__).resolve().parents[2] / "resources" / "drugs" / "starter.tsv"
STARTER_BRANDS = STARTER.with_name("starter_brands.tsv")
KIND_ORDER = {"dci": 0, "molecule": 1, "brand": 2}
"""What the list offers first: a DCI with its strength and form (what an ordonnance
must say: "amoxicilline 1 g, gélule"), then the bare molecule (its line printed no dose:
"amoxicilline — 1 cp matin et soir"), then brands. Applied at search time, so an index
imported before the order changed follows it too (its ``rank`` column is not read)."""
_KIND_RANK = (
    "CASE e.kind " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in KIND_ORDER.items()) + " ELSE 9 END"
)


@dataclass(frozen=True, slots=True)
class Drug:
    """One choice in the autocomplete. ``label`` is what the list shows; ``drug`` what
    the prescription line prints (always the DCI, with strength and form)."""

    kind: str  # molecule | dci | brand
    label: str
    drug: str
    dci: str
    brand: str = ""
    substances: tuple[str, ...] = ()
    atc: str = ""
    cis: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    products: int
    entries: int
    encoding: str  # of CIS_bdpm.txt: "utf-8" or "cp1252"
    files: tuple[str, ...]


_SCHEMA = (
    "CREATE TABLE entry (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, "
    "drug TEXT NOT NULL, dci TEXT NOT NULL, brand TEXT NOT NULL, substances TEXT NOT NULL, "
    "atc TEXT NOT NULL, cis TEXT NOT NULL, rank INTEGER NOT NULL)",
    "CREATE TABLE token (token TEXT NOT NULL, entry INTEGER NOT NULL, "
    "PRIMARY KEY (token, entry)) WITHOUT ROWID",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
)


def _fill(conn: sqlite3.Connection, drugs: Iterable[Drug]) -> int:
    seen: set[tuple[str, str]] = set()
    count = 0
    for d in drugs:
        if (d.kind, d.label) in seen:
            continue
        seen.add((d.kind, d.label))
        cur = conn.execute(
            "INSERT INTO entry (kind, label, drug, dci, brand, substances, atc, cis, rank) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                d.kind,
                d.label,
                d.drug,
                d.dci,
                d.brand,
                json.dumps(list(d.substances), ensure_ascii=False),
                d.atc,
                d.cis,
                KIND_ORDER[d.kind],
            ),
        )
        tokens = set(fold(f"{d.label} {d.dci}").split())
        conn.executemany(
            "INSERT OR IGNORE INTO token (token, entry) VALUES (?, ?)",
            [(t, cur.lastrowid) for t in tokens],
        )
        count += 1
    return count


def starter_drugs(path: Path = STARTER, brands: Path = STARTER_BRANDS) -> Iterator[Drug]:
    """The shipped list: 'dci <TAB> strengths (;) <TAB> forms (;) <TAB> ATC' per line;
    then each brand of ``brands`` ('brand <TAB> dci [<TAB> strengths (;)]') with every
    form of its DCI (of those strengths), as "Doliprane (paracétamol 1 g, comprimé)",
    which prints the DCI form alone."""
    forms_of: dict[str, list[Drug]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        dci, strengths, forms, atc = (raw.split("\t") + ["", "", ""])[:4]
        substances = tuple(s.strip() for s in dci.split("+"))
        yield Drug("molecule", dci, dci, dci, substances=substances, atc=atc)
        for strength in filter(None, (s.strip() for s in strengths.split(";"))):
            for form in filter(None, (f.strip() for f in forms.split(";"))):
                label = f"{dci} {strength}, {form}"
                drug = Drug("dci", label, label, dci, substances=substances, atc=atc)
                forms_of.setdefault(dci, []).append(drug)
                yield drug
    if not brands.is_file():
        return
    for raw in brands.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        brand, dci, only = (part.strip() for part in (raw.split("\t") + ["", ""])[:3])
        its_own = [f"{dci} {x.strip()}, " for x in only.split(";") if x.strip()]
        for dosed in forms_of.get(dci, ()):
            if not its_own or any(dosed.label.startswith(x) for x in its_own):
                yield replace(dosed, kind="brand", label=f"{brand} ({dosed.label})")


class DrugIndex:
    """Search over the imported BDPM, or over the starter list before any import.

    Used on the database worker only (one connection, one thread at a time)."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self.conn = conn
        self.source = source  # "bdpm" or "starter"

    @classmethod
    def open(cls, folder: Path) -> DrugIndex:
        path = Path(folder) / FILE_NAME
        if path.is_file():
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("SELECT count(*) FROM entry").fetchone()
                return cls(conn, "bdpm")
            except sqlite3.DatabaseError:
                with contextlib.suppress(Exception):
                    conn.close()
                # A damaged index is public data: fall back to the starter list.
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        for sql in _SCHEMA:
            conn.execute(sql)
        _fill(conn, starter_drugs())
        return cls(conn, "starter")

    def close(self) -> None:
        self.conn.close()

    def search(self, query: str, limit: int = 20) -> list[Drug]:
        """Entries whose words start with each word of ``query`` (accents ignored), in
        KIND_ORDER (DCI forms, molecules, brands); shorter labels first."""
        words = fold(query).split()
        if not words or limit <= 0:
            return []
        first = max(words, key=len)
        rows = self.conn.execute(
            "SELECT e.kind, e.label, e.drug, e.dci, e.brand, e.substances, e.atc, e.cis "
            "FROM token t JOIN entry e ON e.id = t.entry "
            "WHERE t.token >= ? AND t.token < ? GROUP BY e.id "
            f"ORDER BY {_KIND_RANK}, length(e.label), e.label LIMIT ?",
            # one word: the first rows are the answer; more: filter a wider window
            (first, first + "\uffff", limit if len(words) == 1 else 2000),
        ).fetchall()
        out = []
        for kind, label, drug, dci, brand, subs, atc, cis in rows:
            tokens = fold(f"{label} {dci}").split()
            if all(any(t.startswith(w) for t in tokens) for w in words):
                out.append(Drug(kind, label, drug, dci, brand, tuple(json.loads(subs)), atc, cis))
                if len(out) >= limit:
                    break
        return out

    def resolve(self, text: str) -> Drug | None:
        """What a typed drug is: the entry of that exact label, else the longest molecule
        its words start with ("Amoxicilline 1 g" -> amoxicilline), else None."""
        folded = fold(text)
        if not folded:
            return None
        best: Drug | None = None
        for hit in self.search(folded.split()[0], limit=200):
            label = fold(hit.label)
            if label == folded and hit.kind != "molecule":
                return hit
            longer = best is None or len(label) > len(fold(best.label))
            if hit.kind == "molecule" and (folded + " ").startswith(label + " ") and longer:
                best = hit
        return best


def import_bdpm(folder: Path, target_folder: Path) -> ImportReport:
    """Read the BDPM files in ``folder`` and replace ``target_folder``/drugs.sqlite.

    Written to a temporary file and moved into place: a failed import leaves the previous
    index (or the starter list) in use."""
    found = bdpm.read_folder(Path(folder))
    drugs = list(bdpm.to_drugs(found.products.values()))
    if not drugs:
        raise errors.InvalidInputError(
            f"no marketed product with an active substance in {folder}; nothing was imported"
        )
    target = Path(target_folder) / FILE_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".drugs-", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise errors.StorageError(f"cannot write in {target.parent} ({exc.strerror})") from exc
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                for sql in _SCHEMA:
                    conn.execute(sql)
                count = _fill(conn, (Drug(**d) for d in drugs))
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("source", "bdpm"),
                        ("imported_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                        ("products", str(len(found.products))),
                    ],
                )
        finally:
            conn.close()
        os.replace(tmp, target)
    except sqlite3.DatabaseError as exc:
        raise errors.StorageError(f"cannot write the drug index in {target.parent}") from exc
    except OSError as exc:
        raise errors.StorageError(f"cannot write {target} ({exc.strerror})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return ImportReport(
        len(found.products), count, found.encodings["CIS_bdpm.txt"], tuple(sorted(found.encodings))
    )
