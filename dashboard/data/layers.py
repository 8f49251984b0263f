"""Clusters, support infrastructure, schemes and the sector->facility needs table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .csvfile import read_rows
from .issues import IssueLog
from .schema import (CLUSTER_REQUIRED, CLUSTER_TYPES, FACILITY_KINDS, FACILITY_REQUIRED, INDIA_BOUNDS,
                     NEEDS_REQUIRED, SECTORS, SCHEME_REQUIRED)


@dataclass(frozen=True)
class NamedRow:
    """A validated row that names one or more districts, still to be matched to polygons."""

    line: int
    state: str
    districts: tuple[str, ...]
    values: dict[str, str]


def _split_districts(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def read_clusters(path: Path, log: IssueLog) -> list[NamedRow]:
    """Validate clusters.csv (a cluster may list several districts, ``;``-separated)."""
    rows = []
    for line, raw in read_rows(path, CLUSTER_REQUIRED, log):
        problem = None
        if not raw["cluster_name"]:
            problem = "empty cluster_name"
        elif raw["cluster_type"] not in CLUSTER_TYPES:
            problem = f"unknown cluster_type {raw['cluster_type']!r} (allowed: {', '.join(CLUSTER_TYPES)})"
        elif not _split_districts(raw["districts"]):
            problem = "no districts named"
        elif not raw["source"]:
            problem = "no source"
        if problem:
            log.add(path, line, problem)
            continue
        rows.append(NamedRow(line, raw["state"], _split_districts(raw["districts"]), raw))
    return rows


def _coordinate(text: str) -> float | None:
    return float(text) if text else None


def read_facilities(path: Path, log: IssueLog) -> list[NamedRow]:
    """Validate infrastructure.csv: kind vocabulary, coordinates inside India's bounding box."""
    rows = []
    west, south, east, north = INDIA_BOUNDS
    for line, raw in read_rows(path, FACILITY_REQUIRED, log):
        problem = None
        try:
            lat, lon = _coordinate(raw["lat"]), _coordinate(raw["lon"])
        except ValueError:
            lat = lon = None
            problem = f"lat/lon not numbers: {raw['lat']!r}, {raw['lon']!r}"
        if problem is None:
            if not raw["facility_name"]:
                problem = "empty facility_name"
            elif raw["kind"] not in FACILITY_KINDS:
                problem = f"unknown kind {raw['kind']!r} (allowed: {', '.join(FACILITY_KINDS)})"
            elif (lat is None) != (lon is None):
                problem = "only one of lat/lon given"
            elif lat is not None and not (south <= lat <= north and west <= lon <= east):
                problem = f"coordinates ({lat}, {lon}) are outside India's bounding box"
            elif not raw["district"]:
                problem = "no district named"
            elif not raw["source"]:
                problem = "no source"
        if problem:
            log.add(path, line, problem)
            continue
        values = dict(raw, lat=lat, lon=lon)
        rows.append(NamedRow(line, raw["state"], (raw["district"],), values))
    return rows


def read_table(path: Path, required: list[str], log: IssueLog) -> pd.DataFrame:
    """A small reference table (schemes, needs) with every required field filled."""
    records = []
    for line, raw in read_rows(path, required, log):
        empty = [name for name in required if not raw[name]]
        if empty:
            log.add(path, line, f"empty {', '.join(empty)}")
            continue
        records.append(raw)
    return pd.DataFrame(records, columns=required if not records else None)


def read_schemes(path: Path, log: IssueLog) -> pd.DataFrame:
    """schemes.csv: one row per scheme with the rule (``applies_when``) that links it to products."""
    return read_table(path, SCHEME_REQUIRED, log)


def read_needs(path: Path, log: IssueLog) -> pd.DataFrame:
    """needs.csv: which facility kind a sector's products need (for the gap view)."""
    table = read_table(path, NEEDS_REQUIRED, log)
    bad = ~table["sector"].isin(SECTORS) | ~table["facility_kind"].isin(FACILITY_KINDS) if len(table) else []
    for index in table.index[bad] if len(table) else []:
        log.add(path, None, f"needs row {table.at[index, 'sector']!r} -> {table.at[index, 'facility_kind']!r} uses an "
                "unknown sector or facility kind")
    return table[~bad].reset_index(drop=True) if len(table) else table
