"""Import an official ODOP list into products.csv: read safely, normalise once, match, diff, write atomically.

Used by ``scripts/import_odop.py`` (the command line) and ``scripts/build_data.py`` (every list).
Every problem is an :class:`ImportFailure` (the whole file) or a one-line row problem; nothing
here ends in a traceback for a bad input file.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.data.match import DistrictMatcher
from dashboard.data.names import name_key, state_key
from dashboard.data.vocabulary import PRODUCT_COLUMNS

EXIT_REFUSED = 1       # the import would remove too much (see --allow-shrink)
EXIT_USAGE = 2         # unknown column layout or bad arguments
EXIT_UNREADABLE = 3    # the input cannot be read at all


class ImportFailure(Exception):
    """The whole input (or the output) cannot be used; ``code`` is the process exit code."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE):
        super().__init__(message)
        self.code = code


# Exact headers (case, spaces and the order of words around '/' ignored) -> field.
KNOWN_HEADERS: dict[str, tuple[str, ...]] = {
    "state": ("state", "state/ut", "name of state/ut", "state name", "name of the state"),
    "district": ("district", "district name", "name of district", "name of the district"),
    "product": ("product", "products", "odop product", "odop product(s)", "odop products", "product name"),
    "source_code": ("lgd code", "source_code"),
    "category": ("category",),
    "sector": ("sector",),
    "description": ("description",),
    "gi_tagged": ("gi status", "gi_tagged", "gi tagged"),
    "photo_url": ("photo", "photo_url", "photo url"),
    "ministry": ("ministry/ department", "ministry/department", "ministry", "ministry / department"),
    "source": ("source",),
    "source_note": ("source_note", "source note"),
    "serial": ("s.no", "s. no.", "s.no.", "sl. no.", "sl.no.", "sno", "sr. no.", "s no"),
}
REQUIRED_FIELDS = ("state", "district", "product")

OFFICIAL_SECTORS: dict[str, str] = {
    "agriculture": "Agriculture", "food processing": "Food Processing", "handicraft": "Handicraft",
    "handicrafts": "Handicraft", "handloom": "Handloom", "handlooms": "Handloom", "textile": "Textile",
    "textiles": "Textile", "manufacturing": "Manufacturing", "marine": "Marine", "dairy": "Dairy",
    "others": "Others", "other": "Others",
}
CATEGORIES: dict[str, str] = {"primary": "Primary", "secondary": "Secondary", "tertiary": "Tertiary",
                              "others": "Others", "other": "Others"}
GI_VALUES: dict[str, str] = {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no"}

# One spelling per ministry/department (the list spells several in more than one way).
MINISTRY_NAMES: dict[str, str] = {
    "ministry of agriculture & farmers' welfare": "Ministry of Agriculture & Farmers' Welfare",
    "ministry of agriculture & farmers welfare": "Ministry of Agriculture & Farmers' Welfare",
    "dc handicraft": "DC Handicrafts (Ministry of Textiles)",
    "dc handicrafts": "DC Handicrafts (Ministry of Textiles)",
    "dc handloom": "DC Handlooms (Ministry of Textiles)",
    "dc handlooms": "DC Handlooms (Ministry of Textiles)",
    "msme": "Ministry of MSME",
    "ministry of msme": "Ministry of MSME",
    "ministry of food processing": "Ministry of Food Processing Industries",
    "ministry of food processing industries": "Ministry of Food Processing Industries",
    "ministry of textile": "Ministry of Textiles",
    "minsitry of textile": "Ministry of Textiles",
    "ministry of textiles": "Ministry of Textiles",
    "department of fisheries": "Department of Fisheries",
    "minstry of heavy industries": "Ministry of Heavy Industries",
    "ministry of mines": "Ministry of Mines",
    "department of geology": "Department of Geology",
    "ministry of commerce and industry": "Ministry of Commerce and Industry",
}

# Sector of a row whose source gives none: first matching keyword in the product name.
SECTOR_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("Handloom", ("handloom", "saree", "sari", "weav", "ikat", "muga", "eri ", "khadi")),
    ("Textile", ("textile", "garment", "apparel", "hosiery", "fabric", "yarn", "carpet", "rug", "durrie", "shawl",
                 "tweed", "woollen", "wool", "embroider", "chikan", "phulkari", "jute", "silk")),
    ("Handicraft", ("craft", "pottery", "terracotta", "painting", "carving", "jewel", "bidri", "meenakari", "aipan",
                    "toy", "doll", "bamboo", "cane", "brass", "wood", "artefact", "bell metal", "dhokra", "moonj", "candle", "leather",
                    "footwear", "incense", "agarbatti", "perfume", "attar", "stone")),
    ("Marine", ("fish", "shrimp", "prawn", "seafood", "marine")),
    ("Dairy", ("milk", "dairy", "ghee", "paneer")),
    ("Food Processing", ("processed", "processing", "product", "pickle", "jaggery", "gur", "snack", "namkeen",
                         "sweet", "mithai", "bakery", "papad", "juice", "jam", "oil", "flour", "honey", "food")),
    ("Manufacturing", ("lock", "hardware", "steel", "iron", "engineering", "machine", "tool", "pump", "glass",
                       "ceramic", "plastic", "chemical", "pharma", "furniture")),
    ("Agriculture", ("potato", "turmeric", "pineapple", "lemon", "chilli", "chilly", "rice", "maize", "ginger",
                     "banana", "orange", "mustard", "tea", "rajma", "mushroom", "herb", "aromatic", "vegetable",
                     "fruit", "spice", "apple", "kiwi", "millet", "pulse", "areca", "coconut", "cashew", "citrus")),
]


@dataclass(frozen=True)
class ImportOptions:
    """What the command line asks for (see ``scripts/import_odop.py --help``)."""

    programme: str
    source: str
    sector: str = ""
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportResult:
    """Rows read from one input, the problems found and how it was read."""

    rows: list[dict[str, str]]
    problems: list[str]
    encoding: str
    ignored_columns: list[str]


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", str(text).strip().lower())


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Text and encoding name: UTF-8 with a byte-order mark, UTF-8, or cp1252 (what DPIIT publishes)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"{name}: neither UTF-8 nor cp1252 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                            "re-save it as UTF-8") from exc


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    text, encoding = decode(path.read_bytes(), path.name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        while True:
            line = reader.line_num + 1
            fields = next(reader, None)
            if fields is None:
                break
            records.append((line, fields))
    except csv.Error as exc:
        raise ImportFailure(f"{path.name}:{reader.line_num}: malformed CSV ({exc}); nothing imported") from exc
    if not header:
        raise ImportFailure(f"{path.name}: empty file (no header row)")
    return header, records, encoding


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    import openpyxl

    try:
        sheet = openpyxl.load_workbook(path, read_only=True, data_only=True).active
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise ImportFailure(f"{path.name}: not a readable Excel workbook ({exc})") from exc
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if not rows:
        raise ImportFailure(f"{path.name}: empty workbook")
    return rows[0], [(number, row) for number, row in enumerate(rows[1:], start=2)], "Excel"


def _read_pdf(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    import pdfplumber

    header: list[str] | None = None
    rows: list[list[str]] = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    for cells in table:
                        cells = [(c or "").strip() for c in cells]
                        if header is None:
                            header = cells
                        elif cells != header and any(cells):
                            rows.append(cells)
    except Exception as exc:  # pdfminer raises many types for a damaged PDF
        raise ImportFailure(f"{path.name}: not a readable PDF ({exc})") from exc
    if header is None:
        raise ImportFailure(f"{path.name}: no table found in the PDF")
    return header, [(number, row) for number, row in enumerate(rows, start=2)], "PDF text"


def read_records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """Header, ``(row number, cells)`` records and how the file was decoded."""
    if not path.exists():
        raise ImportFailure(f"{path}: file not found")
    readers = {".csv": _read_csv, ".xlsx": _read_xlsx, ".pdf": _read_pdf}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ImportFailure(f"{path.name}: unsupported file type {path.suffix!r} (use .csv, .xlsx or .pdf)",
                            EXIT_USAGE)
    return reader(path)


def recognise_columns(header: list[str], name: str, explicit: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Field -> column position, by exact known headers or an explicit ``--columns`` mapping; and ignored headers."""
    positions: dict[str, int] = {}
    keys = [_header_key(h) for h in header]
    for field_name, wanted in explicit.items():
        if _header_key(wanted) not in keys:
            raise ImportFailure(f"{name}: --columns names {wanted!r} for {field_name}, but the headers are "
                                f"{header}", EXIT_USAGE)
        positions[field_name] = keys.index(_header_key(wanted))
    for field_name, known in KNOWN_HEADERS.items():
        found = [i for i, k in enumerate(keys) if k in {_header_key(h) for h in known}]
        if found and field_name not in positions:
            positions[field_name] = found[0]
    missing = [f for f in REQUIRED_FIELDS if f not in positions]
    if missing:
        raise ImportFailure(
            f"{name}: unknown column layout: need {', '.join(REQUIRED_FIELDS)}; missing {', '.join(missing)}; "
            f"headers seen: {header}. Name the columns with --columns, e.g. "
            f"--columns 'state=Name of State,district=District,product=ODOP Product'", EXIT_USAGE)
    used = set(positions.values())
    return positions, [h for i, h in enumerate(header) if i not in used and h.strip()]


def clean(text: str) -> str:
    """One line, single spaces: cells of the official list carry line breaks and padding."""
    return " ".join(str(text or "").split())


def keyword_sector(product: str) -> str:
    """Sector by keyword for a row whose source gives none ("Others" when nothing matches)."""
    name = f" {product.lower()} "
    for sector, words in SECTOR_KEYWORDS:
        if any(word in name for word in words):
            return sector
    return "Others"


def _sector(cells: dict[str, str], product: str, options: ImportOptions) -> tuple[str, str, str | None]:
    """Sector, its basis and a problem (an unknown official sector)."""
    given = clean(cells.get("sector", "")).lower()
    if given:
        sector = OFFICIAL_SECTORS.get(given)
        if sector is None:
            return "", "", f"unknown sector {given!r} (known: {', '.join(sorted(set(OFFICIAL_SECTORS.values())))})"
        return sector, "official", None
    if options.sector:
        return options.sector, f"programme: every {options.programme} product is {options.sector}", None
    return keyword_sector(product), "our keyword rule (the source gives no sector)", None


def _coded(cells: dict[str, str], column: str, vocabulary: dict[str, str]) -> tuple[str, str | None]:
    value = clean(cells.get(column, "")).lower().rstrip(".")
    if not value:
        return "", None
    if value not in vocabulary:
        return "", f"unknown {column} {value!r} (known: {', '.join(sorted(set(vocabulary)))})"
    return vocabulary[value], None


def normalise(cells: dict[str, str], product: str, options: ImportOptions) -> tuple[dict[str, str], str | None]:
    """One output row (without its district match) from one product of an input record, or a problem."""
    sector, basis, problem = _sector(cells, product, options)
    category, category_problem = _coded(cells, "category", CATEGORIES)
    gi, gi_problem = _coded(cells, "gi_tagged", GI_VALUES)
    ministry = clean(cells.get("ministry", "")).rstrip(".")
    photo = clean(cells.get("photo_url", ""))
    row = {
        "state": clean(cells["state"]), "district": clean(cells["district"]), "product": product,
        "source_code": clean(cells.get("source_code", "")), "sector": sector, "sector_basis": basis,
        "category": category, "gi_tagged": gi, "description": clean(cells.get("description", "")),
        "ministry": MINISTRY_NAMES.get(ministry.lower(), ministry),
        "photo_url": photo if photo.startswith(("https://", "http://")) else "",
        "programme": options.programme, "source": clean(cells.get("source", "")) or options.source,
        "source_note": clean(cells.get("source_note", "")),
    }
    return row, problem or category_problem or gi_problem


def _products_of(cell: str) -> list[str]:
    return [clean(p) for p in re.split(r"[\n;]", str(cell or "")) if clean(p)]


def import_rows(path: Path, options: ImportOptions) -> ImportResult:
    """Rows for products.csv from one list (unmatched to districts yet), and the problems (row and reason)."""
    header, records, encoding = read_records(path)
    positions, ignored = recognise_columns(header, path.name, options.columns)
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    above = {"state": "", "district": ""}
    for number, values in records:
        if not any(str(v).strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(f"{path.name}:{number}: has {len(values)} fields, header has {len(header)} "
                            "(truncated line or unquoted comma?); set aside")
            continue
        cells = {f: str(values[i]) for f, i in positions.items()}
        for carried in above:  # blank state/district cells (merged cells in a PDF) repeat the row above
            cells[carried] = clean(cells[carried]) or above[carried]
            above[carried] = cells[carried]
        products = _products_of(cells["product"])
        if not cells["state"] or not cells["district"]:
            problems.append(f"{path.name}:{number}: no state/district (and none above to repeat); set aside")
            continue
        if not products:
            problems.append(f"{path.name}:{number}: empty product for {cells['district']}, {cells['state']}; set aside")
            continue
        for product in products:
            row, problem = normalise(cells, product, options)
            key = (state_key(row["state"]), name_key(row["district"]), name_key(product))
            if problem is None and key in seen:
                problem = f"duplicate of row {seen[key]} (same state, district and product)"
            if problem:
                problems.append(f"{path.name}:{number}: {problem}; set aside")
                continue
            seen[key] = number
            rows.append(row | {"source_note": row["source_note"] or f"row {number} of {path.name}"})
    return ImportResult(rows, problems, encoding, ignored)


def place_rows(rows: list[dict[str, str]], matcher: DistrictMatcher) -> list[dict[str, str]]:
    """Match each row's district by name within its state (never by the list's own code).

    ``lgd_code`` becomes the LGD code of the polygon the row landed on (empty when it did
    not match: the row is kept and reported, never dropped); ``match`` says how.
    """
    placed = []
    for row in rows:
        found = matcher.match(row["state"], row["district"])
        note = found.note if found.district_id else "no polygon: nearest " + (", ".join(found.candidates) or "none")
        placed.append(row | {"lgd_code": found.district_id or "", "match": found.method, "match_note": note})
    return placed


def row_key(row: dict[str, str]) -> tuple[str, str, str, str]:
    """Identity of a product row across imports: list, state, district and product (normalised)."""
    return row["programme"], state_key(row["state"]), name_key(row["district"]), name_key(row["product"])


@dataclass
class Diff:
    """What an import changes, per state."""

    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """'Kerala: +3 added, 1 changed, -0 removed' per state, then the totals."""
        states = sorted(set(self.added) | set(self.changed) | set(self.removed))
        out = [f"  {s}: +{self.added[s]} added, {self.changed[s]} changed, -{self.removed[s]} removed" for s in states]
        total = (sum(self.added.values()), sum(self.changed.values()), sum(self.removed.values()))
        return out + [f"  total: +{total[0]} added, {total[1]} changed, -{total[2]} removed"]

    @property
    def empty(self) -> bool:
        """Whether the import changes nothing."""
        return not (self.added or self.changed or self.removed)


def merge(existing: list[dict[str, str]], new: list[dict[str, str]], programme: str
          ) -> tuple[list[dict[str, str]], Diff]:
    """Replace ``programme``'s rows in the states present in ``new``; keep every other row."""
    states = {state_key(r["state"]) for r in new}
    replaced = [r for r in existing if r.get("programme") == programme and state_key(r["state"]) in states]
    kept = [r for r in existing if not (r.get("programme") == programme and state_key(r["state"]) in states)]
    before = {row_key(r): r for r in replaced}
    after = {row_key(r): r for r in new}
    diff = Diff()
    for key, row in after.items():
        if key not in before:
            diff.added[row["state"]] += 1
        elif any(before[key].get(c, "") != row.get(c, "") for c in PRODUCT_COLUMNS):
            diff.changed[row["state"]] += 1
    for key, row in before.items():
        if key not in after:
            diff.removed[row["state"]] += 1
    merged = kept + list(after.values())
    return sorted(merged, key=lambda r: (r["programme"], r["state"], r["district"], r["product"])), diff


def shrink_refusal(existing: list[dict[str, str]], merged: list[dict[str, str]], programme: str,
                   imported: int) -> str | None:
    """Why an import must not be written without --allow-shrink (empty input, or over half a list removed)."""
    before = sum(r.get("programme") == programme for r in existing)
    after = sum(r["programme"] == programme for r in merged)
    if imported == 0:
        return "the input has no product rows"
    if before and after < before / 2:
        return f"it would shrink {programme!r} from {before} to {after} rows (more than half removed)"
    return None


def read_products_file(path: Path) -> list[dict[str, str]]:
    """The current products.csv as rows (empty list when it does not exist yet)."""
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ImportFailure(f"{path.name}: the existing output cannot be read ({exc}); nothing written") from exc


def _replace_atomically(path: Path, write) -> None:
    """Write ``path`` through a temporary file in its folder and a rename: a failure leaves the old file untouched.
    ``write`` gets the open text file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, rows: list[dict[str, str]], columns: list[str] = PRODUCT_COLUMNS) -> None:
    """Write rows (dicts of text) as a CSV, atomically."""
    def write(handle) -> None:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
    _replace_atomically(path, write)


def write_frame_atomically(path: Path, frame) -> None:
    """Write a data frame as a CSV (pandas' formatting: missing values empty), atomically."""
    _replace_atomically(Path(path), lambda handle: frame.to_csv(handle, index=False, lineterminator="\n"))
