"""Read each data file into a validated frame indexed by line number (schemas in ``schemas.py``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .csvfile import read_csv_rows
from .issues import IssueLog
from .match import Alias, split_districts
from .names import name_key, state_key
from .schemas import (YES_VALUES, Aliases, Clusters, Facilities, Needs, Products, Schemes, required_columns,
                      validated)

OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "Products": ("lgd_code", "gi_tagged", "programme", "source_note"),
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


def _product_key(frame: pd.DataFrame) -> pd.Series:
    districts = frame["district"].map(lambda text: ";".join(sorted(map(name_key, split_districts(text)))))
    return frame["state"].map(state_key) + "|" + districts + "|" + frame["product"].map(name_key)


def read_products(path: Path, known_state_keys: set[str], log: IssueLog) -> pd.DataFrame:
    """Validate products.csv; bad rows are logged with line and reason, good rows returned.

    The ``district`` column may name several districts separated by ``;`` for a product
    cluster that spans them (``districts`` holds the tuple of names).
    """
    frame = read_table(path, Products, log, sector=lambda f: f["sector"].str.lower(), key=_product_key)
    unknown = ~frame["state"].map(state_key).isin(known_state_keys)
    for line, state in frame.loc[unknown, "state"].items():
        log.add(path, line, f"unknown state {state!r}")
    frame = frame[~unknown].copy()
    frame["districts"] = frame["district"].map(split_districts)
    frame["gi_tagged"] = frame["gi_tagged"].str.lower().isin(YES_VALUES)
    return frame


def read_aliases(path: Path, log: IssueLog) -> list[Alias]:
    """The curated alias table (state, alias, district, reason, source)."""
    frame = read_table(path, Aliases, log)
    return [Alias(state_key(s), name_key(a), name_key(d), r)
            for s, a, d, r in zip(frame["state"], frame["alias"], frame["district"], frame["reason"])]


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


def read_needs(path: Path, log: IssueLog) -> pd.DataFrame:
    """needs.csv: which facility kind a sector's products need (for the gap view)."""
    return read_table(path, Needs, log).reset_index(drop=True)
