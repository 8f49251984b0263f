"""Districts side by side: every section's facts of two to four districts as one table (details in, frame out)."""

from __future__ import annotations

import pandas as pd

from dashboard.panels import district_facts
from dashboard.queries import DistrictDetail
from dashboard.text import t


def _km(place) -> float | None:
    return place.km if place is not None else None


def _name(place) -> str:
    return place.name if place is not None else ""


def compare_row(d: DistrictDetail) -> dict:
    """One district's comparable facts as values (numbers with their unit in the key) for a spreadsheet."""
    links, exports, people = d.connectivity, d.exports, d.people
    figures = people.figures if people else {}
    return {
        "district": d.name, "state": d.state, "lgd_code": d.lgd_code, "census2011_code": d.census2011_code,
        "products": "; ".join(dict.fromkeys(d.products["product"])),
        "sectors": "; ".join(dict.fromkeys(d.products["sector"])),
        "exports_usd": exports.total_usd if exports else None,
        "top_export_sector": exports.top.iloc[0]["label"] if exports and len(exports.top) else "",
        **{f"{kind}{suffix}": get(getattr(links, kind) if links else None)
           for kind in ("seaport", "major_port", "airport", "depot", "station")
           for suffix, get in (("", _name), ("_km", _km))},
        "population_2011": figures.get("population"),
        "household_industry_pct": figures.get("household_industry_pct"),
        "st_pct": figures.get("st_pct"), "literacy_pct": figures.get("literacy_pct"),
        "census_basis": people.basis if people else "none",
        "clusters": "; ".join([b.name for b in d.belts] + list(d.clusters["cluster_name"])),
        "schemes": "; ".join(dict.fromkeys(d.schemes["short_name"].dropna())),
        "aspirational": d.aspirational,
    }


def compare_rows(details: list[DistrictDetail]) -> pd.DataFrame:
    """The compared districts as rows, their facts as columns (the CSV: numbers stay numbers)."""
    rows = pd.DataFrame([compare_row(d) for d in details])
    return rows.assign(population_2011=rows["population_2011"].astype("Int64")) if len(rows) else rows


def compare_table(details: list[DistrictDetail]) -> pd.DataFrame:
    """One row per fact (its label in ``fact``), one column per district (named "District, State")."""
    if not details:
        return pd.DataFrame(columns=["fact"])
    columns = {f"{d.name}, {d.state}" if d.state else d.name: district_facts(d) for d in details}
    table = pd.DataFrame(columns)
    table.index = [t(f"fact.{key}") for key in table.index]
    return table.rename_axis("fact").reset_index()
