"""Clusters, support infrastructure, schemes and the sector->facility needs table."""

from __future__ import annotations

from collections.abc import Callable
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


def _named_rows(path: Path, required: list[str], log: IssueLog,
                problem_of: Callable[[dict[str, str]], str | None], column: str) -> list[NamedRow]:
    """Rows that pass ``problem_of`` (the others are logged with their reason), naming districts in ``column``."""
    rows = []
    for line, raw in read_rows(path, required, log):
        problem = problem_of(raw) or (None if raw["source"] else "no source")
        if problem:
            log.add(path, line, problem)
            continue
        rows.append(NamedRow(line, raw["state"], _split_districts(raw[column]), raw))
    return rows


def _cluster_problem(raw: dict[str, str]) -> str | None:
    if not raw["cluster_name"]:
        return "empty cluster_name"
    if raw["cluster_type"] not in CLUSTER_TYPES:
        return f"unknown cluster_type {raw['cluster_type']!r} (allowed: {', '.join(CLUSTER_TYPES)})"
    if not _split_districts(raw["districts"]):
        return "no districts named"
    return None


def read_clusters(path: Path, log: IssueLog) -> list[NamedRow]:
    """Validate clusters.csv (a cluster may list several districts, ``;``-separated)."""
    return _named_rows(path, CLUSTER_REQUIRED, log, _cluster_problem, "districts")


def _coordinate(text: str) -> float | None:
    return float(text) if text else None


def _facility_problem(raw: dict[str, str]) -> str | None:
    try:
        lat, lon = _coordinate(raw["lat"]), _coordinate(raw["lon"])
    except ValueError:
        return f"lat/lon not numbers: {raw['lat']!r}, {raw['lon']!r}"
    west, south, east, north = INDIA_BOUNDS
    if not raw["facility_name"]:
        return "empty facility_name"
    if raw["kind"] not in FACILITY_KINDS:
        return f"unknown kind {raw['kind']!r} (allowed: {', '.join(FACILITY_KINDS)})"
    if (lat is None) != (lon is None):
        return "only one of lat/lon given"
    if lat is not None and not (south <= lat <= north and west <= lon <= east):
        return f"coordinates ({lat}, {lon}) are outside India's bounding box"
    if not raw["district"]:
        return "no district named"
    return None


def read_facilities(path: Path, log: IssueLog) -> list[NamedRow]:
    """Validate infrastructure.csv: kind vocabulary, coordinates inside India's bounding box."""
    rows = _named_rows(path, FACILITY_REQUIRED, log, _facility_problem, "district")
    for row in rows:
        row.values["lat"], row.values["lon"] = _coordinate(row.values["lat"]), _coordinate(row.values["lon"])
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
