"""Build the investor layers from their raw sources: exports, logistics, facilities and GI links.

Called by ``scripts/build_data.py`` (which also imports the product lists); every table it
writes names its source per row, and every row that could not be placed is written with an
empty ``lgd_code`` and reported, never dropped.
"""

from __future__ import annotations

import csv
import importlib.metadata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from dashboard.build.places import district_of_points
from dashboard.data.derive import gi_links, name_words
from dashboard.data.importing import write_atomically
from dashboard.data.match import DistrictMatcher
from dashboard.data.names import name_key

RAW_EXPORTS = "dgcis_district_sector_exports_fy2024_25.csv"
EXPORTS_SOURCE = ("DGCI&S district-level exports FY2024-25 (Apr 2024-Mar 2025), aggregated to 22 HS sectors in "
                  "github.com/Tiru-Kaggundi/dist_complexity_analysis (MIT), commit 5fcb313")
EXPORT_COLUMNS = ["state", "district", "lgd_code", "match", "match_note", "sector", "export_usd", "export_inr",
                  "source"]


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """Write a derived table atomically, each cell as its text (``write_atomically``)."""
    write_atomically(path, frame.to_dict("records"), list(frame.columns))


def build_exports(data_dir: Path, out_dir: Path, matcher: DistrictMatcher) -> list[str]:
    """district_exports.csv: every DGCI&S row, placed on a polygon by name within state, or reported."""
    raw = pd.read_csv(data_dir / "exports" / "raw" / RAW_EXPORTS, dtype={"State": str, "District": str},
                      keep_default_na=False)
    places = {}
    for state, district in raw[["State", "District"]].drop_duplicates().itertuples(index=False):
        if "UNSPECIFIED" in (state.upper(), district.upper()):
            places[(state, district)] = ("", "unmatched", "DGCI&S names no district (UNSPECIFIED)")
            continue
        found = matcher.match_name(state, district)
        note = found.note if found.district_id else "no polygon: nearest " + (", ".join(found.candidates) or "none")
        places[(state, district)] = (found.district_id or "", found.method, note)
    placed = [places[(s, d)] for s, d in zip(raw["State"], raw["District"])]
    table = pd.DataFrame({"state": raw["State"], "district": raw["District"],
                          "lgd_code": [p[0] for p in placed], "match": [p[1] for p in placed],
                          "match_note": [p[2] for p in placed], "sector": raw["sector"],
                          "export_usd": raw["export_usd"], "export_inr": raw["export_inr"], "source": EXPORTS_SOURCE})
    write_csv(out_dir / "exports" / "district_exports.csv", table[EXPORT_COLUMNS])
    return export_report(table)


def export_report(table: pd.DataFrame) -> list[str]:
    """Share of export value placed on a polygon, and the ten largest rows that were not."""
    value = table["export_usd"].astype(float)
    placed = table["lgd_code"] != ""
    named = ~table["match_note"].str.startswith("DGCI&S names no district")
    lines = [f"exports: {len(table)} rows, USD {value.sum() / 1e9:.2f} bn; placed on a polygon: "
             f"{value[placed].sum() / value.sum():.2%} of all value, {value[placed].sum() / value[named].sum():.2%} "
             "of value with a named district"]
    unplaced = (table[~placed].assign(usd=value[~placed]).groupby(["state", "district", "match_note"])["usd"].sum()
                .sort_values(ascending=False).head(10))
    lines += [f"  unplaced: {s} / {d}: USD {usd / 1e6:,.1f} M ({note})" for (s, d, note), usd in unplaced.items()]
    return lines


def package_file(distribution: str, relative: str) -> Path:
    """A data file inside an installed registry package (located through its metadata, not imported)."""
    return Path(str(importlib.metadata.distribution(distribution).locate_file(relative)))


def airports_table() -> pd.DataFrame:
    """Airports in India with an IATA code, from the airportsdata package."""
    import airportsdata

    version = importlib.metadata.version("airportsdata")
    rows = [a for a in airportsdata.load("IATA").values() if a["country"] == "IN"]
    return pd.DataFrame({"code": [a["iata"] for a in rows], "name": [a["name"] for a in rows],
                         "city": [a["city"] for a in rows], "state": [a["subd"] for a in rows],
                         "lat": [a["lat"] for a in rows], "lon": [a["lon"] for a in rows],
                         "source": f"airportsdata {version} (MIT), airports with an IATA code"}).sort_values("code")




def build_airports(data_dir: Path, out_dir: Path, districts: gpd.GeoDataFrame) -> list[str]:
    """logistics/airports.csv: airports with an IATA code (airportsdata), each with the polygon it lies in."""
    airports = airports_table()
    write_csv(out_dir / "logistics" / "airports.csv",
              airports.assign(district_id=district_of_points(districts, airports["lon"], airports["lat"],
                                                            within_km=12.0)))  # island airports on a simplified shore
    return [f"logistics: {len(airports)} airports"]


def post_offices() -> pd.DataFrame:
    """India Post offices with coordinates (bharatpin), keyed by area and district name."""
    rows = pd.read_csv(package_file("bharatpin", "bharatpin/data/pincodes.csv"), dtype=str, keep_default_na=False)
    rows = rows[(rows["latitude"] != "") & (rows["longitude"] != "")]
    return rows.assign(area_key=rows["area"].map(name_key), district_key=rows["district"].map(name_key))


def place_facility(row: dict, polygon, offices: pd.DataFrame, version: str) -> tuple[str, str, str]:
    """lat, lon and location method of a facility: the post office of the village its source names."""
    if not row["place"]:
        return "", "", "not placed: no published coordinates, PIN or village post office; listed in the panel"
    hits = offices[(offices["area_key"] == name_key(row["place"]))
                   & offices["district_key"].str.contains(name_key(row["district"]).split("(")[0][:6], regex=False)]
    for office in hits.itertuples(index=False):
        point = shapely.Point(float(office.longitude), float(office.latitude))
        if polygon is not None and polygon.buffer(0.02).contains(point):
            return (office.latitude, office.longitude,
                    f"post office {office.officename} (PIN {office.pincode}) of the village the source names, "
                    f"bharatpin {version}; approximate")
    return "", "", f"not placed: no post office named {row['place']!r} inside the district"


def build_facilities(data_dir: Path, out_dir: Path, districts: gpd.GeoDataFrame, matcher: DistrictMatcher
                     ) -> list[str]:
    """infrastructure.csv: the sourced PM MITRA parks and Mega Food Parks, placed where a village is named."""
    with (data_dir / "facilities" / "raw" / "facilities_sourced.csv").open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    offices = post_offices()
    version = importlib.metadata.version("bharatpin")
    polygons = dict(zip(districts["district_id"], districts.geometry))
    rows = []
    for row in raw:
        did = matcher.match_name(row["state"], row["district"]).district_id
        lat, lon, method = place_facility(row, polygons.get(did), offices, version)
        rows.append({"facility_name": row["facility_name"], "kind": row["kind"], "status": row["status"],
                     "status_date": row["status_date"], "state": row["state"], "district": row["district"],
                     "site": row["site"], "lat": lat, "lon": lon, "location_method": method,
                     "source": row["source"], "source_note": row["source_note"]})
    write_csv(out_dir / "odop" / "infrastructure.csv", pd.DataFrame(rows))
    return [f"facilities: {len(rows)} rows, {sum(bool(r['lat']) for r in rows)} placed from a village post office"]


def build_gi_links(data_dir: Path, out_dir: Path, products: pd.DataFrame, districts: gpd.GeoDataFrame) -> list[str]:
    """gi_links.csv: products linked by name (within the state) to registered GIs."""
    raw = pd.read_csv(data_dir / "gi" / "raw" / "gi_registered_india.csv", dtype=str, keep_default_na=False)
    state_columns = [c for c in raw.columns if c.startswith("State")]
    gis = pd.DataFrame({"gi_name": raw["Geographical Indications"].str.strip(),
                        "goods_class": raw["Goods"].map(goods_class),
                        "states": [tuple(v for v in r if v) for r in raw[state_columns].itertuples(index=False)]})
    state_words = set().union(*(name_words(s) for s in districts["state_name"].unique() if s))
    names = districts.set_index("district_id")["district_name"]
    placed = products[products["lgd_code"] != ""]
    links = gi_links(placed.assign(district_id=placed["lgd_code"], district=placed["lgd_code"].map(names)), gis,
                     state_words)
    links["source"] = ("registered GIs: github.com/vrobbin3247/Visualizing-India-s-Geographical-Indications "
                       "(commit 5ff296c), compiled from the GI Registry's list; linked by name (ours)")
    write_csv(out_dir / "gi" / "gi_links.csv", links)
    national = placed[placed["programme"] == "DPIIT ODOP"]
    yes = national[national["gi_tagged"] == "yes"]
    linked = set(zip(links["district_id"], links["product"]))
    matched = sum((d, p) in linked for d, p in zip(yes["lgd_code"], yes["product"]))
    return [f"GI links: {len(links)} product-GI links; national list products with GI status Yes that found a "
            f"registry match by name: {matched} of {len(yes)}"]


GOODS_CLASSES = {"handicraft": "Handicraft", "handicrafts": "Handicraft", "agricultural": "Agricultural",
                 "agriculture": "Agricultural", "food stuff": "Food Stuff", "manufactured": "Manufactured",
                 "natural": "Natural Goods", "natural goods": "Natural Goods"}


def goods_class(text: str) -> str:
    """The GI registry's goods class in one spelling."""
    return GOODS_CLASSES.get(" ".join(str(text).lower().split()), str(text).strip())


ASPIRATIONAL_SOURCE = ("NITI Aayog, List of 112 Aspirational Districts (July 2023), as transcribed in "
                       "github.com/IRajeev50/vervana-price-intelligence (data/seed/aspirational_districts.csv, "
                       "commit a745728)")


def build_aspirational(data_dir: Path, out_dir: Path, matcher: DistrictMatcher) -> list[str]:
    """aspirational_districts.csv: the 112 districts, each placed by name within its state or reported."""
    raw = pd.read_csv(data_dir / "aspirational" / "raw" / "niti_aspirational_districts_112.csv", dtype=str,
                      keep_default_na=False)
    rows = []
    for sno, state, district in raw[["sno", "state", "district"]].itertuples(index=False):
        found = matcher.match_name(state, district)
        note = found.note if found.district_id else "no polygon: nearest " + (", ".join(found.candidates) or "none")
        rows.append({"sno": sno, "state": state, "district": district, "lgd_code": found.district_id or "",
                     "match": found.method, "match_note": note, "source": ASPIRATIONAL_SOURCE})
    table = pd.DataFrame(rows)
    write_csv(out_dir / "aspirational" / "aspirational_districts.csv", table)
    placed = table[table["lgd_code"] != ""]
    return [f"aspirational districts: {len(placed)} of {len(table)} placed on a polygon "
            f"({placed['lgd_code'].nunique()} distinct); unplaced: "
            + (", ".join(f"{r.district} ({r.state})" for r in table[table['lgd_code'] == ''].itertuples()) or "none")]
