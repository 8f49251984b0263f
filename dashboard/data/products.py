"""The ODOP product list and the district alias table: read and validate row by row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .csvfile import read_rows
from .issues import IssueLog
from .names import name_key, state_key
from .schema import ALIAS_COLUMNS, PRODUCT_REQUIRED, SECTORS, YES_VALUES


@dataclass(frozen=True)
class ProductRow:
    """One validated row of products.csv; ``districts`` holds one or more names (a cluster)."""

    line: int
    state: str
    districts: tuple[str, ...]
    lgd_code: str
    product: str
    sector: str
    gi_tagged: bool
    programme: str
    source: str


@dataclass(frozen=True)
class Alias:
    """A curated alternative district name (old name, spelling variant) within a state."""

    state_key: str
    alias_key: str
    district_key: str
    reason: str


def read_products(path: Path, known_state_keys: set[str], log: IssueLog) -> list[ProductRow]:
    """Validate products.csv; bad rows are logged with line and reason, good rows returned.

    The ``district`` column may name several districts separated by ``;`` for a product
    cluster that spans them.
    """
    rows: list[ProductRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, raw in read_rows(path, PRODUCT_REQUIRED, log):
        problem = _product_problem(raw, known_state_keys)
        if problem:
            log.add(path, line, problem)
            continue
        districts = tuple(part.strip() for part in raw["district"].split(";") if part.strip())
        key = (state_key(raw["state"]), ";".join(sorted(map(name_key, districts))), name_key(raw["product"]))
        if key in seen:
            log.add(path, line, f"duplicate of line {seen[key]} (same state, district and product)")
            continue
        seen[key] = line
        rows.append(ProductRow(
            line=line,
            state=raw["state"],
            districts=districts,
            lgd_code=raw.get("lgd_code", ""),
            product=raw["product"],
            sector=raw["sector"].lower(),
            gi_tagged=raw.get("gi_tagged", "").lower() in YES_VALUES,
            programme=raw.get("programme", ""),
            source=raw["source"],
        ))
    return rows


def _product_problem(raw: dict[str, str], known_state_keys: set[str]) -> str | None:
    """The reason a product row cannot be used, or ``None`` if it is fine."""
    if not raw["product"]:
        return "empty product"
    if not raw["district"].strip(" ;"):
        return "empty district"
    if not raw["state"]:
        return "empty state"
    if state_key(raw["state"]) not in known_state_keys:
        return f"unknown state {raw['state']!r}"
    if raw["sector"].lower() not in SECTORS:
        return f"unknown sector {raw['sector']!r} (allowed: {', '.join(SECTORS)})"
    if not raw["source"]:
        return "no source (every row must cite where it comes from)"
    lgd = raw.get("lgd_code", "")
    if lgd and not lgd.isdigit():
        return f"lgd_code {lgd!r} is not a number"
    return None


def read_aliases(path: Path, log: IssueLog) -> list[Alias]:
    """Read the curated alias table (state, alias, district, reason, source)."""
    aliases: list[Alias] = []
    for line, raw in read_rows(path, ALIAS_COLUMNS, log):
        if not (raw["alias"] and raw["district"] and raw["state"] and raw["source"]):
            log.add(path, line, "alias rows need state, alias, district and source")
            continue
        aliases.append(Alias(state_key(raw["state"]), name_key(raw["alias"]), name_key(raw["district"]), raw["reason"]))
    return aliases
