"""Districts side by side: the facts of two to four districts as one table (pure: details in, frame out)."""

from __future__ import annotations

import pandas as pd

from .investor import usd_text
from .queries import DistrictDetail


def _join(values) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if str(v))) or "none recorded"


def _facts(detail: DistrictDetail) -> dict[str, str]:
    products = detail.products
    links = detail.connectivity
    exports = detail.exports
    schemes = detail.schemes.drop_duplicates("scheme_id")
    return {
        "State": detail.state,
        "Products (this list)": _join(products["product"]),
        "Sectors": _join(products["sector"]),
        "GI-tagged (official)": _join(products.loc[products["gi_status"] == "yes", "product"]),
        "Clusters": _join(detail.clusters["cluster_name"]) if not detail.clusters.empty else "none recorded",
        "Parks in or within 100 km": _join(f"{f.facility_name} ({'in' if f.inside else f'{f.km:.0f} km'})"
                                            for f in detail.facilities.itertuples(index=False)),
        "Schemes that can apply": f"{len(schemes)}: " + _join(schemes["scheme"].str.split(" \\(").str[0]),
        "Exports FY2024-25": (f"{usd_text(exports.total_usd)} (top: {exports.top.iloc[0]['label']})" if exports
                              else "no recorded exports"),
        "Nearest airport": f"{links.airport[0]} ({links.airport[1]}), {links.airport[2]:.0f} km" if links else "",
        "Nearest seaport": f"{links.seaport[0]} ({links.seaport[1]}), {links.seaport[2]:.0f} km" if links else "",
        "Nearest railway station": f"{links.station[0]} ({links.station[1]}), {links.station[2]:.0f} km"
        if links else "",
        "Aspirational District": "yes" if detail.aspirational else "no",
    }


def compare_table(details: list[DistrictDetail]) -> pd.DataFrame:
    """One row per fact, one column per district (named "District, State")."""
    if not details:
        return pd.DataFrame(columns=["fact"])
    columns = {f"{d.name}, {d.state}" if d.state else d.name: _facts(d) for d in details}
    table = pd.DataFrame(columns)
    return table.rename_axis("fact").reset_index()
