"""Read each data file into a validated frame indexed by line number (schemas in ``schemas.py``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .csvfile import read_csv_rows
from .issues import IssueLog
from .match import Alias, split_districts
from .names import name_key, state_key
from .schemas import (SECTORS, Aliases, Clusters, Facilities, Lists, Needs, Products, Schemes, required_columns,
                      validated)

OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "Aliases": ("kind",),
    "Products": ("lgd_code", "source_code", "match", "match_note", "sector_basis", "category", "gi_tagged",
                 "description", "ministry", "photo_url", "source_note"),
    "Clusters": ("product", "state", "source_note"),
    "Facilities": ("state", "source_note"),
}


def read_table(path: Path, model: type[pa.DataFrameModel], log: IssueLog, **derived) -> pd.DataFrame:
    """Rows of ``path`` that pass ``model``; ``derived`` adds computed columns (e.g. a uniqueness key) first."""
    optional = OPTIONAL_COLUMNS.get(model.__name__, ())
    frame = read_csv_rows(path, [c for c in required_columns(model) if c not in optional], log)
    for column in optional:
        if column not in frame:
            frame[column] = ""
    for column, compute in derived.items():
        frame[column] = compute(frame) if len(frame) else pd.Series(dtype=str)
    return validated(frame, model, path, log)


GI_SPELLINGS = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no", "false": "no", "0": "no"}


def _official_sector(frame: pd.DataFrame) -> pd.Series:
    """The official spelling of each sector, whatever its case; unknown sectors stay as written (and fail)."""
    official = {s.lower(): s for s in SECTORS}
    return frame["sector"].map(lambda s: official.get(s.lower(), s))


def _gi_status(frame: pd.DataFrame) -> pd.Series:
    """'yes', 'no' or '' (not known), from the spellings a hand-edited file may use."""
    return frame["gi_tagged"].map(lambda v: GI_SPELLINGS.get(v.lower(), v))


def _product_key(frame: pd.DataFrame) -> pd.Series:
    districts = frame["district"].map(lambda text: ";".join(sorted(map(name_key, split_districts(text)))))
    return (frame["programme"] + "|" + frame["state"].map(state_key) + "|" + districts + "|"
            + frame["product"].map(name_key))


def read_products(path: Path, known_state_keys: set[str], log: IssueLog) -> pd.DataFrame:
    """Validate products.csv; bad rows are logged with line and reason, good rows returned.

    The ``district`` column may name several districts separated by ``;`` for a product
    cluster that spans them (``districts`` holds the tuple of names).
    """
    frame = read_table(path, Products, log, sector=_official_sector, gi_tagged=_gi_status, key=_product_key)
    unknown = ~frame["state"].map(state_key).isin(known_state_keys)
    for line, state in frame.loc[unknown, "state"].items():
        log.add(path, line, f"unknown state {state!r}")
    frame = frame[~unknown].copy()
    frame["districts"] = frame["district"].map(split_districts)
    return frame.assign(gi_status=frame["gi_tagged"].replace("", "unknown"), gi_tagged=frame["gi_tagged"] == "yes")


def read_aliases(path: Path, log: IssueLog) -> list[Alias]:
    """The curated alias table (state, alias, district, reason, source)."""
    frame = read_table(path, Aliases, log, kind=lambda f: f["kind"].where(f["kind"] != "", "spelling"))
    return [Alias(state_key(s), name_key(a), name_key(d), r, k)
            for s, a, d, r, k in zip(frame["state"], frame["alias"], frame["district"], frame["reason"], frame["kind"])]


def read_clusters(path: Path, log: IssueLog) -> pd.DataFrame:
    """Validated clusters.csv; ``districts`` holds the tuple of district names."""
    frame = read_table(path, Clusters, log)
    return frame.assign(districts=frame["districts"].map(split_districts))


def read_facilities(path: Path, log: IssueLog) -> pd.DataFrame:
    """Validated infrastructure.csv with numeric ``lat``/``lon`` (NaN where no source gives them)."""
    frame = read_table(path, Facilities, log)
    return frame.assign(lat=pd.to_numeric(frame["lat"]), lon=pd.to_numeric(frame["lon"]),
                        districts=frame["district"].map(lambda name: (name,)))


def read_schemes(path: Path, log: IssueLog) -> pd.DataFrame:
    """schemes.csv: one row per scheme with the rule (``applies_when``) that links it to products."""
    return read_table(path, Schemes, log).reset_index(drop=True)


def read_lists(path: Path, log: IssueLog) -> pd.DataFrame:
    """lists.csv: the product lists the chooser offers, in order."""
    return read_table(path, Lists, log).reset_index(drop=True)


def read_needs(path: Path, log: IssueLog) -> pd.DataFrame:
    """needs.csv: which facility kind a sector's products need (for the gap view)."""
    return read_table(path, Needs, log).reset_index(drop=True)
