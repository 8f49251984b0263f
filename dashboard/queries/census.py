"""Census 2011 queries: the tribal districts, a district's people-and-work figures, and "districts like this one"."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.data.atlas import Atlas
from dashboard.data.vocabulary import CENSUS_FIGURES

RANK_COLUMNS = ("hh_rank_state", "hh_state_count", "hh_rank_india", "hh_india_count")



def tribal_districts(atlas: Atlas, low: float, high: float | None = None) -> tuple[str, ...]:
    """Districts whose own Census 2011 Scheduled Tribe share is at least ``low`` % (and under ``high`` %)."""
    census = atlas.census[atlas.census["basis"] == "own"]
    share = census["st_pct"].astype(float)
    chosen = (share >= low) & (share < high if high is not None else True)
    return tuple(sorted(census.index[chosen]))


@dataclass(frozen=True)
class People:
    """A district's Census 2011 figures and whose they are: its own ("own"), its one parent district's as it was
    in 2011 ("parent"), or none ("none", ``parents`` naming the districts it was carved out of where known)."""

    basis: str
    parent_name: str
    parent_lgd: str
    parents: str
    figures: dict[str, float]   # CENSUS_FIGURES -> value (empty for "none")
    ranks: dict[str, int]       # hh_rank_state, hh_state_count, hh_rank_india, hh_india_count (own figures only)


def people_of(atlas: Atlas, district_id: str) -> People | None:
    """The district's Census 2011 figures with their basis, or ``None`` for an area without a row."""
    if district_id not in atlas.census.index:
        return None
    row = atlas.census.loc[district_id]
    lgd = atlas.by_id["lgd_code"]
    parent = row["parent_id"] if isinstance(row["parent_id"], str) else ""
    figures = {} if row["basis"] == "none" else {c: float(row[c]) for c in CENSUS_FIGURES}
    ranks = {c: int(row[c]) for c in RANK_COLUMNS} if row["basis"] == "own" else {}
    return People(row["basis"], row["parent_name"] or "", lgd.get(parent, "") if parent else "",
                  row["parents"] or "", figures, ranks)
