"""Files officials take away: CSVs with a metadata header and no spreadsheet formulas, and the rows they hold.

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


def metadata_lines(title: str, summary: str, version: str, generated: datetime | None = None) -> list[str]:
    """The ``#`` header block of an export: what, when, which view, which data, which sources."""
    stamp = (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    return [f"# {t('export.csv.title', title=title)}", f"# {t('export.csv.generated', stamp=stamp)}",
            f"# {t('export.csv.view', summary=summary)}", f"# {t('export.csv.version', version=version)}",
            *(f"# {t('export.csv.source', source=t(key))}" for key in CSV_SOURCES), f"# {t('export.csv.how_to_read')}"]


def csv_text(frame: pd.DataFrame, title: str, summary: str, version: str) -> str:
    """The frame as CSV under its metadata header, every text cell neutralised."""
    safe = frame.astype(object).map(neutralise)
    return "\n".join(metadata_lines(title, summary, version)) + "\n" + safe.to_csv(index=False, lineterminator="\n")


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
    names = atlas.districts.set_index("district_id")[["district_name", "state_name", "lgd_code", "census2011_code"]]
    brief = links.join(names, on="district_id").rename(columns={"district_name": "district", "state_name": "state"})
    brief["product"] = brief["product"].replace("", t("export.csv.district_wide"))
    return brief.sort_values(["state", "district", "product", "scheme"])[BRIEF_COLUMNS]


def export_filename(stem: str) -> str:
    """``odop-atlas-<stem>-YYYY-MM-DD.csv``."""
    return f"odop-atlas-{stem}-{datetime.now(timezone.utc):%Y-%m-%d}.csv"
