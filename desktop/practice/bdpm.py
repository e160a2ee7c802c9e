"""Reading the French public drug database (BDPM) files as the ANSM publishes them.

Tab-separated, no header, no quoting, one product per CIS code (8 digits). The files
have long been Windows-1252; newer downloads may be UTF-8: each file is decoded as
strict UTF-8 first, then as Windows-1252 (which Latin-1 text also reads as), and the
encoding found is reported. Files and columns used:

- CIS_bdpm.txt (required): CIS, name, form, routes, AMM status, AMM procedure,
  marketing state, AMM date, BdM status, EU number, holder(s), enhanced monitoring.
- CIS_COMPO_bdpm.txt (required): CIS, element, substance code, substance name,
  dosage, dosage reference, nature (SA active substance / FT therapeutic fraction),
  SA-FT link number.
- CIS_CIP_bdpm.txt (optional): CIS, CIP7, pack, pack status, marketing declaration,
  date, CIP13, ... : a product with none of its packs on the market is left out.
- CIS_MITM.txt (optional): CIS, ATC code, ...: the ATC code sharpens the allergy check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.practice import errors

REQUIRED = {"CIS_bdpm.txt": 12, "CIS_COMPO_bdpm.txt": 8}
OPTIONAL = {"CIS_CIP_bdpm.txt": 7, "CIS_MITM.txt": 2}
_CIS = re.compile(r"[0-9]{8}")


@dataclass(frozen=True, slots=True)
class Component:
    element: str
    name: str
    dosage: str
    nature: str  # SA or FT
    link: str


@dataclass(slots=True)
class Product:
    cis: str
    name: str
    form: str
    components: list[Component] = field(default_factory=list)
    atc: str = ""


@dataclass(frozen=True, slots=True)
class Bdpm:
    products: dict[str, Product]
    encodings: dict[str, str]  # file name -> encoding found


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): strict UTF-8 (BOM dropped), else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def rows(text: str, name: str, columns: int) -> Iterator[list[str]]:
    """The fields of each non-blank line; a line with too few fields, or no CIS code,
    is an error naming the file and line (the wrong file, or a damaged download)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < columns or not _CIS.fullmatch(fields[0]):
            raise errors.InvalidInputError(
                f"{name}, line {number}: expected {columns} tab-separated columns starting "
                "with an 8-digit CIS code; is this the file downloaded from "
                "base-donnees-publique.medicaments.gouv.fr?"
            )
        yield fields


def _read(folder: Path, name: str) -> tuple[str, str] | None:
    path = folder / name
    if not path.is_file():
        return None
    try:
        return decode(path.read_bytes())
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc


def read_folder(folder: Path) -> Bdpm:
    """The marketed products of the BDPM files in ``folder``, with their active
    substances, and their ATC codes when CIS_MITM.txt is there."""
    texts, encodings = _read_texts(folder)
    products = _marketed_products(texts)
    if "CIS_CIP_bdpm.txt" in texts:
        products = _on_sale(products, texts["CIS_CIP_bdpm.txt"])
    if "CIS_MITM.txt" in texts:
        _add_atc(products, texts["CIS_MITM.txt"])
    return Bdpm(products, encodings)


def _read_texts(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(text, encoding) by file name of every BDPM file present; the required ones must be."""
    if not folder.is_dir():
        raise errors.InvalidInputError(f"{folder} is not a folder")
    missing = [n for n in REQUIRED if not (folder / n).is_file()]
    if missing:
        raise errors.InvalidInputError(
            f"{folder} lacks {', '.join(missing)}; download the BDPM files from "
            "base-donnees-publique.medicaments.gouv.fr into one folder"
        )
    encodings: dict[str, str] = {}
    texts: dict[str, str] = {}
    for name in (*REQUIRED, *OPTIONAL):
        found = _read(folder, name)
        if found is not None:
            texts[name], encodings[name] = found
    return texts, encodings


def _marketed_products(texts: dict[str, str]) -> dict[str, Product]:
    """Products with an active AMM that are marketed, with their SA and FT components."""
    products: dict[str, Product] = {}
    for f in rows(texts["CIS_bdpm.txt"], "CIS_bdpm.txt", REQUIRED["CIS_bdpm.txt"]):
        status, marketed = f[4].lower(), f[6].lower()
        if "active" in status and marketed.startswith("commercialis"):
            products[f[0]] = Product(f[0], f[1], f[2])
    for f in rows(texts["CIS_COMPO_bdpm.txt"], "CIS_COMPO_bdpm.txt", 8):
        product = products.get(f[0])
        if product is not None and f[6] in ("SA", "FT"):
            product.components.append(Component(f[1], f[3], f[4], f[6], f[7]))
    return products


def _on_sale(products: dict[str, Product], packs: str) -> dict[str, Product]:
    """Only the products with a pack still on the market (CIS_CIP_bdpm.txt)."""
    on_sale = {
        f[0]
        for f in rows(packs, "CIS_CIP_bdpm.txt", 7)
        if "active" in f[3].lower() and "arr" not in f[4].lower()
    }
    return {cis: p for cis, p in products.items() if cis in on_sale}


def _add_atc(products: dict[str, Product], mitm: str) -> None:
    """Each product's ATC code from CIS_MITM.txt (it sharpens the allergy check)."""
    for f in rows(mitm, "CIS_MITM.txt", 2):
        if f[0] in products:
            products[f[0]].atc = f[1].upper()


# --- from products to autocomplete entries -----------------------------------------------

_SALT_BEFORE = re.compile(
    r"^(di)?(chlorhydrate|bromhydrate|sulfate|maléate|fumarate|hémifumarate|tartrate|"
    r"succinate|mésilate|mésylate|bésilate|citrate|phosphate|acétate|lysinate|"
    r"trométamol) (de |d')",
)
_SALT_AFTER = re.compile(
    r" (sodique|potassique|calcique|magnésique|base|anhydre|(mono|di|tri|sesqui|hémi)?"
    r"hydraté(e)?|(mono|di|tri|sesqui|hémi)hydrate)$"
)


def dci_name(substance: str) -> str:
    """'CHLORHYDRATE DE METFORMINE' -> 'metformine'; 'AMOXICILLINE TRIHYDRATÉE' ->
    'amoxicilline' (the DCI a pharmacist reads; the salt is the product's business)."""
    name = " ".join(substance.lower().split())
    for _ in range(3):
        name = _SALT_AFTER.sub("", _SALT_BEFORE.sub("", name))
    return name


def strength(dosage: str) -> str:
    """'1,00 mg' -> '1 mg', '2,50 mg' -> '2,5 mg'."""
    text = " ".join(dosage.split())
    text = re.sub(r"(\d+),0+\b", r"\1", text)
    return re.sub(r"(\d+,\d*?[1-9])0+\b", r"\1", text)


def molecules(product: Product) -> list[tuple[str, str]]:
    """(DCI, strength) per active substance. The name is the therapeutic fraction's when
    given (METFORMINE, not its hydrochloride); the strength is the one the product's
    name shows (GLUCOPHAGE 1000 mg: the salt's; CLAMOXYL 1 g: the fraction's)."""
    groups: dict[tuple[str, str], dict[str, Component]] = {}
    for c in product.components:
        groups.setdefault((c.element, c.link), {}).setdefault(c.nature, c)
    label = f" {' '.join(product.name.lower().split())} "
    out: list[tuple[str, str]] = []
    for group in groups.values():
        named = group.get("FT") or group["SA"]
        dosed = [strength(c.dosage) for c in (group.get("FT"), group.get("SA")) if c]
        shown = [d for d in dosed if d and f" {d.lower()}" in label]
        pair = (dci_name(named.name), (shown or dosed or [""])[0])
        if pair[0] and all(pair[0] != seen for seen, _ in out):
            out.append(pair)
    return out


def to_drugs(products: Iterable[Product]) -> Iterator[dict[str, Any]]:
    """Entries for the index: a DCI form per distinct molecules+strength+form, a brand
    per product, and a bare molecule per DCI. Dicts with drugs.Drug's fields."""
    for product in products:
        parts = molecules(product)
        if not parts:
            continue
        dci = " + ".join(name for name, _ in parts)
        dosed = " + ".join(f"{name} {s}".strip() for name, s in parts)
        form = product.form.lower().strip()
        drug = f"{dosed}, {form}" if form else dosed
        common = {
            "dci": dci,
            "substances": tuple(name for name, _ in parts),
            "atc": product.atc,
        }
        yield {"kind": "molecule", "label": dci, "drug": dci, **common}
        yield {"kind": "dci", "label": drug, "drug": drug, **common}
        yield {
            "kind": "brand",
            "label": product.name,
            "drug": drug,
            "brand": product.name,
            "cis": product.cis,
            **common,
        }
