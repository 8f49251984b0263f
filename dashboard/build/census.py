"""Build census/census2011_districts.csv from the Census 2011 Primary Census Abstract kept in census/raw.

One row per Census 2011 district (640): its Census 2011 code, the counts this atlas uses, and the shares worked out
from them. The counts are the workbook's own figures (district level, Total of rural and urban), unchanged; the
shares are computed here, once, so the app and its tests read the same numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.importing import write_frame_atomically

RAW_CENSUS = "census2011_pca_DDW_PCA0000_2011_Indiastatedist.xlsx"
CENSUS_SOURCE = ("Census of India 2011, Primary Census Abstract, DDW_PCA0000_2011_Indiastatedist.xlsx "
                 "(censusindia.gov.in): district rows, Total")
CENSUS_COLUMNS = ["census2011_code", "census_state", "census_name", "population", "scheduled_tribes",
                  "scheduled_castes", "population_7_plus", "literates", "workers", "household_industry_workers",
                  "cultivators", "agricultural_labourers", "st_pct", "sc_pct", "literacy_pct",
                  "household_industry_pct", "cultivators_pct", "agricultural_labourers_pct", "source"]


def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (100 * part / whole).round(2)


def census_table(workbook: pd.DataFrame) -> pd.DataFrame:
    """The district rows of the Primary Census Abstract with the counts and shares the atlas shows.

    Literacy is the Census's own definition: literates as a share of the population aged seven and above;
    household industry counts main and marginal workers, as a share of all workers.
    """
    states = workbook[(workbook["Level"] == "STATE") & (workbook["TRU"] == "Total")].set_index("State")["Name"]
    rows = workbook[(workbook["Level"] == "DISTRICT") & (workbook["TRU"] == "Total")]
    table = pd.DataFrame({
        "census2011_code": rows["District"],
        "census_state": rows["State"].map(states).str.title(),
        "census_name": rows["Name"].map(lambda name: " ".join(str(name).split())),  # one has a line break
        "population": rows["TOT_P"],
        "scheduled_tribes": rows["P_ST"],
        "scheduled_castes": rows["P_SC"],
        "population_7_plus": rows["TOT_P"] - rows["P_06"],
        "literates": rows["P_LIT"],
        "workers": rows["TOT_WORK_P"],
        "household_industry_workers": rows["MAIN_HH_P"] + rows["MARG_HH_P"],
        "cultivators": rows["MAIN_CL_P"] + rows["MARG_CL_P"],
        "agricultural_labourers": rows["MAIN_AL_P"] + rows["MARG_AL_P"],
    })
    table = table.assign(
        st_pct=_pct(table["scheduled_tribes"], table["population"]),
        sc_pct=_pct(table["scheduled_castes"], table["population"]),
        literacy_pct=_pct(table["literates"], table["population_7_plus"]),
        household_industry_pct=_pct(table["household_industry_workers"], table["workers"]),
        cultivators_pct=_pct(table["cultivators"], table["workers"]),
        agricultural_labourers_pct=_pct(table["agricultural_labourers"], table["workers"]),
        source=CENSUS_SOURCE,
    )
    return table[CENSUS_COLUMNS].sort_values("census2011_code").reset_index(drop=True)


def read_workbook(path: Path) -> pd.DataFrame:
    """The Primary Census Abstract workbook, codes kept as text ("001")."""
    return pd.read_excel(path, dtype={"State": str, "District": str})


def build_census(data_dir: Path, out_dir: Path) -> list[str]:
    """census/census2011_districts.csv from the raw workbook; returns the report lines."""
    table = census_table(read_workbook(data_dir / "census" / "raw" / RAW_CENSUS))
    out = out_dir / "census" / "census2011_districts.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_frame_atomically(out, table)
    return [f"census: {len(table)} Census 2011 districts, population {table['population'].sum():,} "
            f"(wrote {out})"]
