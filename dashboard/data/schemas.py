"""The shipped data files, declared once: columns, types, allowed values and uniqueness (pandera).

Every file is read as strings (``csvfile.read_csv_rows``), checked against its model
here, and the rows that fail are reported with file, line and a readable reason while
the other rows are kept (:func:`validated`). ``data/odop/README.md`` documents the files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from dashboard.data.issues import IssueLog
from dashboard.data.vocabulary import CATEGORIES, CLUSTER_TYPES, FACILITY_KINDS, INDIA_BOUNDS, MATCH_METHODS, SECTORS

_NUMBER = r"(-?\d+(\.\d+)?)?"
_FILLED = {"str_length": {"min_value": 1}}


class Products(pa.DataFrameModel):
    """products.csv: one ODOP product in one district (or a ``;``-separated cluster of districts).

    ``lgd_code`` is the LGD code of the polygon the row was placed on by name (empty: no
    polygon found, reported); ``source_code`` keeps the list's own code, which is not an LGD code.
    """

    state: Series[str] = pa.Field(**_FILLED)
    district: Series[str] = pa.Field(str_matches=r"[^;\s]")
    lgd_code: Series[str] = pa.Field(str_matches=r"^\d*$")
    match: Series[str] = pa.Field(isin=MATCH_METHODS + ("",))
    product: Series[str] = pa.Field(**_FILLED)
    sector: Series[str] = pa.Field(isin=SECTORS)
    category: Series[str] = pa.Field(isin=CATEGORIES + ("",))
    gi_tagged: Series[str] = pa.Field(isin=("yes", "no", ""))
    programme: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)
    key: Series[str] = pa.Field(unique=True)


ALIAS_KINDS: tuple[str, ...] = ("spelling", "other name", "abbreviation", "renamed", "parent")


class Aliases(pa.DataFrameModel):
    """aliases.csv: another name of a district within a state (or, ``parent``, the polygon a district without one
    of its own is shown on), with the reason and its source."""

    state: Series[str] = pa.Field(**_FILLED)
    alias: Series[str] = pa.Field(**_FILLED)
    district: Series[str] = pa.Field(**_FILLED)
    kind: Series[str] = pa.Field(isin=ALIAS_KINDS)
    reason: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


class Clusters(pa.DataFrameModel):
    """clusters.csv: a product cluster spanning one or more districts."""

    cluster_name: Series[str] = pa.Field(**_FILLED)
    cluster_type: Series[str] = pa.Field(isin=CLUSTER_TYPES)
    districts: Series[str] = pa.Field(str_matches=r"[^;\s]")
    source: Series[str] = pa.Field(**_FILLED)


class Facilities(pa.DataFrameModel):
    """infrastructure.csv: a facility in a district, with its sourced status; a point only where the row says how
    it was placed (``location_method``)."""

    facility_name: Series[str] = pa.Field(**_FILLED)
    kind: Series[str] = pa.Field(isin=FACILITY_KINDS)
    district: Series[str] = pa.Field(**_FILLED)
    lat: Series[str]
    lon: Series[str]
    source: Series[str] = pa.Field(**_FILLED)

    @pa.dataframe_check(error="lat/lon not numbers: {lat!r}, {lon!r}")
    def numeric_coordinates(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["lat"].str.fullmatch(_NUMBER) & frame["lon"].str.fullmatch(_NUMBER)

    @pa.dataframe_check(error="only one of lat/lon given")
    def both_or_neither_coordinate(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["lat"] == "") == (frame["lon"] == "")

    @pa.dataframe_check(error="coordinates ({lat}, {lon}) are outside India's bounding box")
    def inside_india(cls, frame: pd.DataFrame) -> Series[bool]:
        lat = pd.to_numeric(frame["lat"], errors="coerce")
        lon = pd.to_numeric(frame["lon"], errors="coerce")
        west, south, east, north = INDIA_BOUNDS
        return lat.isna() | lon.isna() | (lat.between(south, north) & lon.between(west, east))


class Schemes(pa.DataFrameModel):
    """schemes.csv: a scheme, the rule that says where it applies (see dashboard/data/convergence.py), whether the
    rule is official or ours, the reasoning, and the page it rests on."""

    scheme_id: Series[str] = pa.Field(**_FILLED, unique=True)
    name: Series[str] = pa.Field(**_FILLED)
    ministry: Series[str] = pa.Field(**_FILLED)
    url: Series[str] = pa.Field(**_FILLED)
    scope: Series[str] = pa.Field(isin=("product", "district"))
    rule: Series[str] = pa.Field(**_FILLED)
    rule_kind: Series[str] = pa.Field(isin=("official", "our rule"))
    reasoning: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)
    also_reported_by: Series[str]  # secondary sources of the same facts (";"), where the source is an official one


class Aspirational(pa.DataFrameModel):
    """aspirational/aspirational_districts.csv: NITI Aayog's 112 Aspirational Districts, placed by name."""

    state: Series[str] = pa.Field(**_FILLED)
    district: Series[str] = pa.Field(**_FILLED)
    lgd_code: Series[str] = pa.Field(str_matches=r"^\d*$")
    source: Series[str] = pa.Field(**_FILLED)


class VishwakarmaProducts(pa.DataFrameModel):
    """schemes/vishwakarma_products.csv: products made in one of PM Vishwakarma's 18 trades, with the reason."""

    product: Series[str] = pa.Field(**_FILLED)
    trade: Series[str] = pa.Field(**_FILLED)
    reason: Series[str] = pa.Field(**_FILLED)


class Lists(pa.DataFrameModel):
    """lists.csv: the product lists (programmes) the atlas ships, one chooser entry each."""

    programme: Series[str] = pa.Field(**_FILLED, unique=True)
    label: Series[str] = pa.Field(**_FILLED)
    raw_file: Series[str] = pa.Field(**_FILLED)
    about: Series[str] = pa.Field(**_FILLED)


class Exports(pa.DataFrameModel):
    """exports/district_exports.csv: DGCI&S exports by district and export sector, FY2024-25 (plain USD, INR)."""

    lgd_code: Series[str] = pa.Field(str_matches=r"^\d*$")
    sector: Series[str] = pa.Field(**_FILLED)
    export_usd: Series[str] = pa.Field(str_matches=r"^\d+(\.\d+)?$")
    export_inr: Series[str] = pa.Field(str_matches=r"^\d+(\.\d+)?$")
    source: Series[str] = pa.Field(**_FILLED)


class ExportSectors(pa.DataFrameModel):
    """exports/export_sectors.csv: the 22 export sectors and their HS chapters."""

    export_sector: Series[str] = pa.Field(**_FILLED, unique=True)
    label: Series[str] = pa.Field(**_FILLED)
    hs_chapters: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


class SectorMap(pa.DataFrameModel):
    """exports/sector_map.csv: which export sectors hold each official ODOP sector (empty: none fits), and why."""

    odop_sector: Series[str] = pa.Field(isin=SECTORS)
    export_sector: Series[str]
    reason: Series[str] = pa.Field(**_FILLED)


class ProductMap(pa.DataFrameModel):
    """exports/product_map.csv: export sectors of products named for one HS group, and why."""

    product: Series[str] = pa.Field(**_FILLED)
    export_sector: Series[str] = pa.Field(**_FILLED)
    reason: Series[str] = pa.Field(**_FILLED)


class DistrictIdentity(pa.DataFrameModel):
    """geo/district_identity.csv: each polygon's Census 2011 code and real LGD code, and how it was found."""

    district_id: Series[str] = pa.Field(**_FILLED, unique=True)
    census2011_code: Series[str] = pa.Field(str_matches=r"^(\d{3})?$")
    lgd_code: Series[str] = pa.Field(str_matches=r"^(\d+)?$")
    lgd_name: Series[str]
    method: Series[str] = pa.Field(isin=("census2011_code", "name_in_state", "alias", "none"))
    source: Series[str] = pa.Field(**_FILLED)


class DistrictChanges(pa.DataFrameModel):
    """geo/district_changes.csv: districts created since the Census 2011, their parent districts (LGD codes) and
    year, each with its source."""

    lgd_code: Series[str] = pa.Field(str_matches=r"^\d+$", unique=True)
    district: Series[str] = pa.Field(**_FILLED)
    parents_lgd: Series[str] = pa.Field(str_matches=r"^(\d+(;\d+)*)?$")
    parents: Series[str]
    year: Series[str] = pa.Field(str_matches=r"^(\d{4})?$")
    source: Series[str] = pa.Field(**_FILLED)


class Census2011(pa.DataFrameModel):
    """census/census2011_districts.csv: one Census 2011 district's counts and shares (Primary Census Abstract)."""

    census2011_code: Series[str] = pa.Field(str_matches=r"^\d{3}$", unique=True)
    census_name: Series[str] = pa.Field(**_FILLED)
    population: Series[str] = pa.Field(str_matches=r"^\d+$")
    workers: Series[str] = pa.Field(str_matches=r"^\d+$")
    household_industry_workers: Series[str] = pa.Field(str_matches=r"^\d+$")
    st_pct: Series[str] = pa.Field(str_matches=_NUMBER)
    sc_pct: Series[str] = pa.Field(str_matches=_NUMBER)
    literacy_pct: Series[str] = pa.Field(str_matches=_NUMBER)
    household_industry_pct: Series[str] = pa.Field(str_matches=_NUMBER)
    cultivators_pct: Series[str] = pa.Field(str_matches=_NUMBER)
    agricultural_labourers_pct: Series[str] = pa.Field(str_matches=_NUMBER)
    source: Series[str] = pa.Field(**_FILLED)


class DerivedClusters(pa.DataFrameModel):
    """odop/derived_clusters.csv: a group of 2+ adjacent districts of one state sharing a product family."""

    cluster_id: Series[str] = pa.Field(**_FILLED, unique=True)
    family: Series[str] = pa.Field(**_FILLED)
    state: Series[str] = pa.Field(**_FILLED)
    district_ids: Series[str] = pa.Field(str_matches=r"^[^;]+(;[^;]+)+$")
    rule: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


class StateNamesHindi(pa.DataFrameModel):
    """names/state_names_hi.csv: a state's or union territory's Hindi name (pycountry, reviewed fixes)."""

    state_name: Series[str] = pa.Field(**_FILLED, unique=True)
    iso_code: Series[str] = pa.Field(str_matches=r"^IN-[A-Z]{2}$")
    hindi_name: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


class DistrictNamesHindi(pa.DataFrameModel):
    """names/district_names_hi.csv: a district's Hindi name by its LGD code (LGD's own, or a labelled translation)."""

    lgd_code: Series[str] = pa.Field(str_matches=r"^\d+$", unique=True)
    state: Series[str] = pa.Field(**_FILLED)
    district: Series[str] = pa.Field(**_FILLED)
    hindi_name: Series[str] = pa.Field(str_matches=r"^[\u0900-\u097F][\u0900-\u097F ()\-.]*$")
    source: Series[str] = pa.Field(**_FILLED)


class ProductFamilies(pa.DataFrameModel):
    """odop/product_families.csv: the family a national-list product name is clustered under, and why."""

    product: Series[str] = pa.Field(**_FILLED, unique=True)
    family: Series[str] = pa.Field(**_FILLED)
    basis: Series[str] = pa.Field(isin=("name", "reviewed merge"))
    reason: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


class DistrictPlaces(pa.DataFrameModel):
    """logistics/district_places.csv: per polygon, the nearest cargo seaport, major port, airport, ICD/CFS and
    railway station; 0 km inside the district, else to its boundary."""

    district_id: Series[str] = pa.Field(**_FILLED, unique=True)
    seaport_km: Series[str] = pa.Field(str_matches=_NUMBER)
    major_port_km: Series[str] = pa.Field(str_matches=_NUMBER)
    airport_km: Series[str] = pa.Field(str_matches=_NUMBER)
    depot_km: Series[str] = pa.Field(str_matches=_NUMBER)
    station_km: Series[str] = pa.Field(str_matches=_NUMBER)
    source: Series[str] = pa.Field(**_FILLED)


class Airports(pa.DataFrameModel):
    """logistics/airports.csv: airports with an IATA code and coordinates (airportsdata)."""

    code: Series[str] = pa.Field(**_FILLED)
    name: Series[str] = pa.Field(**_FILLED)
    lat: Series[str] = pa.Field(str_matches=_NUMBER)
    lon: Series[str] = pa.Field(str_matches=_NUMBER)
    source: Series[str] = pa.Field(**_FILLED)


class Ports(pa.DataFrameModel):
    """logistics/ports.csv: the World Port Index's Indian ports with current names, major and cargo flags."""

    port_id: Series[str] = pa.Field(**_FILLED, unique=True)
    name: Series[str] = pa.Field(**_FILLED)
    locode: Series[str]
    lat: Series[str] = pa.Field(str_matches=r"^-?\d+(\.\d+)?$")
    lon: Series[str] = pa.Field(str_matches=r"^-?\d+(\.\d+)?$")
    major: Series[str] = pa.Field(isin=("True", "False"))
    cargo: Series[str] = pa.Field(isin=("True", "False"))
    source: Series[str] = pa.Field(**_FILLED)


class InlandDepots(pa.DataFrameModel):
    """logistics/inland_depots.csv: UN/LOCODE inland clearance points (ICD, CFS, SEZ, other), approximate."""

    depot_id: Series[str] = pa.Field(**_FILLED)
    kind: Series[str] = pa.Field(isin=("ICD", "CFS", "SEZ", "other inland"))
    name: Series[str] = pa.Field(**_FILLED)
    locode: Series[str]
    lat: Series[str] = pa.Field(str_matches=r"^-?\d+(\.\d+)?$")
    lon: Series[str] = pa.Field(str_matches=r"^-?\d+(\.\d+)?$")
    source: Series[str] = pa.Field(**_FILLED)


class GiLinks(pa.DataFrameModel):
    """gi/gi_links.csv: a product linked by name, within its state, to a registered GI."""

    programme: Series[str] = pa.Field(**_FILLED)
    district_id: Series[str] = pa.Field(**_FILLED)
    product: Series[str] = pa.Field(**_FILLED)
    gi_name: Series[str] = pa.Field(**_FILLED)
    goods_class: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


class Needs(pa.DataFrameModel):
    """needs.csv: which facility kind a sector's products need (the gap view's planning rule)."""

    sector: Series[str] = pa.Field(isin=SECTORS)
    facility_kind: Series[str] = pa.Field(isin=FACILITY_KINDS)
    within_km: Series[str] = pa.Field(str_matches=r"^\d+$")
    why: Series[str] = pa.Field(**_FILLED)
    source: Series[str] = pa.Field(**_FILLED)


def required_columns(model: type[pa.DataFrameModel]) -> list[str]:
    """The file columns a model checks (derived columns such as ``key`` excluded)."""
    return [name for name in model.to_schema().columns if name != "key"]


# How an empty required cell is reported, where "empty <column>" would say less.
EMPTY_REASONS: dict[str, dict[str, str]] = {
    "Products": {"source": "no source (every row must cite where it comes from)"},
    "Clusters": {"source": "no source", "districts": "no districts named"},
    "Facilities": {"source": "no source", "district": "no district named"},
}


def _reason(model: str, column: str, check: str, row: pd.Series) -> str:
    """A readable reason for one pandera failure case of ``row``."""
    value = row.get(column, "")
    if check.startswith("str_length") or (check.startswith("str_matches") and not str(value).strip(" ;")):
        return EMPTY_REASONS.get(model, {}).get(column, f"empty {column}")
    if check.startswith("isin"):
        allowed = re.findall(r"'([^']*)'", check)
        return f"unknown {column} {value!r} (allowed: {', '.join(allowed)})"
    if check.startswith("str_matches"):
        return f"{column} {value!r} is not a number"
    return check.format(**row.to_dict())


def validated(frame: pd.DataFrame, model: type[pa.DataFrameModel], path: Path, log: IssueLog) -> pd.DataFrame:
    """Rows of ``frame`` (indexed by line number) that pass ``model``; each failing row is logged once."""
    try:
        model.validate(frame, lazy=True)
        return frame
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    reasons: dict[int, str] = {}
    for case in cases.itertuples(index=False):
        line = int(case.index)
        if "uniqueness" in str(case.check):
            first = int(frame.index[frame[case.column] == case.failure_case][0])
            if line != first:
                reasons.setdefault(line, f"duplicate of line {first} (same {_unique_label(case.column)})")
            continue
        reasons.setdefault(line, _reason(model.__name__, str(case.column), str(case.check), frame.loc[line]))
    for line, reason in sorted(reasons.items()):
        log.add(path, line, reason)
    return frame.drop(index=list(reasons))


def _unique_label(column: str) -> str:
    return "list, state, district and product" if column == "key" else column
