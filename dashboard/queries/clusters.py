"""Derived ODOP clusters for the panel, the map and the clusters table: which belts a district is part of, who
its partners are, and the table of every multi-district cluster in a view."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.queries.investor import exports_by_district, sector_export_sectors
from dashboard.text import t

CLUSTER_TABLE_COLUMNS = ["cluster_id", "cluster", "product", "state", "districts", "district_names", "sector",
                         "exports_usd", "gi_tagged", "rule"]


@dataclass(frozen=True)
class Belt:
    """A derived cluster as a district's panel shows it: its name, the rule that made it, and the partners."""

    cluster_id: str
    name: str
    family: str
    rule: str
    partners: tuple[tuple[str, str], ...]   # (district name, LGD code) of the other districts


def cluster_name(family: str, state: str, size: int) -> str:
    """"Makhana cluster, Bihar: 7 districts"."""
    return t("clusters.name", family=family, state=state, size=size)


def belts_of(atlas: Atlas, district_id: str) -> tuple[Belt, ...]:
    """The derived clusters ``district_id`` is part of, largest first."""
    links = atlas.derived_links
    ids = set(links.loc[links["district_id"] == district_id, "cluster_id"])
    chosen = atlas.derived_clusters[atlas.derived_clusters["cluster_id"].isin(ids)].sort_values(
        ["size", "family"], ascending=[False, True])
    names = atlas.by_id
    return tuple(Belt(row.cluster_id, cluster_name(row.family, row.state, int(row.size)), row.family, row.rule,
                      tuple((names.at[d, "district_name"], names.at[d, "lgd_code"])
                            for d in row.district_ids.split(";") if d != district_id and d in names.index))
                 for row in chosen.itertuples(index=False))


def single_district_products(atlas: Atlas, products: pd.DataFrame, belts: tuple[Belt, ...]) -> list[str]:
    """The district's national-list products that no adjacent district of its state shares (no belt's family)."""
    family = dict(zip(atlas.families["product"], atlas.families["family"]))
    in_belts = {belt.family for belt in belts}
    national = products[products["programme"] == atlas.default_list]["product"]
    return [p for p in dict.fromkeys(national) if family.get(p, p) not in in_belts]


def derived_partners(atlas: Atlas, district_id: str) -> set[str]:
    """Districts that share a derived cluster with ``district_id``."""
    links = atlas.derived_links
    ids = set(links.loc[links["district_id"] == district_id, "cluster_id"])
    return set(links.loc[links["cluster_id"].isin(ids), "district_id"]) - {district_id}


def clusters_in_view(atlas: Atlas, rows: pd.DataFrame) -> pd.DataFrame:
    """The derived clusters whose family is among the view's national-list products, in the view's districts."""
    family = atlas.families.set_index("product")["family"]
    present = rows.assign(family=rows["product"].map(family))
    wanted = set(zip(present["state"], present["family"].dropna()))
    derived = atlas.derived_clusters
    keep = [(state, fam) in wanted for state, fam in zip(derived["state"], derived["family"])]
    return derived[np.array(keep, dtype=bool)] if len(derived) else derived


def clustered_districts(atlas: Atlas, rows: pd.DataFrame) -> tuple[str, ...]:
    """Every district of a multi-district cluster in the view (what the clusters outline draws)."""
    shown = clusters_in_view(atlas, rows)
    return tuple(sorted({d for ids in shown["district_ids"] for d in ids.split(";")}))


def cluster_table(atlas: Atlas, rows: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster in the view: name, product family, state, districts (count and names), the official
    sector, the districts' combined exports in that sector's export sectors (where mapped) and GI status."""
    shown = clusters_in_view(atlas, rows)
    if shown.empty:
        return pd.DataFrame(columns=CLUSTER_TABLE_COLUMNS)
    national = atlas.list_products()
    family = national.assign(family=national["product"].map(atlas.families.set_index("product")["family"]))
    records = []
    for row in shown.itertuples(index=False):
        members = row.district_ids.split(";")
        made = family[(family["family"] == row.family) & family["district_id"].isin(members)]
        sector = made["sector"].mode().iloc[0] if len(made) else ""
        matching = sector_export_sectors(atlas, (sector,)) if sector else set()
        usd = exports_by_district(atlas, matching).reindex(members).sum() if matching else np.nan
        gi = made["gi_tagged"]
        records.append({"cluster_id": row.cluster_id, "cluster": cluster_name(row.family, row.state, int(row.size)),
                        "product": row.family, "state": row.state, "districts": int(row.size),
                        "district_names": row.districts.replace(";", ", "), "sector": sector,
                        "exports_usd": usd if usd else np.nan,
                        "gi_tagged": "yes" if gi.all() else "some" if gi.any() else "no", "rule": row.rule})
    return pd.DataFrame(records, columns=CLUSTER_TABLE_COLUMNS).sort_values(
        ["districts", "state", "product"], ascending=[False, True, True]).reset_index(drop=True)
