"""Scheme convergence: each scheme's "applies when" rule, evaluated once over every product and district.

A rule (``schemes.csv``, column ``rule``) is a disjunction of clauses separated by `` or ``;
a clause is conditions joined by `` and ``. Conditions:

- ``all``: every district; ``aspirational``: one of NITI Aayog's 112 Aspirational Districts;
  ``exports``: the district has recorded exports (DGCI&S FY2024-25);
- ``programme=A|B``, ``sector=A|B``, ``category=A|B``, ``gi=yes``, ``ministry=A|B``: the
  product's list and official fields;
- ``trade``: the product is made in one of PM Vishwakarma's 18 trades (reviewed table);
- ``cluster=SFURTI|MSE-CDP``: the district holds a recorded cluster of that type;
- ``park=<facility kind><=<km>``: such a facility is in the district or within that many km
  (straight line between the districts' points).

Pure functions (no Dash): ``scheme_matches`` runs once, when the atlas is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from typing import TYPE_CHECKING

from .derive import haversine_km, representative_points

if TYPE_CHECKING:
    from .atlas import Atlas

PRODUCT_FIELDS = {"programme": "programme", "sector": "sector", "category": "category", "gi": "gi_status",
                  "ministry": "ministry"}
DISTRICT_FLAGS = ("all", "aspirational", "exports")
FLAG_TEXT = {"all": "every district", "aspirational": "an Aspirational District (NITI Aayog)",
             "exports": "the district has recorded exports (DGCI&S FY2024-25)",
             "trade": "made in a PM Vishwakarma trade"}
_PARK = re.compile(r"^park=(?P<kind>[^<]+)<=(?P<km>\d+(\.\d+)?)$")


@dataclass(frozen=True)
class Condition:
    """One test of a rule: a field and its allowed values, a flag, or a park distance."""

    name: str
    values: tuple[str, ...] = ()
    km: float = 0.0

    def __str__(self) -> str:
        if self.name == "park":
            return f"a {self.values[0]} in or within {self.km:g} km of the district"
        return f"{self.name} is {' or '.join(self.values)}" if self.values else FLAG_TEXT[self.name]


DISTRICT_CONDITIONS = ("all", "aspirational", "exports", "cluster", "park")


def parse_rule(text: str, scope: str = "product") -> tuple[tuple[Condition, ...], ...]:
    """Clauses (OR) of conditions (AND); raises ``ValueError`` naming what it does not understand.

    A district-scope rule may only test the district (``DISTRICT_CONDITIONS``).
    """
    clauses = []
    for clause in str(text).split(" or "):
        conditions = []
        for part in (p.strip() for p in clause.split(" and ")):
            park = _PARK.match(part)
            key, sep, value = part.partition("=")
            if park:
                conditions.append(Condition("park", (park["kind"].strip(),), float(park["km"])))
            elif part in DISTRICT_FLAGS or part == "trade":
                conditions.append(Condition(part))
            elif sep and key in PRODUCT_FIELDS | {"cluster": None} and value:
                conditions.append(Condition(key, tuple(v.strip() for v in value.split("|"))))
            else:
                raise ValueError(f"rule part {part!r} is not understood (see dashboard/schemes.py)")
        clauses.append(tuple(conditions))
    product_tests = [c.name for clause in clauses for c in clause if c.name not in DISTRICT_CONDITIONS]
    if scope == "district" and product_tests:
        raise ValueError(f"a district-scope rule cannot test products ({', '.join(product_tests)})")
    return tuple(clauses)


def district_facts(atlas: Atlas) -> pd.DataFrame:
    """Per district_id: aspirational, exports, cluster types, and km to the nearest park of each kind."""
    ids = atlas.districts["district_id"]
    lat, lon = representative_points(atlas.districts.geometry.values)
    points = pd.DataFrame({"rep_lat": lat, "rep_lon": lon}, index=pd.Index(ids, name="district_id"))
    facts = pd.DataFrame(index=pd.Index(ids, name="district_id"))
    facts["aspirational"] = facts.index.isin(set(atlas.aspirational["district_id"]))
    facts["exports"] = facts.index.isin(set(atlas.investor.exports["district_id"]))
    types = atlas.cluster_districts.merge(atlas.clusters[["cluster_id", "cluster_type"]], on="cluster_id")
    clusters = types.groupby("district_id")["cluster_type"].apply(frozenset)
    facts["clusters"] = [clusters.get(d, frozenset()) for d in facts.index]
    for kind, group in atlas.facilities.groupby("kind"):
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


def scheme_matches(atlas: Atlas) -> pd.DataFrame:
    """Every (list, district, product, scheme) the rules link, with the clause that matched.

    Product-scope schemes match products; district-scope schemes match districts (``product``
    is empty), for every LGD district, whatever the list.
    """
    facts = atlas.district_facts if not atlas.district_facts.empty else district_facts(atlas)
    trades = {product: ", ".join(dict.fromkeys(group)) for product, group in
              atlas.vishwakarma.groupby("product")["trade"]}
    products = atlas.products.assign(trade=atlas.products["product"].isin(trades),
                                     trade_name=[trades.get(p, "") for p in atlas.products["product"]])
    products = products.join(facts, on="district_id")
    districts = facts[facts.index.isin(set(atlas.lgd_districts["district_id"]))].reset_index()
    frames = []
    for scheme in atlas.schemes.itertuples(index=False):
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


def convergence_counts(matches: pd.DataFrame, programme: str, district_ids=None) -> pd.Series:
    """Number of distinct schemes that meet in each district (its products' and the district's own)."""
    rows = matches_for_list(matches, programme)
    if district_ids is not None:
        rows = rows[rows["district_id"].isin(set(district_ids))]
    return rows.groupby("district_id")["scheme_id"].nunique()


def overlap_classes(matches: pd.DataFrame, programme: str, schemes: tuple[str, ...]) -> pd.Series:
    """Per district: 1 = the first chosen scheme only, 2 = the second only, 3 = both (absent: neither)."""
    rows = matches_for_list(matches, programme)
    code = pd.Series(0, index=pd.Index(rows["district_id"].unique(), name="district_id"))
    for bit, scheme in enumerate(schemes[:2]):
        code[code.index.isin(set(rows.loc[rows["scheme_id"] == scheme, "district_id"]))] += 1 << bit
    return code[code > 0]
