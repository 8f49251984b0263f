"""Files officials take away: CSVs with a metadata header and no spreadsheet formulas, and the rows they hold.

Spreadsheet-ready: UTF-8 with a byte-order mark (Excel on Windows reads "·" and "’" right), numbers as numbers
with the unit in the column name (``exports_usd``, ``seaport_km``, ``household_industry_pct``), and each ``#``
metadata line one cell (no commas or double quotes inside), so Excel and LibreOffice show it in column A and
``pandas.read_csv(path, comment="#")`` skips it.

Pure functions: frames and the view in, frames or text out.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.queries import scheme_links
from dashboard.text import t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_SOURCES = ("sources.odop_lists", "sources.dgcis", "sources.boundaries", "sources.logistics", "sources.schemes")
GI_WORDS = {"yes": "true", "no": "false", "unknown": "unknown"}


def neutralise(value: object) -> object:
    """A cell a spreadsheet would run as a formula (starts with = + - @ tab CR) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


UNIT_DECIMALS = {"_usd": 0, "_km": 0, "_pct": 2}  # numeric columns by the unit their name ends with
BOM = "\ufeff"


def _one_cell(text: str) -> str:
    """A metadata line that a spreadsheet keeps in one cell: commas become semicolons, double quotes single."""
    return text.replace(",", ";").replace('"', "'")


def metadata_lines(title: str, summary: str, version: str, generated: datetime | None = None) -> list[str]:
    """The ``#`` header block of an export: what, when, which view, which data, which sources (one cell each)."""
    stamp = (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    lines = [t("export.csv.title", title=title), t("export.csv.generated", stamp=stamp),
             t("export.csv.view", summary=summary), t("export.csv.version", version=version),
             *(t("export.csv.source", source=t(key)) for key in CSV_SOURCES), t("export.csv.how_to_read")]
    return [f"# {_one_cell(line)}" for line in lines]


def with_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns named with a unit (``_usd``, ``_km``, ``_pct``) as numbers, rounded for their unit (whole dollars
    and km: no "123.0"); empty where unknown."""
    numbers = {}
    for column in frame.columns:
        decimals = next((d for unit, d in UNIT_DECIMALS.items() if str(column).endswith(unit)), None)
        if decimals is not None:
            values = pd.to_numeric(frame[column], errors="coerce").round(decimals)
            numbers[column] = values.astype("Int64") if decimals == 0 else values
    return frame.assign(**numbers)


def csv_text(frame: pd.DataFrame, title: str, summary: str, version: str) -> str:
    """The frame as CSV (with a byte-order mark) under its metadata header, numbers as numbers, every text cell
    neutralised."""
    numbered = with_numbers(frame)
    text_columns = [c for c in numbered.columns if not pd.api.types.is_numeric_dtype(numbered[c])]
    safe = numbered.assign(**{c: numbered[c].astype(object).map(neutralise) for c in text_columns})
    return BOM + "\n".join(metadata_lines(title, summary, version)) + "\n" + safe.to_csv(index=False,
                                                                                        lineterminator="\n")


PRODUCT_EXPORT_COLUMNS = ["state", "district", "lgd_code", "census2011_code", "listed_as", "product", "sector", "sector_basis",
                          "category", "gi_tagged", "description", "ministry", "photo_url", "programme", "source",
                          "source_note", "match", "match_note"]


def shown_ids(shown: object, limit: int, key: str) -> set[str] | None:
    """Row ids the browser says a table shows (after its own filters), validated; ``None`` when not given."""
    if not isinstance(shown, list):
        return None
    return {r[key] for r in shown[:limit] if isinstance(r, dict) and isinstance(r.get(key), str)}


def product_export(rows: pd.DataFrame, shown: object = None, limit: int = 0) -> pd.DataFrame:
    """Every product column an official needs, GI as true / false / unknown: of the rows the table shows after its
    own column filters (``shown``, at most ``limit`` of them), else of every row of the view."""
    ids = shown_ids(shown, limit, "row_id")
    picked = rows if ids is None else rows[rows.index.isin({int(i) for i in ids if i.isdigit()})]
    return picked.assign(gi_tagged=picked["gi_status"].map(GI_WORDS).fillna("unknown")).reindex(
        columns=PRODUCT_EXPORT_COLUMNS)


def opportunity_rows(table: pd.DataFrame, ids: set[str] | None) -> pd.DataFrame:
    """The investor table's rows for a CSV (districts by LGD and Census 2011 code, not the atlas's own id), only
    those shown (``ids``) when the browser says which."""
    shown = table if ids is None else table[table["district_id"].isin(ids)]
    return shown.drop(columns=["district_id"])


def cluster_rows(table: pd.DataFrame, ids: set[str] | None) -> pd.DataFrame:
    """The clusters table's rows for a CSV (only those shown, ``ids``, when the browser says which)."""
    return table if ids is None else table[table["cluster_id"].isin(ids)]


BRIEF_COLUMNS = ["state", "district", "lgd_code", "census2011_code", "product", "scheme", "basis", "rule_kind", "ministry", "source"]


def convergence_brief(atlas: Atlas, list_id: str, rows: pd.DataFrame) -> pd.DataFrame:
    """District x product x scheme rows for a district committee: the view's products and the districts' own
    schemes, each with the basis (the rule's clause that matched), whether the rule is ours, and its source."""
    links = scheme_links(atlas, rows["district_id"].unique(), list_id, rows)
    names = atlas.by_id[["district_name", "state_name", "lgd_code", "census2011_code"]]
    brief = links.join(names, on="district_id").rename(columns={"district_name": "district", "state_name": "state"})
    brief["product"] = brief["product"].replace("", t("export.csv.district_wide"))
    return brief.sort_values(["state", "district", "product", "scheme"])[BRIEF_COLUMNS]


def export_filename(stem: str) -> str:
    """``odop-atlas-<stem>-YYYY-MM-DD.csv``."""
    return f"odop-atlas-{stem}-{datetime.now(timezone.utc):%Y-%m-%d}.csv"
