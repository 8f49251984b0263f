"""Investor queries: what a district exports, how far its ports are, what facilities are near, where to look.

Pure functions of the atlas (no Dash). Distances to ports, airports, depots and stations are straight-line
("great-circle") km from the district itself (0 inside it, else to its boundary), computed at data-build time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.data.derive import haversine_km
from dashboard.text import t

SEAPORT_DISTANCES = ("50", "100", "200", "300")  # km choices of the "within N km of a seaport" filter
NEAR_KM = 100          # a facility this close to a district's point counts as "near"
USD_PER_CRORE_INR = 1e7  # ₹1 crore = 10^7 rupees
EXPORT_BINS = (1e6, 1e7, 1e8, 1e9)
EXPORT_CLASSES = ("under_1m", "1m_10m", "10m_100m", "100m_1b", "over_1b")  # texts: exports.class.<key>


def export_labels() -> list[str]:
    """The legend labels of the export classes."""
    return [t(f"exports.class.{key}") for key in EXPORT_CLASSES]


def mapped_export_sectors(atlas: Atlas, products: pd.DataFrame) -> dict[str, set[str]]:
    """Export sectors of each product: its own row in product_map.csv, else its sector's rows in sector_map.csv."""
    by_product = atlas.investor.product_map.groupby("product")["export_sector"].apply(set).to_dict()
    sector_map = atlas.investor.sector_map
    by_sector = sector_map[sector_map["export_sector"] != ""].groupby("odop_sector")["export_sector"].apply(set)
    return {p: by_product.get(p) or by_sector.get(s, set()) for p, s in zip(products["product"], products["sector"])}


def sector_export_sectors(atlas: Atlas, sectors: tuple[str, ...]) -> set[str] | None:
    """Export sectors matching the chosen ODOP sectors (``None``: no sector chosen, all exports count)."""
    if not sectors:
        return None
    rows = atlas.investor.sector_map
    return set(rows.loc[rows["odop_sector"].isin(sectors) & (rows["export_sector"] != ""), "export_sector"])


def export_scope(atlas: Atlas, sectors: tuple[str, ...]) -> str:
    """What the exports colour mode counts, in words: all exports, or the export sectors of the chosen sectors."""
    matching = sector_export_sectors(atlas, sectors)
    if matching is None:
        return t("exports.scope.all")
    labels = dict(zip(atlas.investor.export_sectors["export_sector"], atlas.investor.export_sectors["label"]))
    return t("exports.scope.of", sectors=", ".join(labels.get(s, s) for s in sorted(matching))) if matching \
        else t("exports.scope.none")


def exports_by_district(atlas: Atlas, export_sectors: set[str] | None = None) -> pd.Series:
    """USD exported per district_id, over all export sectors or only ``export_sectors``."""
    exports = atlas.investor.exports
    if export_sectors is not None:
        exports = exports[exports["export_sector"].isin(export_sectors)]
    return exports.groupby("district_id")["export_usd"].sum()


def export_class(usd: float | None) -> int:
    """0 for no recorded exports, then 1..5 for the log-scale bins of ``EXPORT_CLASSES``."""
    if usd is None or not np.isfinite(usd) or usd <= 0:
        return 0
    return 1 + int(np.searchsorted(EXPORT_BINS, usd, side="right"))


def usd_text(usd: float) -> str:
    """'$12.3M' / '$4.56B' style amounts."""
    return f"${usd / 1e9:,.2f}B" if usd >= 1e9 else f"${usd / 1e6:,.1f}M" if usd >= 1e5 else f"${usd:,.0f}"


@dataclass(frozen=True)
class ExportProfile:
    """A district's exports: total, top sectors with shares, and where its ODOP sectors stand."""

    total_usd: float
    total_inr_crore: float
    top: pd.DataFrame          # label, export_usd, share, rank
    odop_standing: list[str]   # one sentence per ODOP product sector


def export_profile(atlas: Atlas, district_id: str, products: pd.DataFrame) -> ExportProfile | None:
    """The district's export profile, or ``None`` when DGCI&S records no exports for it (not the same as zero)."""
    rows = atlas.investor.exports[atlas.investor.exports["district_id"] == district_id]
    if rows.empty:
        return None
    labels = dict(zip(atlas.investor.export_sectors["export_sector"], atlas.investor.export_sectors["label"]))
    ranked = rows.sort_values("export_usd", ascending=False).reset_index(drop=True)
    total = float(ranked["export_usd"].sum())
    ranked = ranked.assign(label=ranked["export_sector"].map(lambda s: labels.get(s, s)),
                           share=ranked["export_usd"] / total, rank=np.arange(1, len(ranked) + 1))
    return ExportProfile(total, float(ranked["export_inr"].sum()) / USD_PER_CRORE_INR,
                         ranked.head(5)[["label", "export_usd", "share", "rank"]], _standing(atlas, ranked, products))


def _standing(atlas: Atlas, ranked: pd.DataFrame, products: pd.DataFrame) -> list[str]:
    """Where the export sectors of the district's ODOP products rank among its exports."""
    rank = dict(zip(ranked["export_sector"], ranked["rank"]))
    labels = dict(zip(ranked["export_sector"], ranked["label"]))
    lines = []
    for product, sectors in mapped_export_sectors(atlas, products).items():
        if not sectors:
            lines.append(t("exports.standing.no_fit", product=product))
            continue
        found = sorted((rank[s], labels[s]) for s in sectors if s in rank)
        lines.append(t("exports.standing.line", product=product, standing="; ".join(
            t("exports.standing.rank", sector=label, rank=r, of=len(ranked)) for r, label in found))
            if found else t("exports.standing.none", product=product))
    return lines


class Place(NamedTuple):
    """A nearest place: its name (a station's name carries its code), code, km (0 inside) and whether it lies in
    the district."""

    name: str
    code: str
    km: float
    inside: bool


@dataclass(frozen=True)
class Connectivity:
    """A district's nearest cargo seaport, major port, airport, inland container depot or freight station, and
    railway station (``None``: none, e.g. no railway on the islands), straight-line km to the district itself."""

    seaport: Place | None
    major_port: Place | None
    airport: Place | None
    depot: Place | None
    station: Place | None
    note: str  # "no railway" on the islands, and the build's notes


LOCODE = re.compile(r"^IN[A-Z0-9]{3}$")  # a place id that is a (checked) UN/LOCODE; others are the build's slugs


def _place(row: pd.Series, prefix: str, code: str = "") -> Place | None:
    km = row[f"{prefix}_km"]
    if not row[f"{prefix}_name"] or pd.isna(km):
        return None
    shown = row[code] if code and (prefix == "airport" or LOCODE.match(row[code])) else ""
    return Place(row[f"{prefix}_name"], shown, float(km), float(km) == 0)


def connectivity(atlas: Atlas, district_id: str) -> Connectivity | None:
    """The nearest places of a district (0 km inside it, else to its boundary), or ``None`` for an area without."""
    table = atlas.investor.logistics
    if district_id not in table.index:
        return None
    row = table.loc[district_id]
    return Connectivity(_place(row, "seaport", "seaport_id"), _place(row, "major_port", "major_port_id"),
                        _place(row, "airport", "airport_code"), _place(row, "depot", "depot_id"),
                        _place(row, "station"), "; ".join(filter(None, (row["rail_note"], row["notes"]))))


def nearby_facilities(atlas: Atlas, district_id: str, km: float = NEAR_KM) -> pd.DataFrame:
    """Facilities in the district (placed or not) and placed facilities within ``km`` of it (from a point inside
    the district), nearest first."""
    facilities = atlas.facilities
    points = atlas.district_facts
    inside = facilities["district_id"] == district_id
    distance = pd.Series(np.nan, index=facilities.index)
    if district_id in points.index:
        row = points.loc[district_id]
        distance = pd.Series(haversine_km(row["rep_lat"], row["rep_lon"], facilities["lat"], facilities["lon"]),
                             index=facilities.index)
    near = inside | (distance <= km)
    return facilities[near].assign(km=distance[near].round(0), inside=inside[near]).sort_values(
        ["inside", "km"], ascending=[False, True])


PORT_KINDS = ("cargo", "major")  # the seaport filter: any cargo port, or one of the 12 major ports


def seaport_filter(atlas: Atlas, rows: pd.DataFrame, within_km: str | None, port_kind: str = "cargo") -> pd.DataFrame:
    """Rows whose district has a cargo (or major) port inside it or within ``within_km`` km of its boundary."""
    if not within_km:
        return rows
    distance = atlas.investor.logistics["major_port_km" if port_kind == "major" else "seaport_km"]
    return rows[rows["district_id"].map(distance).le(float(within_km)).fillna(False).astype(bool)]


OPPORTUNITY_COLUMNS = ["district_id", "district", "state", "lgd_code", "census2011_code", "products", "sector_exports_usd", "exports_usd",
                       "seaport", "seaport_km", "major_port", "major_port_km", "airport", "airport_km", "station_km",
                       "household_industry_pct", "facilities", "schemes_count", "schemes"]


def opportunities(atlas: Atlas, rows: pd.DataFrame, sectors: tuple[str, ...],
                  schemes_of: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """One row per district with a product in ``rows``: products, exports in the matching export sectors, total
    exports, distances, facilities in or near, and the schemes that apply (no score: the columns are the facts)."""
    if rows.empty:
        return pd.DataFrame(columns=OPPORTUNITY_COLUMNS)
    grouped = rows.groupby("district_id").agg(district=("district", "first"), state=("state", "first"),
                                              lgd_code=("lgd_code", "first"),
                                              census2011_code=("census2011_code", "first"),
                                              products=("product", lambda p: "; ".join(dict.fromkeys(p))))
    matching = sector_export_sectors(atlas, sectors)
    grouped["sector_exports_usd"] = grouped.index.map(exports_by_district(atlas, matching)) if matching else np.nan
    grouped["exports_usd"] = grouped.index.map(exports_by_district(atlas))
    logistics = atlas.investor.logistics.reindex(grouped.index)
    grouped = grouped.assign(seaport=logistics["seaport_name"], seaport_km=logistics["seaport_km"],
                             major_port=logistics["major_port_name"], major_port_km=logistics["major_port_km"],
                             airport=logistics["airport_name"] + " (" + logistics["airport_code"] + ")",
                             airport_km=logistics["airport_km"], station_km=logistics["station_km"])
    own = atlas.census[atlas.census["basis"] == "own"]
    grouped["household_industry_pct"] = grouped.index.map(own["household_industry_pct"].astype(float))
    grouped["facilities"] = [", ".join(nearby_facilities(atlas, did)["facility_name"]) for did in grouped.index]
    schemes = [(schemes_of or {}).get(did, []) for did in grouped.index]
    grouped["schemes"] = [", ".join(names) for names in schemes]
    grouped["schemes_count"] = [len(names) for names in schemes]
    return grouped.reset_index()[OPPORTUNITY_COLUMNS].sort_values(["state", "district"]).reset_index(drop=True)
