"""The Hindi names of states and districts (``names/*.csv``, built by ``dashboard/build/names.py``), by the
atlas's state names and district ids."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

THIRD_PARTY_PREFIX = "third-party"  # the source of a Hindi district name that is not LGD's own
STATE_COLUMNS = ["state_name", "iso_code", "hindi_name", "source"]  # names/state_names_hi.csv
DISTRICT_COLUMNS = ["lgd_code", "state", "district", "hindi_name", "source"]  # names/district_names_hi.csv


@dataclass(frozen=True)
class HindiNames:
    """State name -> Hindi; district id -> Hindi; the district ids whose Hindi name a third party translated."""

    states: dict[str, str] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)
    translated: frozenset[str] = frozenset()

    def district(self, district_id: str) -> str:
        """The district's Hindi name, LGD's own or translated ('' when none is known): what search matches."""
        return self.districts.get(district_id, "")

    def own(self, district_id: str) -> str:
        """LGD's own Hindi name of the district ('' when LGD gives none): the only one shown as its name."""
        return "" if district_id in self.translated else self.district(district_id)

    def translation(self, district_id: str) -> str:
        """The third party's Hindi translation of the district's name ('' if LGD gives its own, or none)."""
        return self.district(district_id) if district_id in self.translated else ""


def hindi_names(states: pd.DataFrame, districts: pd.DataFrame, polygons: pd.DataFrame) -> HindiNames:
    """Join the name tables to the polygons (by LGD code) and the atlas's state names."""
    by_code = districts.set_index("lgd_code")
    coded = polygons[polygons["lgd_code"].isin(by_code.index)]
    names = dict(zip(coded["district_id"], by_code.loc[coded["lgd_code"], "hindi_name"]))
    sources = dict(zip(coded["district_id"], by_code.loc[coded["lgd_code"], "source"]))
    return HindiNames(dict(zip(states["state_name"], states["hindi_name"])), names,
                      frozenset(d for d, s in sources.items() if s.startswith(THIRD_PARTY_PREFIX)))
