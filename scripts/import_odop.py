"""Import an official ODOP product list (CSV, XLSX or PDF) into data/odop/products.csv.

Usage (the DPIIT list as a user downloads it):

    python scripts/import_odop.py ODOP_productList.pdf \\
        --source https://dpiit.gov.in/sites/default/files/ODOP_productList_QNo2116_07August2024.pdf \\
        --programme "DPIIT ODOP"

The input needs a header row with columns whose names contain "state", "district" and
"product" (case-insensitive; e.g. "Name of State/UT", "District", "ODOP Product(s)").
Blank state/district cells (merged cells in PDFs) repeat the value above. A product cell
with several lines or ``;``-separated names becomes one row per product.

Rows of the same ``--programme`` already in the output are replaced; rows of other
programmes are kept. Each imported row gets ``--source`` and a sector from the keyword
table ``SECTOR_KEYWORDS`` ("other" when no keyword matches: review those by hand).
Rows that cannot be imported are printed with their input row number and reason.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.data.schemas import PRODUCT_COLUMNS  # noqa: E402

DEFAULT_OUTPUT = REPO / "data" / "odop" / "products.csv"

# First matching keyword wins; checked against the lower-cased product name.
SECTOR_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("toys", ("toy", "doll")),
    ("leather & footwear", ("leather", "footwear", "shoe", "jutti", "kolhapuri")),
    ("textiles & handloom", ("silk", "saree", "sari", "handloom", "textile", "weav", "cotton", "shawl", "carpet",
                             "rug", "durrie", "dari", "embroider", "chikan", "zari", "khadi", "garment", "apparel",
                             "hosiery", "fabric", "yarn", "jute", "phulkari", "bandhani", "ikat", "block print",
                             "pashmina", "wool")),
    ("spices", ("turmeric", "chilli", "chilly", "pepper", "ginger", "cardamom", "spice", "coriander", "cumin",
                "garlic", "saffron", "clove", "fennel", "fenugreek", "large cardamom", "asafoetida", "hing")),
    ("plantation crops", ("tea", "coffee", "rubber", "arecanut", "areca", "cashew", "coconut")),
    ("fisheries & marine", ("fish", "shrimp", "prawn", "marine", "aqua", "seafood")),
    ("dairy & livestock", ("milk", "dairy", "ghee", "paneer", "poultry", "meat", "egg", "honey")),
    ("food processing", ("processed", "based products", "pickle", "jaggery", "gur", "snack", "namkeen", "sweet",
                         "peda", "petha", "bakery", "papad", "juice", "jam", "makhana", "oil", "flour",
                         "food")),
    ("forest produce", ("bamboo", "cane", "lac", "mahua", "tamarind", "forest", "sal leaf")),
    ("minerals & stone", ("marble", "granite", "stone", "slate", "sandstone", "mineral", "limestone")),
    ("engineering & manufacturing", ("lock", "hardware", "brass", "metal", "steel", "iron", "engineering", "machine",
                                     "auto", "tool", "implement", "electr", "pump", "bicycle", "sports goods",
                                     "glass", "ceramic", "plastic", "chemical", "pharma", "rubber products")),
    ("handicrafts", ("craft", "pottery", "terracotta", "painting", "wood", "carving", "jewel", "bidri",
                     "meenakari", "art", "handicraft", "incense", "agarbatti", "perfume", "attar", "itar",
                     "musical", "idol", "moonj", "papier", "mat", "basket", "bell metal", "dhokra")),
    ("agriculture & horticulture", ("mango", "orange", "apple", "banana", "guava", "litchi", "pineapple", "grape",
                                    "pomegranate", "citrus", "fruit", "vegetable", "potato", "tomato", "onion",
                                    "rice", "paddy", "wheat", "millet", "maize", "pulse", "dal", "gram", "soybean",
                                    "mustard", "groundnut", "sugarcane", "flower", "kiwi", "walnut", "apricot",
                                    "almond", "berry", "papaya", "jackfruit", "custard apple", "amla", "lemon",
                                    "lime", "kinnow", "mentha", "aloe", "herb", "medicinal", "aonla", "mint", "basil",
                                    "mushroom", "pea", "lentil", "corn", "sesame", "isabgol", "moringa", "tapioca",
                                    "tuber", "sapota", "chicory", "betel", "strawberr")),
]


def classify_sector(product: str) -> str:
    """Sector by keyword (see ``SECTOR_KEYWORDS``); 'other' when nothing matches."""
    name = product.lower()
    for sector, keywords in SECTOR_KEYWORDS:
        if any(re.search(rf"\b{re.escape(k)}", name) for k in keywords):
            return sector
    return "other"


def read_table(path: Path) -> pd.DataFrame:
    """The input as a DataFrame of strings (CSV, XLSX/XLS, or every table in a PDF)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if suffix in (".xlsx", ".xls"):
        return pd.read_excel(path, dtype=str).fillna("")
    if suffix == ".pdf":
        return _read_pdf(path)
    raise SystemExit(f"{path.name}: unsupported file type {suffix!r} (use .csv, .xlsx or .pdf)")


def _read_pdf(path: Path) -> pd.DataFrame:
    import pdfplumber

    header: list[str] | None = None
    rows: list[list[str]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for cells in table:
                    cells = [(c or "").strip() for c in cells]
                    if header is None:
                        header = cells
                    elif cells != header and any(cells):
                        rows.append(cells)
    if header is None:
        raise SystemExit(f"{path.name}: no table found in the PDF")
    width = len(header)
    return pd.DataFrame([(r + [""] * width)[:width] for r in rows], columns=header)


def _column(frame: pd.DataFrame, word: str, path: Path) -> str:
    for name in frame.columns:
        if word in str(name).lower():
            return name
    raise SystemExit(f"{path.name}: no column whose header contains {word!r}; headers: {list(frame.columns)}")


def import_rows(path: Path, source: str, programme: str) -> tuple[list[dict[str, str]], list[str]]:
    """Rows for products.csv from one official list, and the problems (row number + reason)."""
    frame = read_table(path)
    state_col, district_col, product_col = (_column(frame, w, path) for w in ("state", "district", "product"))
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    state = district = ""
    for number, record in enumerate(frame.to_dict("records"), start=2):
        state = " ".join(str(record[state_col]).split()) or state
        district = " ".join(str(record[district_col]).split()) or district
        products = [" ".join(p.split()) for p in re.split(r"[\n;]", str(record[product_col])) if p.strip()]
        if not state or not district:
            problems.append(f"{path.name}:{number}: no state/district (and none above to repeat)")
            continue
        if not products:
            problems.append(f"{path.name}:{number}: empty product for {district}, {state}")
            continue
        rows.extend({"state": state, "district": district, "lgd_code": "", "product": product,
                     "sector": classify_sector(product), "gi_tagged": "", "programme": programme,
                     "source": source} for product in products)
    return rows, problems


def merge_into(output: Path, rows: list[dict[str, str]], programme: str) -> int:
    """Replace ``programme``'s rows in ``output`` with ``rows``; returns the rows kept from other lists."""
    kept: list[dict[str, str]] = []
    if output.exists():
        with output.open(encoding="utf-8-sig", newline="") as handle:
            kept = [r for r in csv.DictReader(handle) if r.get("programme") != programme]
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PRODUCT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(kept + rows)
    return len(kept)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="the official list (.csv, .xlsx or .pdf)")
    parser.add_argument("--source", required=True, help="URL (or citation) of the official list")
    parser.add_argument("--programme", default="DPIIT ODOP", help="list name stored in the programme column")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    rows, problems = import_rows(args.input, args.source, args.programme)
    kept = merge_into(args.out, rows, args.programme)
    for problem in problems:
        print(problem)
    others = sum(r["sector"] == "other" for r in rows)
    print(f"imported {len(rows)} product rows from {args.input.name} ({len(problems)} rows skipped, "
          f"{others} with sector 'other' to review); kept {kept} rows of other lists; wrote {args.out}")
    print("next: python -m dashboard.data check   (match report)")


if __name__ == "__main__":
    main()
