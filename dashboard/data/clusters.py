"""Derived ODOP clusters (built by ``dashboard/build/clusters.py``) joined to districts, and the recorded clusters
(data/odop/clusters.csv: SFURTI, MSE-CDP, toy clusters, each sourced) that overlap them."""

from __future__ import annotations

import pandas as pd

from dashboard.data.similarity import product_words


def cluster_lines(derived: pd.DataFrame, links: pd.DataFrame, families: pd.DataFrame,
                  recorded: pd.DataFrame) -> list[str]:
    """What the derived clusters cover, as the data check and the README say it."""
    merged = families[families["basis"] == "reviewed merge"]
    largest = derived.assign(n=derived["size"].astype(int)).nlargest(3, "n")
    return [f"Derived ODOP clusters (data/odop/derived_clusters.csv): {len(derived)} clusters of 2 or more adjacent "
            f"districts of one state sharing a product family, over {links['district_id'].nunique()} districts; "
            f"largest: " + "; ".join(f"{r.family}, {r.state} ({r.n})" for r in largest.itertuples(index=False))
            + f". Product families: {families['family'].nunique()} for {len(families)} national-list names, "
            f"{len(merged)} merged by hand (data/odop/family_merges.csv, a reason each). Recorded, sourced clusters: "
            f"{len(recorded)} (SFURTI and MSE-CDP scheme rules use these only), "
            f"{int((recorded['derived'] != '').sum()) if 'derived' in recorded else 0} overlapping a derived one."]


def derived_links(derived: pd.DataFrame) -> pd.DataFrame:
    """One row per derived cluster and member district (cluster_id, district_id)."""
    links = derived.assign(district_id=derived["district_ids"].str.split(";"))[["cluster_id", "district_id"]]
    return links.explode("district_id").reset_index(drop=True)


def recorded_overlaps(recorded: pd.DataFrame, recorded_links: pd.DataFrame, derived: pd.DataFrame,
                      links: pd.DataFrame) -> pd.Series:
    """Per recorded cluster: the derived clusters it overlaps (a district in common and a word of the product in
    common, e.g. the SFURTI "Bhadohi carpet cluster" and a derived carpet cluster), ";"-joined ('' for none)."""
    if links.empty or recorded_links.empty:
        return pd.Series("", index=recorded.index, dtype=object)
    families = dict(zip(derived["cluster_id"], derived["family"].map(product_words)))
    shared = recorded_links.merge(links, on="district_id", suffixes=("", "_derived"))
    words = dict(zip(recorded["cluster_id"], recorded["product"].map(product_words)))
    shared = shared.loc[pd.Series([bool(words.get(r, set()) & families.get(d, set()))  # a mask even when empty
                                   for r, d in zip(shared["cluster_id"], shared["cluster_id_derived"])],
                                  index=shared.index, dtype=bool)]
    found = shared.groupby("cluster_id")["cluster_id_derived"].agg(lambda ids: ";".join(sorted(set(ids))))
    return recorded["cluster_id"].map(lambda cluster: found.get(cluster, ""))
