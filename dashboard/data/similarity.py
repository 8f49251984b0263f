"""What "districts like this one" compares, per district, built once when the atlas loads.

The formula that uses these features is in ``dashboard/queries/similar.py`` and docs/similar-districts.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Words that say nothing about what a product is ("Handmade carpet" and "Carpet products" share "carpet").
GENERIC_WORDS = {
    "product", "item", "work", "made", "handmade", "based", "with", "from", "and", "the", "for", "other", "allied",
    "processed", "processing", "good", "industry", "local", "traditional", "variety", "district", "hand", "art",
    "related", "craft", "handicraft", "manufacturing", "unit", "value", "addition", "added", "all", "its", "type",
}


def product_words(name: str) -> set[str]:
    """The words of a product name that say what it is: lower case, three letters or more, a plural's "s" dropped
    ("Carpets" -> "carpet"), generic words left out."""
    words = {w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
             for w in re.findall(r"[a-z]{3,}", str(name).lower())}
    return words - GENERIC_WORDS


@dataclass(frozen=True)
class Profiles:
    """Every LGD district's comparable facts, rows in the order of ``ids``."""

    ids: pd.Index                 # district_id of each row
    sectors: np.ndarray           # bool, district x ODOP sector of the national list
    sector_names: tuple[str, ...]
    words: np.ndarray             # bool, district x word of its product names (``product_words``)
    word_names: tuple[str, ...]
    export_shares: np.ndarray     # each district's exports by export sector, as shares (rows of zeros: none)
    export_names: tuple[str, ...]
    household: np.ndarray         # household-industry % of workers (own Census 2011 figures; NaN without)
    seaport_km: np.ndarray        # to the nearest cargo seaport (NaN: unknown)
    airport_km: np.ndarray


def district_profiles(ids: pd.Index, products: pd.DataFrame, exports: pd.DataFrame, census: pd.DataFrame,
                      logistics: pd.DataFrame, sectors: tuple[str, ...]) -> Profiles:
    """The profile of each district of ``ids`` from the national list's products, DGCI&S exports, Census 2011
    and the distances table."""
    present = products.assign(present=True).pivot_table(index="district_id", columns="sector", values="present",
                                                        aggfunc="any", fill_value=False)
    sector_matrix = present.reindex(index=ids, columns=list(sectors), fill_value=False).fillna(False).to_numpy(bool)
    words = products.assign(word=products["product"].map(lambda name: sorted(product_words(name)))).explode("word")
    words = pd.crosstab(words["district_id"], words["word"]).reindex(index=ids, fill_value=0).fillna(0) > 0
    usd = exports.pivot_table(index="district_id", columns="export_sector", values="export_usd", aggfunc="sum",
                              fill_value=0.0).reindex(index=ids, fill_value=0.0).fillna(0.0)
    totals = usd.sum(axis=1).to_numpy()[:, None]
    shares = np.divide(usd.to_numpy(), totals, out=np.zeros(usd.shape), where=totals > 0)
    own = census[census["basis"] == "own"]["household_industry_pct"].astype(float)
    places = logistics.reindex(ids)
    return Profiles(ids, sector_matrix, tuple(sectors), words.to_numpy(bool), tuple(words.columns), shares,
                    tuple(usd.columns),
                    own.reindex(ids).to_numpy(float), places["seaport_km"].to_numpy(float),
                    places["airport_km"].to_numpy(float))
