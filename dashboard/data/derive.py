"""Derived tables computed once, at data-build time: nearest places, coastal ports, GI name links.

Pure functions over frames and arrays (used by ``scripts/build_data.py``); nothing here runs
per request.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import shapely

from dashboard.data.names import name_key, state_key

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle ("straight-line") distance in km; arguments broadcast like numpy arrays."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(a, dtype=float)) for a in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def representative_points(geometry) -> tuple[np.ndarray, np.ndarray]:
    """A point guaranteed inside each polygon (not the centroid, which can fall outside): (lat, lon)."""
    points = shapely.point_on_surface(np.asarray(geometry))
    return shapely.get_y(points), shapely.get_x(points)


# Words too common in product and GI names to link them on their own.
GI_STOPWORDS = {
    "products", "product", "craft", "crafts", "handicraft", "handicrafts", "handloom", "handlooms", "items", "item",
    "work", "works", "made", "based", "with", "from", "and", "the", "its", "for", "of", "other", "allied",
    "processed", "processing", "fabric", "fabrics", "textile", "textiles", "goods", "industry", "local",
    "traditional", "variety", "organic", "district", "india", "indian", "logo", "hand", "art", "arts",
    "tourism", "manufacturing", "saree", "sarees", "silk", "cotton", "weaving", "painting", "paintings", "food",
}
MIN_LINK_SCORE = 0.5


def name_words(text: str, drop: set[str] = frozenset()) -> set[str]:
    """Lower-case ASCII words of at least three letters, without generic words and ``drop``."""
    words = re.findall(r"[a-z]+", " ".join(name_key(w) for w in re.split(r"[^\w]+", str(text))))
    return {w for w in words if len(w) >= 3 and w not in GI_STOPWORDS and w not in drop}


def _best_links(words: set[str], candidates: list[tuple[str, str, set[str]]]) -> list[tuple[str, str, set[str], float]]:
    scored = [(name, goods, words & gi_words, len(words & gi_words) / len(words | gi_words))
              for name, goods, gi_words in candidates if words & gi_words]
    best = max((score for *_, score in scored), default=0.0)
    return [link for link in scored if link[3] == best and best >= MIN_LINK_SCORE]


def gi_links(products: pd.DataFrame, gis: pd.DataFrame, state_words: set[str]) -> pd.DataFrame:
    """For each product, the registered GI(s) of its state whose name is most like the product's.

    ``products``: programme, district_id, district, state, product; ``gis``: gi_name,
    goods_class, states (a tuple). Names are compared as sets of words, generic words
    ("products", "craft") and state names dropped, the product's district name added (a GI
    named after the district: "Malda ... Mango"). A link needs a word overlap (Jaccard) of at
    least ``MIN_LINK_SCORE`` and only the best-scoring GI(s) are kept. It is a name match,
    not an official mapping; ``basis`` gives the shared words and the score.
    """
    by_state: dict[str, list[tuple[str, str, set[str]]]] = {}
    for name, goods, states in zip(gis["gi_name"], gis["goods_class"], gis["states"]):
        for state in states:
            by_state.setdefault(state_key(state), []).append((name, goods, name_words(name, state_words)))
    records = []
    for row in products.itertuples(index=False):
        words = name_words(row.product, state_words)
        district = name_words(row.district, state_words)
        for name, goods, shared, score in _best_links(words | district, by_state.get(state_key(row.state), [])):
            if shared & words:
                records.append({"programme": row.programme, "district_id": row.district_id, "product": row.product,
                                "gi_name": name, "goods_class": goods,
                                "basis": f"shared words: {', '.join(sorted(shared))} (overlap {score:.2f})"})
    return pd.DataFrame(records, columns=["programme", "district_id", "product", "gi_name", "goods_class", "basis"])
