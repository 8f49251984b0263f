"""Load every data file, join them to the district polygons and report what matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .boundaries import read_districts, read_states
from .issues import DataFileError, IssueLog
from .join import DistrictMatcher, UnmatchedName
from .layers import NamedRow, read_clusters, read_facilities, read_needs, read_schemes
from .products import ProductRow, read_aliases, read_products
from .schema import NEEDS_REQUIRED, SCHEME_REQUIRED

REPO_DIR = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_DIR / "data"

PRODUCT_TABLE_COLUMNS = ["district_id", "district", "state", "product", "sector", "gi_tagged", "programme",
                         "match", "source", "line"]


@dataclass
class FileReport:
    """Per input file: rows read, rows set aside, names matched and unmatched."""

    file: str
    rows_valid: int = 0
    rows_rejected: int = 0
    rows_matched: int = 0
    names_matched: int = 0
    names_unmatched: int = 0
    by_method: dict[str, int] = field(default_factory=dict)

    @property
    def match_rate(self) -> float:
        """Share of district names that found a polygon."""
        total = self.names_matched + self.names_unmatched
        return self.names_matched / total if total else 1.0


@dataclass
class Atlas:
    """Everything the dashboard shows, as tidy tables keyed by ``district_id``."""

    districts: gpd.GeoDataFrame
    states: gpd.GeoDataFrame
    products: pd.DataFrame
    clusters: pd.DataFrame
    cluster_districts: pd.DataFrame
    facilities: pd.DataFrame
    schemes: pd.DataFrame
    needs: pd.DataFrame
    issues: IssueLog
    files: dict[str, FileReport]
    unmatched: list[UnmatchedName]

    @property
    def lgd_districts(self) -> pd.DataFrame:
        """The polygons that are LGD districts (not disputed areas or areas without a code)."""
        return self.districts[self.districts["has_lgd"]]

    def districts_without_products(self) -> pd.DataFrame:
        """LGD districts with no matched product."""
        with_products = set(self.products["district_id"])
        lgd = self.lgd_districts
        return lgd[~lgd["district_id"].isin(with_products)][["district_id", "district_name", "state_name"]]

    def coverage_sentence(self) -> str:
        """'Products known for 612 of 780 districts' style summary used by the UI and README."""
        lgd = self.lgd_districts
        covered = lgd["district_id"].isin(set(self.products["district_id"])).sum()
        return f"Products known for {covered} of {len(lgd)} LGD districts"


def _resolve(rows: list[NamedRow] | list[ProductRow], path: Path, what_field: str, matcher: DistrictMatcher,
             log: IssueLog, report: FileReport, unmatched: list[UnmatchedName]) -> list[tuple[object, str, str]]:
    """Match every district name of every row; returns ``(row, district_id, method)`` triples.

    Unmatched names are recorded with candidates (never dropped silently); a row whose
    names all fail is logged as set aside.
    """
    out = []
    for row in rows:
        lgd = getattr(row, "lgd_code", "") if len(row.districts) == 1 else ""
        what = getattr(row, what_field, None) or row.values.get(what_field, "")
        hits = 0
        for name in row.districts:
            match = matcher.match(row.state, name, lgd)
            if match.district_id is None:
                report.names_unmatched += 1
                unmatched.append(UnmatchedName(path.name, row.line, row.state, name, what, match.candidates))
                continue
            hits += 1
            report.names_matched += 1
            report.by_method[match.method] = report.by_method.get(match.method, 0) + 1
            if match.note and match.method != "alias":
                log.add(path, row.line, f"{name!r}: {match.note}", kept=True)
            out.append((row, match.district_id, match.method))
        if hits == 0:
            hint = "; nearest: " + ", ".join(unmatched[-1].candidates) if unmatched[-1].candidates else ""
            log.add(path, row.line, f"district {'; '.join(row.districts)!r} in {row.state!r} not found in the "
                    f"boundary file{hint}; add it to data/odop/aliases.csv if it is another name for a district")
        else:
            report.rows_matched += 1
    return out


def _product_table(resolved: list[tuple[ProductRow, str, str]], districts: gpd.GeoDataFrame) -> pd.DataFrame:
    names = districts.set_index("district_id")
    records = [{
        "district_id": did,
        "district": names.at[did, "district_name"],
        "state": names.at[did, "state_name"],
        "product": row.product,
        "sector": row.sector,
        "gi_tagged": row.gi_tagged,
        "programme": row.programme,
        "match": method,
        "source": row.source,
        "line": row.line,
    } for row, did, method in resolved]
    table = pd.DataFrame(records, columns=PRODUCT_TABLE_COLUMNS)
    return table.drop_duplicates(subset=["district_id", "product"]).reset_index(drop=True)


def load_atlas(data_dir: Path = DEFAULT_DATA_DIR) -> Atlas:
    """Read, validate and join all data under ``data_dir`` (``geo/`` and ``odop/``)."""
    log = IssueLog()
    districts = read_districts(data_dir / "geo" / "districts.geojson", log)
    states = read_states(data_dir / "geo" / "states.geojson")
    odop = data_dir / "odop"
    aliases = read_aliases(odop / "aliases.csv", log) if (odop / "aliases.csv").exists() else []
    matcher = DistrictMatcher(districts, aliases)
    known_states = set(districts.loc[districts["state_key"] != "", "state_key"])
    files: dict[str, FileReport] = {}
    unmatched: list[UnmatchedName] = []

    def resolve(rows: list, path: Path, what_field: str) -> list[tuple[object, str, str]]:
        rejected = sum(1 for issue in log.for_file(path.name) if not issue.kept and issue.row is not None)
        report = files[path.name] = FileReport(path.name, rows_valid=len(rows), rows_rejected=rejected)
        return _resolve(rows, path, what_field, matcher, log, report, unmatched)

    def resolve_layer(path: Path, reader, what_field: str) -> list[tuple[NamedRow, str, str]]:
        if not path.exists():
            log.add(path, None, "file not present: this layer has no recorded data yet", kept=True)
            return []
        return resolve(reader(path, log), path, what_field)

    products_path = odop / "products.csv"
    products = _product_table(resolve(read_products(products_path, known_states, log), products_path, "product"),
                              districts)
    clusters, cluster_districts = _cluster_tables(resolve_layer(odop / "clusters.csv", read_clusters, "cluster_name"))
    facilities = _facility_table(resolve_layer(odop / "infrastructure.csv", read_facilities, "facility_name"))
    schemes = _optional_table(odop / "schemes.csv", read_schemes, SCHEME_REQUIRED, log)
    needs = _optional_table(odop / "needs.csv", read_needs, NEEDS_REQUIRED, log)
    return Atlas(districts, states, products, clusters, cluster_districts, facilities, schemes, needs, log, files, unmatched)


def _optional_table(path: Path, reader, columns: list[str], log: IssueLog) -> pd.DataFrame:
    if not path.exists():
        log.add(path, None, "file not present: this layer has no recorded data yet", kept=True)
        return pd.DataFrame(columns=columns)
    return reader(path, log)


def _cluster_tables(resolved: list[tuple[NamedRow, str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    columns = ["cluster_id", "cluster_name", "product", "cluster_type", "source"]
    clusters = pd.DataFrame([{
        "cluster_id": f"c{row.line}", "cluster_name": row.values["cluster_name"], "product": row.values["product"],
        "cluster_type": row.values["cluster_type"], "source": row.values["source"],
    } for row, _, _ in resolved], columns=columns).drop_duplicates("cluster_id").reset_index(drop=True)
    links = pd.DataFrame([{"cluster_id": f"c{row.line}", "district_id": did} for row, did, _ in resolved],
                         columns=["cluster_id", "district_id"]).drop_duplicates().reset_index(drop=True)
    return clusters, links


def _facility_table(resolved: list[tuple[NamedRow, str, str]]) -> pd.DataFrame:
    columns = ["facility_name", "kind", "district_id", "lat", "lon", "source"]
    return pd.DataFrame([{
        "facility_name": row.values["facility_name"], "kind": row.values["kind"], "district_id": did,
        "lat": row.values["lat"], "lon": row.values["lon"], "source": row.values["source"],
    } for row, did, _ in resolved], columns=columns)


def load_atlas_or_explain(data_dir: Path = DEFAULT_DATA_DIR) -> Atlas:
    """Like :func:`load_atlas`, but a missing/unreadable file exits with its one-line reason."""
    try:
        return load_atlas(data_dir)
    except DataFileError as exc:
        raise SystemExit(f"ODOP Atlas cannot start: {exc}") from exc
