"""Load every data file, join them to the district polygons and report what matched."""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard.data.boundaries import read_districts, read_states
from dashboard.data.census import district_census
from dashboard.data.hindi import DISTRICT_COLUMNS, STATE_COLUMNS, HindiNames, hindi_names
from dashboard.data.clusters import derived_links, recorded_overlaps

from dashboard.data.convergence import district_facts, scheme_matches
from dashboard.data.issues import DataFileError, IssueLog
from dashboard.data.vocabulary import SECTORS
from dashboard.data.similarity import Profiles, district_profiles
from dashboard.data.match import DistrictMatcher, FileReport, Resolution, UnmatchedName, resolve_rows
from dashboard.data.stored import stored
from dashboard.settings import ATLAS_DIR, DEFAULT_DATA_DIR
from dashboard.text import t

KEPT_ATLASES = 3  # loaded atlases kept in build/atlas (the newest)

PRODUCT_TABLE_COLUMNS = ["district_id", "lgd_code", "census2011_code", "district", "state", "product", "sector", "sector_basis", "category",
                         "gi_tagged", "gi_status", "description", "ministry", "photo_url", "programme", "match",
                         "match_note", "listed_as", "source_code", "source", "source_note", "line"]
LIST_COLUMNS = ["programme", "label", "raw_file", "about"]
ASPIRATIONAL_COLUMNS = ["sno", "state", "district", "lgd_code", "match", "match_note", "source", "district_id"]
SCHEME_COLUMNS = ["scheme_id", "name", "short_name", "ministry", "url", "scope", "rule", "rule_kind", "reasoning", "source",
                  "source_quote", "status", "also_reported_by"]
CLUSTER_COLUMNS = ["cluster_id", "cluster_name", "product", "cluster_type", "source"]
DERIVED_CLUSTER_COLUMNS = ["cluster_id", "family", "state", "size", "district_ids", "districts", "products", "rule",
                           "source"]
FAMILY_COLUMNS = ["product", "family", "basis", "reason", "source"]
FACILITY_COLUMNS = ["facility_name", "kind", "status", "status_date", "site", "district_id", "lat", "lon",
                    "location_method", "source"]
PLACE_COLUMNS = ["kind", "name", "code", "status", "lat", "lon", "district_id", "source"]
LOGISTICS_COLUMNS = ["seaport_id", "seaport_name", "seaport_km", "seaport_in_district", "major_port_id",
                     "major_port_name", "major_port_km", "airport_code", "airport_name", "airport_km",
                     "airport_in_district", "depot_id", "depot_name", "depot_km", "depot_kind", "station_name",
                     "station_km", "rail_note", "notes", "source"]
IDENTITY_COLUMNS = ["district_id", "census2011_code", "lgd_code", "lgd_name", "method", "note", "source"]
CHANGES_COLUMNS = ["lgd_code", "district", "state", "parents_lgd", "parents", "year", "source", "note"]
INLAND_KINDS = ("ICD", "CFS")  # the inland depots the map and the panel show (SEZs and others are not depots)


@dataclass(frozen=True)
class InvestorLayers:
    """Exports, connectivity and GI links: what investors look at besides the product lists."""

    exports: pd.DataFrame          # district_id, export_sector, export_usd, export_inr
    export_rows: pd.DataFrame      # every row of district_exports.csv (placed or not), for the report
    export_sectors: pd.DataFrame   # export_sector, label, hs_chapters
    sector_map: pd.DataFrame       # odop_sector -> export_sector ('' = none fits), reason
    product_map: pd.DataFrame      # product -> export_sector, reason
    logistics: pd.DataFrame        # per district_id: nearest airport, seaport, railway station and km
    places: pd.DataFrame           # points on the map: facilities placed, airports, seaports
    gi_links: pd.DataFrame         # programme, district_id, product -> gi_name, goods_class, basis


@dataclass(frozen=True)
class Atlas:
    """Everything the dashboard shows, as tidy tables keyed by ``district_id``; built once by :func:`load_atlas`."""

    districts: gpd.GeoDataFrame
    states: gpd.GeoDataFrame
    products: pd.DataFrame
    lists: pd.DataFrame
    clusters: pd.DataFrame
    cluster_districts: pd.DataFrame
    facilities: pd.DataFrame
    schemes: pd.DataFrame
    needs: pd.DataFrame
    investor: InvestorLayers
    issues: IssueLog
    files: dict[str, FileReport]
    unmatched: list[UnmatchedName]
    aspirational: pd.DataFrame
    vishwakarma: pd.DataFrame
    district_changes: pd.DataFrame  # districts created since the Census 2011: lgd_code -> parents_lgd, year, source
    census: pd.DataFrame           # per district_id: Census 2011 figures, their basis (own/parent/none), ranks
    profiles: Profiles             # what "districts like this one" compares (dashboard/data/similarity.py)
    derived_clusters: pd.DataFrame  # multi-district clusters: cluster_id, family, state, size, districts, rule
    derived_links: pd.DataFrame    # cluster_id, district_id of the derived clusters
    families: pd.DataFrame         # national-list product name -> family (basis, reason)
    scheme_matches: pd.DataFrame   # programme, district_id, product, scheme_id, basis (dashboard/data/convergence.py)
    district_facts: pd.DataFrame   # per district: aspirational, exports, cluster types, km to each facility kind
    version: str                   # the fingerprint of the data folder it was loaded from (data_version)
    hindi: HindiNames = field(default_factory=HindiNames)  # Hindi names of states and districts (names/)

    @cached_property
    def lgd_districts(self) -> pd.DataFrame:
        """The polygons that are LGD districts (not disputed areas or areas without a code)."""
        return self.districts[self.districts["has_lgd"]]

    @cached_property
    def by_id(self) -> pd.DataFrame:
        """Every polygon's attributes without its geometry, indexed by ``district_id`` (made once: requests look
        districts up by id, and indexing the GeoDataFrame anew took ~2 ms each time)."""
        return pd.DataFrame(self.districts.drop(columns="geometry")).set_index("district_id")

    @cached_property
    def default_list(self) -> str:
        """The list shown first: the first of lists.csv (the national list), or the first list with rows."""
        return _first_list(self.lists, self.products)

    def list_products(self, programme: str | None = None) -> pd.DataFrame:
        """The product rows of one list (the default list when ``None`` or not a list of this data)."""
        known = programme in set(self.lists["programme"])
        return self.products[self.products["programme"] == (programme if known else self.default_list)]

    def list_label(self, programme: str | None = None) -> str:
        """The chooser label of a list (the default list's when ``None`` or unknown)."""
        labels = dict(zip(self.lists["programme"], self.lists["label"]))
        return labels.get(programme, labels.get(self.default_list, self.default_list))

    def districts_without_products(self, programme: str | None = None) -> pd.DataFrame:
        """LGD districts with no matched product in a list."""
        lgd = self.lgd_districts
        return lgd[~lgd["district_id"].isin(set(self.list_products(programme)["district_id"]))][
            ["district_id", "district_name", "state_name"]]

    def coverage(self, programme: str | None = None) -> tuple[int, int]:
        """(LGD districts with a product in the list, all LGD districts)."""
        known = programme in self._coverage
        return self._coverage.get(programme if known else self.default_list) or (0, len(self.lgd_districts))

    @cached_property
    def _coverage(self) -> dict[str, tuple[int, int]]:  # worked out once: every map update says it
        lgd = self.lgd_districts
        return {programme: (int(lgd["district_id"].isin(set(self.list_products(programme)["district_id"])).sum()),
                            len(lgd)) for programme in self.lists["programme"]}

    def coverage_sentence(self, programme: str | None = None) -> str:
        """'Products known for 771 of 777 LGD districts' for a list, as the UI and README say it."""
        covered, total = self.coverage(programme)
        return t("coverage.sentence", covered=covered, total=total)


@dataclass
class _Loader:
    """Reads the files of one data directory, sharing the issue log, matcher and match reports."""

    data_dir: Path
    log: IssueLog
    matcher: DistrictMatcher
    files: dict[str, FileReport]
    unmatched: list[UnmatchedName]

    def resolve(self, rows: pd.DataFrame, path: Path, what_column: str) -> pd.DataFrame:
        """``rows`` joined to the polygons their district names matched (one row per match)."""
        rejected = sum(1 for issue in self.log.for_file(path.name) if not issue.kept and issue.row is not None)
        result: Resolution = resolve_rows(rows, path.name, what_column, self.matcher, rejected)
        self.files[path.name] = result.report
        self.unmatched.extend(result.unmatched)
        self.log.extend(result.issues)
        return rows.drop(columns=["districts"]).rename_axis("line").reset_index().merge(result.links, on="line")

    def layer(self, name: str, reader: Callable[[Path, IssueLog], pd.DataFrame], what_column: str) -> pd.DataFrame:
        """A district-linked layer file, or an empty frame (and a note) when the file is absent."""
        path = self.data_dir / "odop" / name
        if not path.exists():
            self.log.add(path, None, "file not present: this layer has no recorded data yet", kept=True)
            return pd.DataFrame(columns=["line", "district_id", "method", what_column])
        return self.resolve(reader(path, self.log), path, what_column)

    def table(self, name: str, reader: Callable[[Path, IssueLog], pd.DataFrame], columns: list[str]) -> pd.DataFrame:
        """A table (``odop/schemes.csv``, ``exports/...``), or an empty frame (and a note) when the file is absent."""
        path = self.data_dir / (name if "/" in name else f"odop/{name}")
        if not path.exists():
            self.log.add(path, None, "file not present: this layer has no recorded data yet", kept=True)
            return pd.DataFrame(columns=columns)
        return reader(path, self.log)


def _product_table(linked: pd.DataFrame, districts: gpd.GeoDataFrame) -> pd.DataFrame:
    names = districts.set_index("district_id")[["district_name", "state_name", "lgd_code", "census2011_code"]]
    table = linked.drop(columns=["lgd_code"], errors="ignore").join(names, on="district_id")
    table = table.assign(listed_as=table["district"], district=table["district_name"], state=table["state_name"],
                         match=table["match"].where(table["match"] != "", table["method"]))
    return table[PRODUCT_TABLE_COLUMNS].drop_duplicates(subset=["programme", "district_id", "product"]).reset_index(
        drop=True)


def _cluster_tables(linked: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    linked = linked.assign(cluster_id="c" + linked["line"].astype(str))
    clusters = linked.reindex(columns=CLUSTER_COLUMNS).drop_duplicates("cluster_id").reset_index(drop=True)
    links = linked[["cluster_id", "district_id"]].drop_duplicates().reset_index(drop=True)
    return clusters, links


def _places(facilities: pd.DataFrame, airports: pd.DataFrame, ports: pd.DataFrame,
            depots: pd.DataFrame) -> pd.DataFrame:
    """Every point the map draws: facilities with a location, airports, cargo seaports (major ports apart) and
    inland container depots and freight stations (approximate points)."""
    placed = facilities.dropna(subset=["lat", "lon"])
    cargo = ports[ports["cargo"] == "True"]
    inland = depots[depots["kind"].isin(INLAND_KINDS)]
    return pd.concat([
        pd.DataFrame({"kind": placed["kind"], "name": placed["facility_name"], "code": "", "status": placed["status"],
                      "lat": placed["lat"], "lon": placed["lon"], "district_id": placed["district_id"],
                      "source": (placed["location_method"].fillna("").astype(str) + "; "
                                 + placed["source"].fillna("").astype(str)).str.strip("; ")}),
        airports.assign(kind="airport", status="").reindex(columns=PLACE_COLUMNS),
        cargo.assign(kind=cargo["major"].map({"True": "major port", "False": "seaport"}), code=cargo["locode"],
                     status="").reindex(columns=PLACE_COLUMNS),
        inland.assign(kind="inland depot", code=inland["locode"], status=inland["kind"]).reindex(columns=PLACE_COLUMNS),
    ], ignore_index=True)[PLACE_COLUMNS]


def _investor_layers(loader: _Loader, facilities: pd.DataFrame) -> InvestorLayers:
    from dashboard.data import tables  # (see load_atlas)
    airports = loader.table("logistics/airports.csv", tables.read_airports, PLACE_COLUMNS)
    ports = loader.table("logistics/ports.csv", tables.read_ports, PLACE_COLUMNS + ["locode", "major", "cargo"])
    depots = loader.table("logistics/inland_depots.csv", tables.read_depots, PLACE_COLUMNS + ["locode"])
    export_rows = loader.table("exports/district_exports.csv", tables.read_export_rows,
                               ["state", "district", "lgd_code", "sector", "match_note", "export_usd", "export_inr"])
    return InvestorLayers(
        exports=tables.placed_exports(export_rows),
        export_rows=export_rows,
        export_sectors=loader.table("exports/export_sectors.csv", tables.read_export_sectors,
                                    ["export_sector", "label", "hs_chapters", "source"]),
        sector_map=loader.table("exports/sector_map.csv", tables.read_sector_map,
                                ["odop_sector", "export_sector", "reason"]),
        product_map=loader.table("exports/product_map.csv", tables.read_product_map,
                                 ["product", "export_sector", "reason"]),
        logistics=loader.table("logistics/district_places.csv", tables.read_district_places,
                               LOGISTICS_COLUMNS).reindex(columns=LOGISTICS_COLUMNS),
        places=_places(facilities, airports, ports, depots),
        gi_links=loader.table("gi/gi_links.csv", tables.read_gi_links,
                              ["programme", "district_id", "product", "gi_name", "goods_class", "basis", "source"]),
    )


def load_atlas(data_dir: Path = DEFAULT_DATA_DIR) -> Atlas:
    """Read, validate and join all data under ``data_dir`` (``geo/`` and ``odop/``)."""
    from dashboard.data import tables  # here, not above: pandera takes ~0.2 s to import, and a start that reads the
    # kept atlas (load_atlas_or_explain) reads no file
    log = IssueLog()
    districts = read_districts(data_dir / "geo" / "districts.geojson", log)
    states = read_states(data_dir / "geo" / "states.geojson")
    alias_path = data_dir / "odop" / "aliases.csv"
    aliases = tables.read_aliases(alias_path, log) if alias_path.exists() else []
    loader = _Loader(data_dir, log, DistrictMatcher(districts, aliases), {}, [])
    districts = with_identity(districts, loader.table("geo/district_identity.csv", tables.read_identity,
                                                      IDENTITY_COLUMNS))
    known_states = set(districts.loc[districts["state_key"] != "", "state_key"])
    products_path = data_dir / "odop" / "products.csv"
    products = _product_table(loader.resolve(tables.read_products(products_path, known_states, log), products_path,
                                             "product"), districts)
    clusters, cluster_districts = _cluster_tables(loader.layer("clusters.csv", tables.read_clusters, "cluster_name"))
    derived = loader.table("derived_clusters.csv", tables.read_derived_clusters, DERIVED_CLUSTER_COLUMNS)
    links = derived_links(derived)
    clusters = clusters.assign(derived=recorded_overlaps(clusters, cluster_districts, derived, links))
    facilities = loader.layer("infrastructure.csv", tables.read_facilities, "facility_name").reindex(
        columns=FACILITY_COLUMNS)
    schemes = loader.table("schemes.csv", tables.read_schemes, SCHEME_COLUMNS)
    needs = loader.table("needs.csv", tables.read_needs, ["sector", "facility_kind", "within_km", "why", "source"])
    lists = loader.table("lists.csv", tables.read_lists, LIST_COLUMNS)
    investor = _investor_layers(loader, facilities)
    aspirational = loader.table("aspirational/aspirational_districts.csv", tables.read_aspirational,
                                ASPIRATIONAL_COLUMNS)
    vishwakarma = loader.table("schemes/vishwakarma_products.csv", tables.read_vishwakarma,
                               ["product", "trade", "reason"])
    changes = loader.table("geo/district_changes.csv", tables.read_changes, CHANGES_COLUMNS)
    census = loader.table("census/census2011_districts.csv", tables.read_census, ["census2011_code", "census_name"])
    facts = district_facts(districts, aspirational, investor.exports, clusters, cluster_districts, facilities)
    census = district_census(districts, census.set_index("census2011_code") if "census2011_code" in census else census,
                             changes)
    lgd_ids = pd.Index(districts.loc[districts["has_lgd"], "district_id"])
    national = products[products["programme"] == _first_list(lists, products)]
    profiles = district_profiles(lgd_ids, national, investor.exports, census, investor.logistics, SECTORS)
    matches = scheme_matches(facts, products, schemes, vishwakarma, districts.loc[districts["has_lgd"], "district_id"])
    return Atlas(districts, states, products, lists, clusters, cluster_districts, facilities, schemes, needs,
                 investor, log, loader.files, loader.unmatched, aspirational=aspirational, vishwakarma=vishwakarma,
                 district_changes=changes, census=census, profiles=profiles, derived_clusters=derived,
                 derived_links=links,
                 families=loader.table("product_families.csv", tables.read_families, FAMILY_COLUMNS),
                 scheme_matches=matches, district_facts=facts, version=data_version(data_dir),
                 hindi=hindi_names(loader.table("names/state_names_hi.csv", tables.read_state_names_hi, STATE_COLUMNS),
                                   loader.table("names/district_names_hi.csv", tables.read_district_names_hi,
                                                DISTRICT_COLUMNS), districts))


def _first_list(lists: pd.DataFrame, products: pd.DataFrame) -> str:
    """The list shown first (``Atlas.default_list``), before the atlas exists."""
    present = set(products["programme"])
    listed = [p for p in lists["programme"] if p in present]
    return listed[0] if listed else (products["programme"].iloc[0] if len(products) else "")


def with_identity(districts: gpd.GeoDataFrame, identity: pd.DataFrame) -> gpd.GeoDataFrame:
    """The polygons with their real ``lgd_code`` and their ``census2011_code`` ('' where a polygon has none; the
    boundary file's own ``dist_lgd`` is neither for every polygon, so it is never shown as a code)."""
    codes = identity.set_index("district_id")[["lgd_code", "census2011_code", "method", "note"]].rename(
        columns={"method": "lgd_method", "note": "lgd_note"})
    joined = districts.join(codes, on="district_id")
    return joined.assign(**{column: joined[column].fillna("") for column in codes.columns})


def data_version(data_dir: Path) -> str:
    """A short fingerprint of the tables under ``data_dir`` (raw sources left out), so an export, a fact sheet
    and ``/healthz`` name the data they came from."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*.csv")):
        if "raw" not in path.relative_to(data_dir).parts:
            digest.update(path.read_bytes())
    return f"national list v31 (7 Jul 2025); data {digest.hexdigest()[:10]}"


def load_atlas_or_explain(data_dir: Path = DEFAULT_DATA_DIR, store: Path = ATLAS_DIR) -> Atlas:
    """Like :func:`load_atlas`, but a missing/unreadable file exits with its one-line reason, and the loaded atlas
    is kept in ``store`` (a pickle named by :func:`atlas_key`): a start with the same data, code and libraries reads
    it (~0.1 s) instead of loading again (~1.1 s). Only the newest few are kept."""
    try:
        atlas = _kept_atlas(store / f"{atlas_key(data_dir)}.pickle", data_dir)
    except DataFileError as exc:
        raise SystemExit(f"ODOP Atlas cannot start: {exc}") from exc
    for old in sorted(store.glob("*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEPT_ATLASES]:
        old.unlink(missing_ok=True)
    return atlas


def _kept_atlas(path: Path, data_dir: Path) -> Atlas:
    """The atlas kept at ``path``, else loaded and kept there (a damaged copy is loaded again)."""
    def make() -> bytes:
        return pickle.dumps(load_atlas(data_dir), pickle.HIGHEST_PROTOCOL)
    try:
        return pickle.loads(stored(path, make))
    except (pickle.UnpicklingError, EOFError):
        path.unlink(missing_ok=True)
        return pickle.loads(stored(path, make))


def atlas_key(data_dir: Path) -> str:
    """A digest of what a loaded atlas depends on: every file under ``data_dir`` (name and content), the
    dashboard's code and the versions of the libraries that read and validate the data."""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parent.parent
    for root, pattern in ((data_dir, "*"), (code, "*.py")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for package in ("pandas", "geopandas", "shapely", "numpy", "pandera", "pyogrio"):
        digest.update(importlib.metadata.version(package).encode())
    return digest.hexdigest()[:16]
