"""Match named districts (from products, clusters, facilities) to boundary polygons."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pandas as pd

from .names import name_key, state_key
from .products import Alias


def lgd_key(code: str) -> str:
    """LGD codes compare as numbers: '086' and '86' are the same district."""
    return code.strip().lstrip("0") or "0"


@dataclass(frozen=True)
class Match:
    """Where a name landed: a ``district_id`` and how it was found, or candidates if it did not."""

    district_id: str | None
    method: str
    candidates: tuple[str, ...] = ()
    note: str = ""


@dataclass
class UnmatchedName:
    """A district name from an input row that matched no polygon."""

    file: str
    line: int
    state: str
    district: str
    what: str
    candidates: tuple[str, ...]


@dataclass
class DistrictMatcher:
    """Resolves (state, district name, optional LGD code) to a district_id.

    Order: LGD code, then normalised name within the state, then the curated alias
    table, then a name that is unique in the whole country (a district moved between
    states, e.g. Leh to Ladakh). Everything else is unmatched, with nearest candidates.
    """

    districts: pd.DataFrame
    aliases: list[Alias] = field(default_factory=list)

    def __post_init__(self) -> None:
        named = self.districts[self.districts["district"] != ""]
        self._by_lgd = {lgd_key(code): did for code, did in zip(named["dist_lgd"], named["district_id"]) if code.isdigit()}
        self._by_name = {(s, d): did for s, d, did in zip(named["state_key"], named["district_key"], named["district_id"])}
        counts = named["district_key"].value_counts()
        self._unique_name = {d: did for d, did in zip(named["district_key"], named["district_id"]) if counts[d] == 1}
        self._alias = {(a.state_key, a.alias_key): a for a in self.aliases}
        self._labels = dict(zip(named["district_id"], named["district_name"] + " (" + named["state_name"] + ")"))
        self._keys = dict(zip(named["district_id"], named["district_key"]))
        self._names_in_state: dict[str, dict[str, str]] = {}
        for s, d, did in zip(named["state_key"], named["district_key"], named["district_id"]):
            self._names_in_state.setdefault(s, {})[d] = did

    def match(self, state: str, district: str, lgd_code: str = "") -> Match:
        """Find the polygon for one district name."""
        skey, dkey = state_key(state), name_key(district)
        if lgd_code:
            did = self._by_lgd.get(lgd_key(lgd_code))
            if did is not None:
                named = self._by_name.get((skey, dkey)) or self._by_name.get(
                    (skey, getattr(self._alias.get((skey, dkey)), "district_key", None)))
                if named is not None and named != did or named is None and dkey != self._keys[did]:
                    return Match(did, "lgd", note=f"lgd_code {lgd_code} is {self._labels[did]} in the boundary file, "
                                                  f"not {district!r}; matched by code")
                return Match(did, "lgd")
        did = self._by_name.get((skey, dkey))
        if did is not None:
            note = f"lgd_code {lgd_code} not in boundary file; matched by name" if lgd_code else ""
            return Match(did, "name", note=note)
        alias = self._alias.get((skey, dkey))
        if alias is not None and (skey, alias.district_key) in self._by_name:
            return Match(self._by_name[(skey, alias.district_key)], "alias", note=alias.reason)
        did = self._unique_name.get(dkey)
        if did is not None:
            return Match(did, "name in another state", note=f"listed under {state}, boundary file has {self._labels[did]}")
        return Match(None, "unmatched", candidates=self.candidates(skey, dkey))

    def candidates(self, skey: str, dkey: str, limit: int = 3) -> tuple[str, ...]:
        """Nearest district names, within the state when it is known, else nationwide."""
        pool = self._names_in_state.get(skey) or {k: v for (_, k), v in self._by_name.items()}
        close = difflib.get_close_matches(dkey, list(pool), n=limit, cutoff=0.6)
        return tuple(self._labels[pool[key]] for key in close)

    def label(self, district_id: str) -> str:
        """'Varanasi (Uttar Pradesh)' for a district_id."""
        return self._labels.get(district_id, district_id)
