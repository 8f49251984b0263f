"""Derived ODOP clusters, as the ODOP guidelines define them: "a cluster of ODOP products consisting of more than one
adjacent district in a State".

Three tables, built from the national list, the boundaries and one hand-reviewed file:
- geo/district_adjacency.csv: pairs of districts whose polygons lie within ``ADJACENT_DEGREES`` of each other (the
  simplified polygons do not share exact edges, so ``touches`` finds almost none);
- odop/product_families.csv: each product name of the national list and the family it is clustered under: its own
  name once case, punctuation, "and"/"&" and plurals are set aside, or, where ``odop/family_merges.csv`` (reviewed
  by hand, a reason per row) says so, another product's family;
- odop/derived_clusters.csv: every connected group of two or more adjacent districts of one state whose national-list
  products share a family.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from dashboard.data.atlas import DERIVED_CLUSTER_COLUMNS, FAMILY_COLUMNS
from dashboard.data.importing import write_frame_atomically

ADJACENT_DEGREES = 0.01  # about 1.1 km: the boundaries' simplification tolerance (data/geo/SOURCE.md)
NATIONAL_LIST = "DPIIT ODOP"
CLUSTER_SOURCE = ("derived: DPIIT national ODOP list v31 (7 Jul 2025) products, grouped by "
                  "data/odop/product_families.csv, over data/geo/district_adjacency.csv")
ADJACENCY_SOURCE = f"derived from data/geo/districts.geojson: polygons within {ADJACENT_DEGREES} degrees"
FAMILY_SOURCE = "DPIIT national ODOP list v31 (7 Jul 2025) product names; merges: data/odop/family_merges.csv"


def adjacency(districts: gpd.GeoDataFrame) -> pd.DataFrame:
    """Pairs (a < b) of LGD districts whose polygons are within ``ADJACENT_DEGREES`` of each other."""
    lgd = districts[districts["has_lgd"]].reset_index(drop=True)
    geometries = lgd.geometry.values
    left, right = shapely.STRtree(geometries).query(geometries, predicate="dwithin", distance=ADJACENT_DEGREES)
    ids = lgd["district_id"].to_numpy()
    pairs = pd.DataFrame({"district_id_a": ids[left], "district_id_b": ids[right]})
    pairs = pairs[pairs["district_id_a"] < pairs["district_id_b"]].assign(source=ADJACENCY_SOURCE)
    return pairs.sort_values(["district_id_a", "district_id_b"]).reset_index(drop=True)


def name_key(product: str) -> str:
    """A product name with case, punctuation, "and"/"&" and plural "s" set aside: "Zari and Zardozi",
    "Zari-Zardozi" and "Zari Zardozis" give "zari zardozi"; "Basmati (Rice)" gives "basmati rice"."""
    words = re.findall(r"[a-z0-9]+", product.lower().replace("&", " and "))
    return " ".join(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words if w != "and")


def product_families(products: pd.DataFrame, merges: pd.DataFrame) -> pd.DataFrame:
    """Every national-list product name with its family: by ``name_key``, or as ``merges`` says (product ->
    same_as, reason). A family is named by its most listed spelling (ties: the first alphabetically)."""
    names = products["product"].value_counts()
    keys = {name: name_key(name) for name in names.index}
    merged = dict(zip(merges["product"], merges["same_as"]))
    reasons = dict(zip(merges["product"], merges["reason"]))
    family_key = {name: keys.get(merged[name], name_key(merged[name])) if name in merged else key
                  for name, key in keys.items()}
    spelling = {}
    for name, count in sorted(names.items(), key=lambda item: (-item[1], item[0])):
        spelling.setdefault(family_key[name], name)
    rows = [{"product": name, "family": spelling[family_key[name]],
             "basis": "reviewed merge" if name in merged else "name",
             "reason": reasons.get(name, "the same name once case, punctuation, 'and' and plurals are set aside"),
             "source": FAMILY_SOURCE}
            for name in sorted(names.index)]
    return pd.DataFrame(rows, columns=FAMILY_COLUMNS)


def _components(members: set[str], neighbours: dict[str, set[str]]) -> list[list[str]]:
    """Connected groups of ``members`` over the adjacency ``neighbours``, each sorted, in a stable order."""
    left, groups = set(members), []
    while left:
        start = min(left)
        group, frontier = {start}, [start]
        while frontier:
            for other in neighbours.get(frontier.pop(), set()) & left - group:
                group.add(other)
                frontier.append(other)
        left -= group
        groups.append(sorted(group))
    return groups


def derived_clusters(products: pd.DataFrame, families: pd.DataFrame, pairs: pd.DataFrame,
                     identity: pd.DataFrame) -> pd.DataFrame:
    """Groups of 2+ adjacent districts in one state whose national-list products are of one family (districts named
    as LGD names them, from ``identity``)."""
    lgd_codes = dict(zip(identity["district_id"], identity["lgd_code"]))
    lgd_names = dict(zip(identity["district_id"], identity["lgd_name"]))
    neighbours: dict[str, set[str]] = {}
    for a, b in zip(pairs["district_id_a"], pairs["district_id_b"]):
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    rows = products.merge(families[["product", "family"]], on="product")
    clusters = []
    for (state, family), group in rows.groupby(["state", "family"]):
        names = {d: lgd_names.get(d) or listed for d, listed in zip(group["district_id"], group["district"])}
        for members in _components(set(group["district_id"]), neighbours):
            if len(members) < 2:
                continue
            anchor = min(members, key=lambda d: int(lgd_codes.get(d) or 0) or 10**9)
            clusters.append({
                "cluster_id": f"{_slug(state)}-{_slug(family)}-{lgd_codes.get(anchor) or anchor}",
                "family": family, "state": state, "size": len(members), "district_ids": ";".join(members),
                "districts": ";".join(names[d] for d in members),
                "products": ";".join(sorted(set(group.loc[group["district_id"].isin(members), "product"]))),
                "rule": f"adjacent districts in {state} whose national-list product is {family}",
                "source": CLUSTER_SOURCE})
    return pd.DataFrame(clusters, columns=DERIVED_CLUSTER_COLUMNS).sort_values(["state", "family", "cluster_id"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_clusters(data_dir: Path, out_dir: Path, districts: gpd.GeoDataFrame, products: pd.DataFrame,
                   identity: pd.DataFrame) -> list[str]:
    """The adjacency, product-family and derived-cluster tables; returns the report lines."""
    national = products[(products["programme"] == NATIONAL_LIST) & (products["lgd_code"] != "")].rename(
        columns={"lgd_code": "district_id"})
    merges = pd.read_csv(data_dir / "odop" / "family_merges.csv", dtype=str, keep_default_na=False)
    pairs = adjacency(districts)
    families = product_families(national, merges)
    clusters = derived_clusters(national, families, pairs, identity)
    for relative, frame in (("geo/district_adjacency.csv", pairs), ("odop/product_families.csv", families),
                            ("odop/derived_clusters.csv", clusters)):
        write_frame_atomically(out_dir / relative, frame)
    in_clusters = {d for ids in clusters["district_ids"] for d in ids.split(";")}
    return [f"clusters: {len(pairs)} adjacent district pairs ({2 * len(pairs) / max(districts['has_lgd'].sum(), 1):.1f}"
            f" neighbours per district); {families['family'].nunique()} product families of {len(families)} names "
            f"({(families['basis'] == 'reviewed merge').sum()} merged by hand); {len(clusters)} derived clusters "
            f"over {len(in_clusters)} districts"]
