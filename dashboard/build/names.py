"""Build names/state_names_hi.csv and names/district_names_hi.csv: the Hindi names the interface shows.

- States and union territories: the ISO 3166-2 Hindi names shipped in the ``pycountry`` package (its ``iso3166-2``
  translations, version pinned in requirements.txt), with the reviewed fixes of names/state_name_fixes.csv (typos
  such as नोकोबार for निकोबार), each with its reason.
- Districts: LGD's own local-language name (``local`` in geo/raw/lgd_states_districts_20261002.json) where it is
  written in Devanagari and is Hindi; Maharashtra's are Marathi (नागपूर, धुळे) and are left out. For Uttar Pradesh,
  LGD's file carries a ``hi`` name that its compiler translated (``hiSource: translation``): kept, labelled as a
  third party's translation. Names are normalised (Unicode NFC, invisible joiners and stray spaces removed, ा+ै
  typed for ौ) but never respelt; no name is translated here.
"""

from __future__ import annotations

import gettext
import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pycountry

from dashboard.data.hindi import DISTRICT_COLUMNS, STATE_COLUMNS, THIRD_PARTY_PREFIX
from dashboard.data.importing import write_frame_atomically

LGD_FILE = "lgd_states_districts_20261002.json"
LGD_LOCAL = "LGD local-language name (lgd_states_districts_20261002.json)"
THIRD_PARTY = f"{THIRD_PARTY_PREFIX} translation in the LGD file (hiSource: translation), not LGD's own"
NOT_HINDI = {"Maharashtra"}  # LGD's local names there are Marathi


def _plain(name: str) -> str:
    """A name folded for matching: no accents, '&' as 'and', lower case."""
    folded = unicodedata.normalize("NFKD", name.replace("&", " and ")).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().split())


def is_devanagari(text: str) -> bool:
    """Every letter and mark of ``text`` is Devanagari (U+0900-U+097F)."""
    return all(0x0900 <= ord(c) <= 0x097F for c in text if unicodedata.category(c)[0] in "LM")


def tidy(name: str) -> str:
    """Unicode NFC, no zero-width joiners, ा+ै as ौ, no spaces inside brackets or around hyphens."""
    name = unicodedata.normalize("NFC", name).replace("\u200c", "").replace("\u200d", "")
    name = name.replace("\u093e\u0948", "\u094c")
    name = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", name))
    return " ".join(re.sub(r"\s*-\s*", "-", name).split())


def state_names(atlas_states: list[str], fixes: pd.DataFrame) -> pd.DataFrame:
    """Each atlas state's Hindi name from pycountry, fixed where ``fixes`` says why."""
    hindi = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["hi"]).gettext
    by_name = {_plain(s.name): s for s in pycountry.subdivisions.get(country_code="IN")}
    fixed = fixes.set_index("iso_code")
    rows = []
    for state in atlas_states:
        subdivision = by_name[_plain(state)]
        name = hindi(subdivision.name)
        source = f"pycountry {pycountry.__version__}, ISO 3166-2 Hindi translation"
        if subdivision.code in fixed.index:
            assert fixed.at[subdivision.code, "pycountry_hi"] == name, f"{subdivision.code}: pycountry changed"
            name = fixed.at[subdivision.code, "hindi_name"]
            source += f"; corrected: {fixed.at[subdivision.code, 'reason']}"
        rows.append({"state_name": state, "iso_code": subdivision.code, "hindi_name": name,
                     "source": " ".join(source.split())})
    return pd.DataFrame(rows, columns=STATE_COLUMNS)


def district_names(directory: dict) -> pd.DataFrame:
    """Every district's Hindi name where LGD's file gives one (see the module docstring)."""
    rows = []
    for state in directory["states"]:
        for district in state["districts"]:
            local, translated = district.get("local") or "", district.get("hi") or ""
            if local and is_devanagari(local) and state["name"] not in NOT_HINDI:
                name, source = local, LGD_LOCAL
            elif translated and is_devanagari(translated):
                name, source = translated, THIRD_PARTY
            else:
                continue
            rows.append({"lgd_code": str(district["code"]), "state": state["name"], "district": district["name"],
                         "hindi_name": tidy(name), "source": source})
    return pd.DataFrame(rows, columns=DISTRICT_COLUMNS)


def build_names(data_dir: Path, out_dir: Path, atlas_states: list[str]) -> list[str]:
    """Write both name tables under ``out_dir``; return the report lines."""
    fixes = pd.read_csv(data_dir / "names" / "state_name_fixes.csv", dtype=str, keep_default_na=False)
    states = state_names(atlas_states, fixes)
    directory = json.loads((data_dir / "geo" / "raw" / LGD_FILE).read_text(encoding="utf-8"))
    districts = district_names(directory)
    write_frame_atomically(out_dir / "names" / "state_names_hi.csv", states)
    write_frame_atomically(out_dir / "names" / "district_names_hi.csv", districts)
    third = int((districts["source"] == THIRD_PARTY).sum())
    return [f"names: {len(states)} states/UTs in Hindi ({len(fixes)} pycountry names corrected); "
            f"{len(districts)} districts with a Hindi name ({len(districts) - third} LGD's own, {third} a third "
            "party's translation)"]
