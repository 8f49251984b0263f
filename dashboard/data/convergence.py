"""Scheme convergence: each scheme's "applies when" rule (grammar: ``rules.py``), evaluated once over every
product and district when the atlas is loaded. Pure functions (no Dash)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data.derive import haversine_km, representative_points
from dashboard.data.rules import PRODUCT_FIELDS, Condition, parse_rule


def district_facts(districts, aspirational: pd.DataFrame, exports: pd.DataFrame, clusters: pd.DataFrame,
                   cluster_districts: pd.DataFrame, facilities: pd.DataFrame) -> pd.DataFrame:
    """Per district_id: a point inside it, aspirational, exports, cluster types, and km to the nearest facility of
    each kind."""
    ids = districts["district_id"]
    lat, lon = representative_points(districts.geometry.values)
    points = pd.DataFrame({"rep_lat": lat, "rep_lon": lon}, index=pd.Index(ids, name="district_id"))
    facts = points.copy()
    facts["aspirational"] = facts.index.isin(set(aspirational["district_id"]))
    facts["exports"] = facts.index.isin(set(exports["district_id"]))
    types = cluster_districts.merge(clusters[["cluster_id", "cluster_type"]], on="cluster_id")
    by_district = types.groupby("district_id")["cluster_type"].apply(frozenset)
    facts["clusters"] = [by_district.get(d, frozenset()) for d in facts.index]
    for kind, group in facilities.groupby("kind"):
        facts[f"km:{kind}"] = _km_to_nearest(points, set(group["district_id"]))
    return facts


def _km_to_nearest(points: pd.DataFrame, targets: set[str]) -> np.ndarray:
    """Per district (rows of ``points``): km between its point and the nearest target district's point; 0 inside."""
    chosen = points[points.index.isin(targets)].to_numpy()
    if len(chosen) == 0:
        return np.full(len(points), np.inf)
    km = haversine_km(points["rep_lat"].to_numpy()[:, None], points["rep_lon"].to_numpy()[:, None],
                      chosen[None, :, 0], chosen[None, :, 1])
    return np.where(points.index.isin(targets), 0.0, km.min(axis=1))


def _condition_mask(condition: Condition, rows: pd.DataFrame) -> pd.Series:
    """Which rows (products joined with their district's facts) pass one condition."""
    if condition.name == "all":
        return pd.Series(True, index=rows.index)
    if condition.name in ("aspirational", "exports"):
        return rows[condition.name].astype(bool)
    if condition.name == "trade":
        return rows["trade"].astype(bool)
    if condition.name == "cluster":
        return rows["clusters"].map(lambda types: bool(types & set(condition.values)))
    if condition.name == "park":
        column = f"km:{condition.values[0]}"
        return rows[column].le(condition.km) if column in rows else pd.Series(False, index=rows.index)
    return rows[PRODUCT_FIELDS[condition.name]].isin(condition.values)


def _rule_mask(rule: tuple[tuple[Condition, ...], ...], rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Rows that pass the rule, and for each the clause that did (as text: the basis)."""
    passed = pd.Series(False, index=rows.index)
    basis = pd.Series("", index=rows.index)
    for clause in rule:
        mask = pd.Series(True, index=rows.index)
        for condition in clause:
            mask &= _condition_mask(condition, rows)
        text = pd.Series(" and ".join(map(str, clause)), index=rows.index)
        if any(c.name == "trade" for c in clause):
            text = text + " (" + rows["trade_name"] + ")"
        basis = basis.where(passed | ~mask, text)
        passed |= mask
    return passed, basis


MATCH_COLUMNS = ["programme", "district_id", "product", "scheme_id", "basis"]


def scheme_matches(facts: pd.DataFrame, products: pd.DataFrame, schemes: pd.DataFrame, vishwakarma: pd.DataFrame,
                   lgd_ids) -> pd.DataFrame:
    """Every (list, district, product, scheme) the rules link, with the clause that matched.

    Product-scope schemes match products; district-scope schemes match districts (``product``
    is empty), for every LGD district (``lgd_ids``), whatever the list.
    """
    trades = {product: ", ".join(dict.fromkeys(group)) for product, group in vishwakarma.groupby("product")["trade"]}
    products = products.assign(trade=products["product"].isin(trades),
                               trade_name=[trades.get(p, "") for p in products["product"]])
    products = products.join(facts, on="district_id")
    districts = facts[facts.index.isin(set(lgd_ids))].reset_index()
    frames = []
    for scheme in schemes.itertuples(index=False):
        rule = parse_rule(scheme.rule, scheme.scope)
        rows = districts if scheme.scope == "district" else products
        passed, basis = _rule_mask(rule, rows)
        hit = rows[passed]
        frames.append(pd.DataFrame({
            "programme": hit["programme"] if scheme.scope == "product" else "",
            "district_id": hit["district_id"], "product": hit["product"] if scheme.scope == "product" else "",
            "scheme_id": scheme.scheme_id, "basis": basis[passed]}))
    return pd.concat(frames, ignore_index=True)[MATCH_COLUMNS] if frames else pd.DataFrame(columns=MATCH_COLUMNS)


def matches_for_list(matches: pd.DataFrame, programme: str) -> pd.DataFrame:
    """The matches of one list's products, and every district-scope match."""
    return matches[(matches["programme"] == programme) | (matches["product"] == "")]


def overlap_classes(matches: pd.DataFrame, programme: str, schemes: tuple[str, ...]) -> pd.Series:
    """Per district: 1 = the first chosen scheme only, 2 = the second only, 3 = both (absent: neither)."""
    rows = matches_for_list(matches, programme)
    code = pd.Series(0, index=pd.Index(rows["district_id"].unique(), name="district_id"))
    for bit, scheme in enumerate(schemes[:2]):
        code[code.index.isin(set(rows.loc[rows["scheme_id"] == scheme, "district_id"]))] += 1 << bit
    return code[code > 0]
