"""The Census 2011 figures of each district polygon, joined by its Census 2011 code.

A district that existed in 2011 has its own row (``basis`` "own"). A district created since has none: with one
parent district (geo/district_changes.csv) it carries that parent's figures, labelled with the parent ("parent";
the figures are the whole parent district's as it was in 2011); with several parents, or none known, it has no
figures ("none"). The map colours and the tribal overlay use a district's own figures only.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.vocabulary import CENSUS_FIGURES

TRIBAL_SHARES = (25.0, 50.0)  # Scheduled Tribe share (% of the population) of the tribal overlay's two classes
CENSUS_DISTRICT_COLUMNS = ["basis", "parent_id", "parent_name", "parents", "census_name", *CENSUS_FIGURES,
                           "hh_rank_state", "hh_state_count", "hh_rank_india", "hh_india_count"]


def _ranks(table: pd.DataFrame, states: pd.Series) -> pd.DataFrame:
    """Rank by household-industry share (1 = highest) in the district's state and in India, among own figures."""
    own = table[table["basis"] == "own"]
    share = own["household_industry_pct"]
    state = states.reindex(own.index)
    return pd.DataFrame({
        "hh_rank_state": share.groupby(state).rank(ascending=False, method="min"),
        "hh_state_count": share.groupby(state).transform("size"),
        "hh_rank_india": share.rank(ascending=False, method="min"),
        "hh_india_count": len(own),
    }, index=own.index)


def district_census(districts: pd.DataFrame, census: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Per polygon (``district_id`` index): the basis of its figures, its parent where it has one, the figures,
    and its household-industry ranks (own figures only)."""
    ids = districts.set_index("district_id")
    by_lgd = ids[ids["lgd_code"] != ""].reset_index().set_index("lgd_code")
    parents = dict(zip(changes["lgd_code"], changes["parents_lgd"].str.split(";")))
    rows = []
    for district_id, code, lgd in zip(ids.index, ids["census2011_code"], ids["lgd_code"]):
        named = [by_lgd.loc[p] for p in parents.get(lgd, []) if p in by_lgd.index]
        parent = named[0] if len(named) == 1 and named[0]["census2011_code"] in census.index else None
        own = code in census.index
        figures = census.loc[code] if own else census.loc[parent["census2011_code"]] if parent is not None else None
        rows.append({
            "district_id": district_id, "basis": "own" if own else "parent" if parent is not None else "none",
            "parent_id": "" if own or parent is None else parent["district_id"],
            "parent_name": "" if own or parent is None else parent["district_name"],
            "parents": "" if own else "; ".join(p["district_name"] for p in named),
            **({"census_name": figures["census_name"], **{c: figures[c] for c in CENSUS_FIGURES}}
               if figures is not None else {}),
        })
    table = pd.DataFrame(rows).set_index("district_id").reindex(columns=CENSUS_DISTRICT_COLUMNS[:-4])
    return table.join(_ranks(table, ids["state_name"])).reindex(columns=CENSUS_DISTRICT_COLUMNS)


def census_lines(table: pd.DataFrame, lgd_ids) -> list[str]:
    """What the Census 2011 layers cover, as the data check and the README say it."""
    counts = coverage(table, lgd_ids)
    own = table.loc[(table["basis"] == "own") & table.index.isin(list(lgd_ids)), "st_pct"].astype(float)
    low, high = TRIBAL_SHARES
    return [f"Census 2011 (data/census/census2011_districts.csv): {counts['own']} of {sum(counts.values())} LGD "
            f"districts have figures of their own; {counts['parent']} created since 2011 show their one parent "
            f"district's figures, labelled as such; {counts['none']} have none (carved from several districts, or "
            f"no parent recorded). Tribal overlay: {int((own >= high).sum())} districts with Scheduled Tribes "
            f"{high:.0f}% or more, {int(((own >= low) & (own < high)).sum())} with {low:.0f}-{high:.0f}%."]


def coverage(table: pd.DataFrame, lgd_ids) -> dict[str, int]:
    """LGD districts with their own Census 2011 figures, with a parent's, and with none."""
    basis = table["basis"].reindex(list(lgd_ids)).fillna("none")
    return {key: int((basis == key).sum()) for key in ("own", "parent", "none")}
