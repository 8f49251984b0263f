"""Districts side by side: every section's facts of two to four districts as one table (details in, frame out)."""

from __future__ import annotations

import pandas as pd

from dashboard.panels import district_facts
from dashboard.queries import DistrictDetail
from dashboard.text import t


def compare_table(details: list[DistrictDetail]) -> pd.DataFrame:
    """One row per fact (its label in ``fact``), one column per district (named "District, State")."""
    if not details:
        return pd.DataFrame(columns=["fact"])
    columns = {f"{d.name}, {d.state}" if d.state else d.name: district_facts(d) for d in details}
    table = pd.DataFrame(columns)
    table.index = [t(f"fact.{key}") for key in table.index]
    return table.rename_axis("fact").reset_index()
