"""Read each data file into a validated frame indexed by line number (schemas in ``schemas.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dashboard.data.csvfile import read_csv_rows
from dashboard.data.issues import IssueLog
from dashboard.data.match import Alias, split_districts
from dashboard.data.names import name_key, state_key
from dashboard.data.rules import parse_rule
from dashboard.data.vocabulary import CENSUS_FIGURES, SECTORS
from dashboard.data.schemas import (
    Airports,
    Aliases,
    Aspirational,
    Census2011,
    DerivedClusters,
    DistrictNamesHindi,
    Clusters,
    DistrictChanges,
    DistrictIdentity,
    DistrictPlaces,
    Exports,
    ExportSectors,
    Facilities,
    GiLinks,
    InlandDepots,
    Lists,
    Needs,
    ProductFamilies,
    Ports,
    ProductMap,
    Products,
    Schemes,
    SectorMap,
    StateNamesHindi,
    VishwakarmaProducts,
    required_columns,
    validated,
)

OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "Aliases": ("kind",),
    "Products": ("lgd_code", "source_code", "match", "match_note", "sector_basis", "category", "gi_tagged",
                 "description", "ministry", "photo_url", "source_note"),
    "Clusters": ("product", "state", "source_note"),
    "Facilities": ("state", "source_note", "status", "status_date", "site", "location_method"),
    "Airports": ("district_id", "city", "state"),
    "Ports": ("district_id",),
    "InlandDepots": ("district_id",),
    "Schemes": ("source_quote", "status", "also_reported_by"),
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


def reference_table(model: type[pa.DataFrameModel]) -> Callable[[Path, IssueLog], pd.DataFrame]:
    """A reader of a small reference table: the rows of a file that pass ``model``, renumbered from 0."""
    def read(path: Path, log: IssueLog) -> pd.DataFrame:
        return read_table(path, model, log).reset_index(drop=True)
    read.__doc__ = f"Rows of the file that pass the {model.__name__} schema."
    return read


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
    """schemes.csv, keeping only rows whose rule parses (the others are logged with the reason); ``short_name``
    is the name without its parenthesised expansion ("PMFME"), for chips, titles and counts."""
    frame = read_table(path, Schemes, log)
    keep = []
    for line, rule, scope in zip(frame.index, frame["rule"], frame["scope"]):
        try:
            parse_rule(rule, scope)
            keep.append(line)
        except ValueError as exc:
            log.add(path, line, str(exc))
    kept = frame.loc[keep].reset_index(drop=True)
    return kept.assign(short_name=kept["name"].str.split(" (", regex=False).str[0])


read_lists = reference_table(Lists)  # lists.csv: the product lists the chooser offers, in order.


read_needs = reference_table(Needs)  # needs.csv: which facility kind a sector's products need (for the gap view).


def read_export_rows(path: Path, log: IssueLog) -> pd.DataFrame:
    """district_exports.csv as it is (every valid row, placed or not), amounts as numbers."""
    frame = read_table(path, Exports, log)
    return frame.assign(export_usd=frame["export_usd"].astype(float), export_inr=frame["export_inr"].astype(float))


def placed_exports(rows: pd.DataFrame) -> pd.DataFrame:
    """Export rows summed per polygon and export sector (rows without a polygon are left to the report)."""
    placed = rows[rows["lgd_code"] != ""].rename(columns={"lgd_code": "district_id", "sector": "export_sector"})
    return placed.groupby(["district_id", "export_sector"], as_index=False)[["export_usd", "export_inr"]].sum()


read_export_sectors = reference_table(ExportSectors)  # export_sectors.csv: the 22 export sectors.


read_sector_map = reference_table(SectorMap)  # sector_map.csv: official ODOP sector -> export sectors (empty export_sector: none fits).


read_product_map = reference_table(ProductMap)  # product_map.csv: product name -> export sectors.


def read_district_places(path: Path, log: IssueLog) -> pd.DataFrame:
    """district_places.csv with numeric distances (missing: none), indexed by district_id."""
    frame = read_table(path, DistrictPlaces, log)
    for column in ("seaport_km", "major_port_km", "airport_km", "depot_km", "station_km"):
        frame[column] = pd.to_numeric(frame[column])
    return frame.set_index("district_id")


def read_points(model: type[pa.DataFrameModel]) -> Callable[[Path, IssueLog], pd.DataFrame]:
    """A reader of a file of named points (ports.csv, inland_depots.csv) with numeric coordinates."""
    def read(path: Path, log: IssueLog) -> pd.DataFrame:
        frame = read_table(path, model, log)
        return frame.assign(lat=frame["lat"].astype(float), lon=frame["lon"].astype(float)).reset_index(drop=True)
    return read


read_airports = read_points(Airports)  # logistics/airports.csv: airports with an IATA code.


read_ports = read_points(Ports)  # logistics/ports.csv: World Port Index ports.


read_depots = read_points(InlandDepots)  # logistics/inland_depots.csv: UN/LOCODE inland points.


read_identity = reference_table(DistrictIdentity)  # geo/district_identity.csv: Census 2011 and LGD code per polygon.


read_changes = reference_table(DistrictChanges)  # geo/district_changes.csv: districts created since 2011.


def read_census(path: Path, log: IssueLog) -> pd.DataFrame:
    """census2011_districts.csv with its figures as numbers, indexed by the Census 2011 code."""
    frame = read_table(path, Census2011, log)
    return frame.assign(**{column: pd.to_numeric(frame[column]) for column in CENSUS_FIGURES}).set_index(
        "census2011_code")


read_state_names_hi = reference_table(StateNamesHindi)  # names/state_names_hi.csv
read_district_names_hi = reference_table(DistrictNamesHindi)  # names/district_names_hi.csv
read_derived_clusters = reference_table(DerivedClusters)  # odop/derived_clusters.csv: multi-district clusters.


read_families = reference_table(ProductFamilies)  # odop/product_families.csv: product name -> family.


read_gi_links = reference_table(GiLinks)  # gi_links.csv: products linked by name to registered GIs.


def read_aspirational(path: Path, log: IssueLog) -> pd.DataFrame:
    """The aspirational districts placed on a polygon (``district_id``); unplaced rows stay in the check report."""
    frame = read_table(path, Aspirational, log)
    return frame.assign(district_id=frame["lgd_code"]).reset_index(drop=True)


read_vishwakarma = reference_table(VishwakarmaProducts)
