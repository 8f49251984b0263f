"""Districts like this one: the districts most similar to a chosen one, each with the reasons in words.

Score (0..1) = 0.20 x sectors + 0.20 x products + 0.25 x exports + 0.20 x household industry + 0.15 x access,
where
- sectors: the share of ODOP sectors the two have in common (Jaccard: common / either), national list;
- products: the same for the words of their product names ("Handmade carpet of Bhadohi" and "Carpets": carpet),
  generic words ("products", "handmade", place names are not removed) left out;
- exports: the cosine of their DGCI&S export mixes (shares by export sector); 0 if either has none recorded;
- household industry: 1 - |difference of the Census 2011 shares| / 5 percentage points, floored at 0;
  0 if either has no Census 2011 figures of its own;
- access: the mean, over the nearest cargo seaport and airport, of 1 - |ln((1 + a km) / (1 + b km))| / ln 3,
  floored at 0 (equal distances score 1; one three times the other, about 0).
Ties are broken by district name, so the answer is the same every time. docs/similar-districts.md explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.data.atlas import Atlas
from dashboard.data.similarity import Profiles
from dashboard.text import t

WEIGHTS = {"sectors": 0.20, "products": 0.20, "exports": 0.25, "household": 0.20, "access": 0.15}
HOUSEHOLD_SPAN = 5.0        # percentage points at which household-industry shares count as unlike
ACCESS_RATIO = 3.0          # a distance this many times the other's counts as unlike
REASON_AT = {"exports": 0.8, "household": 0.6, "access": 0.7}  # a component is named as a reason from here
SHOWN = 5


@dataclass(frozen=True)
class Match:
    """One similar district: who, how similar (0..1), and why, in words."""

    district_id: str
    name: str
    state: str
    lgd_code: str
    score: float
    reasons: tuple[str, ...]


def _jaccard(matrix: np.ndarray, i: int) -> np.ndarray:
    common = (matrix & matrix[i]).sum(axis=1)
    either = (matrix | matrix[i]).sum(axis=1)
    return np.divide(common, either, out=np.zeros(len(common)), where=either > 0)


def _components(p: Profiles, i: int) -> dict[str, np.ndarray]:
    """Each component's similarity of district ``i`` to every district (0..1)."""
    norms = np.linalg.norm(p.export_shares, axis=1)
    dot = p.export_shares @ p.export_shares[i]
    cosine = np.divide(dot, norms * norms[i], out=np.zeros(len(dot)), where=norms * norms[i] > 0)
    household = np.nan_to_num(1 - np.abs(p.household - p.household[i]) / HOUSEHOLD_SPAN, nan=0.0).clip(0, 1)
    access = np.mean([np.nan_to_num(1 - np.abs(np.log1p(km) - np.log1p(km[i])) / np.log(ACCESS_RATIO), nan=0.0)
                      .clip(0, 1) for km in (p.seaport_km, p.airport_km)], axis=0)
    return {"sectors": _jaccard(p.sectors, i), "products": _jaccard(p.words, i), "exports": cosine, "household": household, "access": access}


def _reasons(p: Profiles, i: int, j: int, parts: dict[str, np.ndarray], labels: dict[str, str]
             ) -> tuple[str, ...]:
    """The words for why district ``j`` is like district ``i`` (``labels``: export sector -> its name)."""
    words = [word for word, a, b in zip(p.word_names, p.words[i], p.words[j]) if a and b]
    reasons = [t("similar.product_words", words=", ".join(words))] if words else []
    shared = [name for name, a, b in zip(p.sector_names, p.sectors[i], p.sectors[j]) if a and b]
    if shared:
        key = "similar.same_sectors" if parts["sectors"][j] == 1 else "similar.shared_sectors"
        reasons.append(t(key, sectors=", ".join(shared)))
    if parts["exports"][j] >= REASON_AT["exports"]:  # both have exports recorded
        top_i = np.argmax(p.export_shares[i])
        same_top = top_i == np.argmax(p.export_shares[j])
        reasons.append(t("similar.exports_top", sector=labels.get(p.export_names[top_i], p.export_names[top_i])) if same_top else t("similar.exports"))
    if parts["household"][j] >= REASON_AT["household"]:
        reasons.append(t("similar.household", a=p.household[i], b=p.household[j]))
    if parts["access"][j] >= REASON_AT["access"]:
        reasons.append(t("similar.access", port_a=p.seaport_km[i], port_b=p.seaport_km[j],
                         air_a=p.airport_km[i], air_b=p.airport_km[j]))
    return tuple(reasons) or (t("similar.overall"),)


def similar_districts(atlas: Atlas, district_id: str | None, count: int = SHOWN) -> list[Match]:
    """The ``count`` LGD districts most like ``district_id`` (none for an unknown district or area)."""
    p = atlas.profiles
    if district_id not in p.ids:
        return []
    i = p.ids.get_loc(district_id)
    parts = _components(p, i)
    score = sum(WEIGHTS[key] * parts[key] for key in WEIGHTS)
    labels = dict(zip(atlas.investor.export_sectors["export_sector"], atlas.investor.export_sectors["label"]))
    names = atlas.by_id.loc[p.ids, ["district_name", "state_name", "lgd_code"]]
    order = [j for j in np.lexsort((names["district_name"].to_numpy(), -np.round(score, 6))) if j != i]
    return [Match(p.ids[j], names.iloc[j]["district_name"], names.iloc[j]["state_name"], names.iloc[j]["lgd_code"],
                  float(score[j]), _reasons(p, i, j, parts, labels)) for j in order[:count]]
