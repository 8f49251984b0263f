"""Seaports, inland depots, and each district's nearest port, airport, depot and railway station.

Sources (raw copies in ``data/logistics/raw/``, described in ``shared/sources/SOURCES.md``):

- ``wpi_pub150_india_ports.csv``: India's 56 rows of the World Port Index (NGA Pub. 150), public domain;
- ``unlocode_india_geoapify_2023.json``: UN/LOCODE for India as packaged by geoapify/un-locode (MIT), 2023;
- ``railway_stations_datameet.geojson``: datameet/railways ``stations.json`` (CC0, 2016 list);
- ``data/logistics/airports.csv``: airports with an IATA code (airportsdata, MIT), kept as the airport list.

Distances: a place inside a district's polygon is 0 km ("in the district"); otherwise the distance is the
straight-line (great-circle) distance from the place to the nearest point of the district's *boundary*, not to
its centre. A port or airport within 5 km of exactly one coast (the boundaries are simplified to about 1 km, so
a pier can fall just offshore) is given to that district and counts as in it, 0 km.

Run ``python -m dashboard.build.places`` (or ``scripts/build_data.py``, which builds every table) to write ``ports.csv``, ``inland_depots.csv`` and
``district_places.csv`` in ``data/logistics/`` and print a report.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from dashboard.data.derive import haversine_km
from dashboard.data.importing import write_frame_atomically
from dashboard.data.names import name_key, state_key, title_case
from dashboard.settings import DEFAULT_DATA_DIR

RAW_WPI = "wpi_pub150_india_ports.csv"
RAW_UNLOCODE = "unlocode_india_geoapify_2023.json"
RAW_STATIONS = "railway_stations_datameet.geojson"

METRIC_CRS = "EPSG:7755"  # WGS 84 / India NSF LCC, metres; used to find nearest boundary points
SNAP_KM = 5.0  # a point this close to a polygon (and inside none) belongs to the nearest one
ISLAND_STATES = {"andamanandnicobarislands", "lakshadweep"}

WPI_SOURCE = "World Port Index (NGA Pub. 150), public domain; row {row}"
UNLOCODE_SOURCE = "UN/LOCODE via geoapify/un-locode (MIT), 2023; coordinates approximate"
STATIONS_SOURCE = "datameet/railways stations.json (CC0, 2016 list), commit 21aa4a0"

# ---------------------------------------------------------------------------------------------------------------
# Seaports (World Port Index)
# ---------------------------------------------------------------------------------------------------------------

# WPI name -> (current name, reason). Only names that are out of date or misspelt in WPI are renamed.
RENAMES: dict[str, tuple[str, str]] = {
    "Calcutta": ("Kolkata (Syama Prasad Mookerjee)",
                 "Calcutta renamed Kolkata (2001); Kolkata Port Trust renamed Syama Prasad Mookerjee Port (2020)"),
    "Haldia Port": ("Haldia (Syama Prasad Mookerjee)",
                    "Haldia Dock Complex is part of Syama Prasad Mookerjee Port, Kolkata"),
    "Mumbai (Bombay)": ("Mumbai", "Bombay renamed Mumbai (1995)"),
    "Chennai (Madras)": ("Chennai", "Madras renamed Chennai (1996)"),
    "Tuticorin": ("Thoothukudi (V.O. Chidambaranar)",
                  "the town is officially Thoothukudi; Tuticorin Port renamed V.O. Chidambaranar Port (2011)"),
    "Kandla": ("Deendayal (Kandla)", "Kandla Port renamed Deendayal Port (2017)"),
    "Jawaharlal Nehru Port (Nhava Shiva)": ("Jawaharlal Nehru (Nhava Sheva)", "the port spells it Nhava Sheva"),
    "Marmagao": ("Mormugao", "spelling of the Mormugao Port Authority"),
    "Kamarajar Port": ("Kamarajar (Ennore)", "Ennore Port renamed Kamarajar Port (2014); place name added"),
    "Vishakhapatnam": ("Visakhapatnam", "spelling of the Visakhapatnam Port Authority"),
    "Trivandrum": ("Thiruvananthapuram", "Trivandrum renamed Thiruvananthapuram (1991)"),
    "Pondicherry": ("Puducherry", "Pondicherry renamed Puducherry (2006)"),
    "Quilon (Kollam)": ("Kollam", "Quilon is the old name of Kollam"),
    "Calicut (Kozhikode)": ("Kozhikode", "Calicut is the old name of Kozhikode"),
}

# The 12 major ports (Ministry of Ports, Shipping and Waterways) by their WPI rows. Haldia is a separate WPI row
# but part of Kolkata's major port, so 13 rows carry major=True for 12 major ports.
MAJOR_PORTS: dict[str, str] = {
    "Kandla": "Deendayal Port",
    "Mumbai (Bombay)": "Mumbai Port",
    "Jawaharlal Nehru Port (Nhava Shiva)": "Jawaharlal Nehru Port",
    "Marmagao": "Mormugao Port",
    "New Mangalore": "New Mangalore Port",
    "Kochi (Cochin)": "Cochin Port",
    "Chennai (Madras)": "Chennai Port",
    "Kamarajar Port": "Kamarajar Port",
    "Tuticorin": "V.O. Chidambaranar Port",
    "Vishakhapatnam": "Visakhapatnam Port",
    "Paradip": "Paradip Port",
    "Calcutta": "Syama Prasad Mookerjee Port, Kolkata",
    "Haldia Port": "Syama Prasad Mookerjee Port, Kolkata",
}

# WPI UN/LOCODEs checked against the UN/LOCODE file (2023). A code listed in WRONG_LOCODES is not used as port_id.
WRONG_LOCODES: dict[str, str] = {
    "Kattupalli Port": "WPI gives INKRI, which UN/LOCODE (and WPI) assign to Krishnapatnam; UN/LOCODE lists "
                       "Kattupalli as INKAT and INKTP (Kattupalli Port)",
    "Vishakhapatnam": "WPI gives INNRP, which UN/LOCODE assigns to Aal-SEZ/Vishakhapatnam (an SEZ); UN/LOCODE's "
                      "port entry is INVTZ (Visakhapatnam)",
    "Kochi (Cochin)": "WPI gives INKOC, which UN/LOCODE lists as Kochi without the port function; UN/LOCODE's "
                      "port entry is INCOK (Cochin)",
    "Sikka": "WPI gives INSKK, which UN/LOCODE names 'Sikkim' (subdivision AN); not confirmed as Sikka",
}
LOCODE_REMARKS: dict[str, str] = {
    "Trivandrum": "INTRV is Thiruvananthapuram in UN/LOCODE, listed without the port function",
    "Machilipatnam": "no UN/LOCODE in WPI; UN/LOCODE lists INMAC (Machilipatnam) and INMAP (Masulipatnam)",
    "Honavar": "no UN/LOCODE in WPI; UN/LOCODE lists INHON (Honavar)",
    "Pamban": "no UN/LOCODE in WPI; UN/LOCODE lists INPMB (Pamban)",
    "Baleshwar": "no UN/LOCODE in WPI; none found in UN/LOCODE (2023)",
    "Kolachel": "no UN/LOCODE in WPI; none found in UN/LOCODE (2023)",
}

CARGO_FACILITIES = ["Facilities - Ro-Ro", "Facilities - Solid Bulk", "Facilities - Liquid Bulk",
                    "Facilities - Container", "Facilities - Breakbulk", "Facilities - Oil Terminal",
                    "Facilities - LNG Terminal"]
HARBOUR_SIZES = {"Large": 0, "Medium": 1, "Small": 2, "Very Small": 3}
PORT_COLUMNS = ["port_id", "name", "wpi_name", "wpi_number", "locode", "locode_ok", "locode_note", "lat", "lon",
                "major", "major_port", "container", "harbour_size", "harbour_use", "cargo", "district_id", "note",
                "source"]


def clean_locode(text) -> str:
    """A UN/LOCODE without spaces, upper case: 'IN MUN' -> 'INMUN'; blank -> ''."""
    return re.sub(r"\s+", "", str(text if isinstance(text, str) else "")).upper()


def slug(text: str) -> str:
    """A lower-case identifier from a name: 'Kattupalli Port' -> 'kattupalli-port'."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def _cell(value) -> str:
    """A WPI cell as stripped text ('' for missing)."""
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value).strip()


def _known_fields(row: pd.Series) -> int:
    """How many cells of a WPI row hold a recorded value (not blank, 'Unknown' or 0)."""
    return sum(_cell(v) not in ("", "Unknown", "0", "0.0") for v in row.to_numpy())


def deduplicate_wpi(raw: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """One row per (WPI number, name); of duplicates the row with most recorded fields is kept (first on a tie).

    Returns the rows kept and a note per kept row that had a duplicate (Machilipatnam is listed twice).
    """
    keys = raw["World Port Index Number"].astype(str) + "|" + raw["Main Port Name"].map(_cell)
    known = raw.apply(_known_fields, axis=1)
    order = (pd.DataFrame({"key": keys, "known": -known, "row": raw.index})
             .sort_values(["key", "known", "row"]))
    keep = order.drop_duplicates("key")["row"]
    notes = {}
    for row in keep:
        others = [int(r) for r in order.loc[(order["key"] == keys[row]) & (order["row"] != row), "row"]]
        if others:
            notes[int(row)] = (f"WPI lists this port twice (rows {', '.join(map(str, sorted([row, *others])))}, "
                               f"WPI number {raw.at[row, 'World Port Index Number']}); kept row {row}, the one "
                               "with more recorded fields")
    return raw.loc[sorted(keep)], notes


def is_cargo_port(row: pd.Series) -> bool:
    """WPI records cargo: harbour use 'Cargo'; or use not recorded ('Unknown'/blank) while a cargo pier depth
    above 0 m or a cargo-handling facility (Ro-Ro, bulk, container, break-bulk, oil, LNG) is recorded.
    A fishing harbour (use 'Fishing') is never a cargo port."""
    use = _cell(row["Harbor Use"])
    if use == "Cargo":
        return True
    if use not in ("", "Unknown"):
        return False
    depth = pd.to_numeric(row["Cargo Pier Depth (m)"], errors="coerce")
    return bool((depth > 0) if pd.notna(depth) else False) or any(_cell(row[c]) == "Yes" for c in CARGO_FACILITIES)


def _port_row(index: int, row: pd.Series, dedup_note: str) -> dict:
    """One seaport (without its district) from one WPI row."""
    wpi_name = _cell(row["Main Port Name"])
    locode = clean_locode(row["UN/LOCODE"])
    locode_ok = bool(locode) and wpi_name not in WRONG_LOCODES
    name, reason = RENAMES.get(wpi_name, (wpi_name, ""))
    container = {"Yes": "yes", "No": "no"}.get(_cell(row["Facilities - Container"]), "unknown")
    return {"port_id": locode if locode_ok else slug(wpi_name), "name": name, "wpi_name": wpi_name,
            "wpi_number": row["World Port Index Number"], "locode": locode, "locode_ok": locode_ok,
            "locode_note": WRONG_LOCODES.get(wpi_name, LOCODE_REMARKS.get(wpi_name, "")),
            "lat": float(row["Latitude"]), "lon": float(row["Longitude"]), "major": wpi_name in MAJOR_PORTS,
            "major_port": MAJOR_PORTS.get(wpi_name, ""), "container": container,
            "harbour_size": _cell(row["Harbor Size"]), "harbour_use": _cell(row["Harbor Use"]) or "Unknown",
            "cargo": is_cargo_port(row), "note": "; ".join(n for n in (reason and f"renamed from WPI: {reason}",
                                                                          dedup_note) if n),
            "source": WPI_SOURCE.format(row=index)}


def seaports_from_wpi(raw: pd.DataFrame, districts: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per World Port Index port in India, under its current name, with its district.

    - ``name``: current name (``RENAMES`` gives each rename's reason); ``wpi_name`` as in WPI.
    - ``locode``: WPI's UN/LOCODE without spaces; ``locode_ok`` False for the codes known to be wrong
      (``WRONG_LOCODES``, checked against UN/LOCODE 2023); ``port_id`` is the code when it is right, else a slug.
    - ``major``: the 12 major ports' rows (13 rows: Haldia is part of Kolkata's major port); ``major_port``
      names the major port.
    - ``container``: WPI's "Facilities - Container" ('yes'/'no'/'unknown').
    - ``cargo``: see ``is_cargo_port`` (harbour use 'Cargo', or unknown use with a cargo pier depth or a
      cargo-handling facility recorded).
    - ``district_id``: polygon containing the point, else the nearest within 5 km, else ''.
    - ``source``: the WPI row (0-based data row of ``wpi_pub150_india_ports.csv``).
    """
    rows, notes = deduplicate_wpi(raw)
    missing = set(MAJOR_PORTS) - set(rows["Main Port Name"].map(_cell))
    if missing:
        raise ValueError(f"major ports missing from WPI rows: {sorted(missing)}")
    ports = pd.DataFrame([_port_row(int(i), r, notes.get(int(i), "")) for i, r in rows.iterrows()])
    if not ports["port_id"].is_unique:
        raise ValueError(f"duplicate port_id: {ports['port_id'][ports['port_id'].duplicated()].tolist()}")
    ports["district_id"] = district_of_points(districts, ports["lon"], ports["lat"])
    return ports[PORT_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------
# Inland depots (UN/LOCODE)
# ---------------------------------------------------------------------------------------------------------------

INLAND_FUNCTION = 5  # 0-based index in this file's function list = UN/LOCODE function "6" (multimodal, ICD)
# ISO 3166-2:IN subdivision codes as UN/LOCODE uses them (UT, OR, CT are the file's old codes).
STATE_CODES = {"AN": "Andaman and Nicobar Islands", "AP": "Andhra Pradesh", "AR": "Arunachal Pradesh",
               "AS": "Assam", "BR": "Bihar", "CH": "Chandigarh", "CT": "Chhattisgarh", "DL": "Delhi",
               "GA": "Goa", "GJ": "Gujarat", "HP": "Himachal Pradesh", "HR": "Haryana", "JH": "Jharkhand",
               "JK": "Jammu and Kashmir", "KA": "Karnataka", "KL": "Kerala", "MH": "Maharashtra",
               "MP": "Madhya Pradesh", "OR": "Odisha", "PB": "Punjab", "PY": "Puducherry", "RJ": "Rajasthan",
               "SK": "Sikkim", "TG": "Telangana", "TN": "Tamil Nadu", "UP": "Uttar Pradesh", "UT": "Uttarakhand",
               "WB": "West Bengal"}
OLD_STATE_CODES = {"OR": "Odisha", "UT": "Uttarakhand", "CT": "Chhattisgarh"}
DEPOT_COLUMNS = ["depot_id", "kind", "name", "locode", "state", "state_note", "functions", "lat", "lon",
                 "approximate", "district_id", "source"]


def depot_kind(name: str) -> str:
    """'ICD', 'CFS' or 'SEZ' when the name says so (in that order), else 'other inland'."""
    for kind in ("ICD", "CFS", "SEZ"):
        if re.search(rf"(?<![a-z]){kind}(?![a-z])", name, re.IGNORECASE):
            return kind
    return "other inland"


def _state_note(code: str, polygon_state: str) -> str:
    """What is odd about a UN/LOCODE subdivision code, compared with the state of the polygon the point is in."""
    if not code:
        return "no state code in UN/LOCODE"
    notes = []
    if code in OLD_STATE_CODES:
        notes.append(f"{code} is UN/LOCODE's old code for {OLD_STATE_CODES[code]}")
    named = STATE_CODES.get(code, "")
    if polygon_state and named and state_key(named) != state_key(polygon_state):
        notes.append(f"code {code} ({named}) but the point lies in {title_case(polygon_state)}")
    return "; ".join(notes)


def inland_depots_from_unlocode(raw: dict | list, districts: gpd.GeoDataFrame) -> pd.DataFrame:
    """UN/LOCODE entries with the inland-clearance/multimodal function (index 5) and coordinates.

    ``kind`` from the name (``depot_kind``); ``state`` is UN/LOCODE's subdivision code as given, ``state_note``
    flags old codes and codes that disagree with the polygon the point falls in (e.g. Telangana's SEZs under
    AP); ``functions`` lists UN/LOCODE function digits (1 port, 2 rail, 3 road, 4 airport, 5 postal,
    6 multimodal/ICD, 7 fixed transport, B border crossing); ``approximate`` is always True (coordinates to
    one arc-minute, often a city centre).
    """
    entries = raw if isinstance(raw, list) else list(raw.values())
    chosen = [e for e in entries if INLAND_FUNCTION in (e.get("function") or []) and e.get("coordinates")]
    digits = "1234567B"
    frame = pd.DataFrame({
        "depot_id": ["IN" + e["location"] for e in chosen],
        "kind": [depot_kind(e["name"]) for e in chosen],
        "name": [e["name"] for e in chosen],
        "locode": ["IN" + e["location"] for e in chosen],
        "state": [e.get("subdivision") or "" for e in chosen],
        "functions": [",".join(digits[f] for f in e["function"] if 0 <= f < len(digits)) for e in chosen],
        "lat": [round(float(e["coordinates"]["lat"]), 5) for e in chosen],
        "lon": [round(float(e["coordinates"]["lon"]), 5) for e in chosen],
        "approximate": True, "source": UNLOCODE_SOURCE})
    frame["district_id"] = district_of_points(districts, frame["lon"], frame["lat"])
    polygon_state = frame["district_id"].map(districts.set_index("district_id")["state"]).fillna("")
    frame["state_note"] = [_state_note(c, s) for c, s in zip(frame["state"], polygon_state)]
    if not frame["depot_id"].is_unique:
        frame["depot_id"] = frame["depot_id"] + frame.groupby("depot_id").cumcount().map(lambda n: f"-{n}" if n else "")
    return frame[DEPOT_COLUMNS]


# ---------------------------------------------------------------------------------------------------------------
# Railway stations (datameet, 2016)
# ---------------------------------------------------------------------------------------------------------------

NOT_A_STATION = re.compile(r"\b(CABIN|BLOCK HUT|PANEL)\b", re.IGNORECASE)
STATION_WORDS = {"JN": "Junction", "RD": "Road", "CANT": "Cantonment", "CANTT": "Cantonment"}


def is_bare_code(name: str, code: str) -> bool:
    """True when a station's 'name' is only a code: empty, 'XX-…'/'YY-…', or equal to its code and code-like
    (a digit, no vowel, three consonants in a row, or a cabin code ending CAB/CBN)."""
    text = str(name or "").strip()
    if not text or re.match(r"^(XX|YY)-", text, re.IGNORECASE):
        return True
    if text.upper() != str(code or "").strip().upper():
        return False
    upper = text.upper()
    return bool(re.search(r"\d", upper) or not re.search(r"[AEIOUY]", upper)
                or re.search(r"[^AEIOUY]{3}", upper) or re.search(r"(CAB|CBN)$", upper) or upper.startswith("IBH"))


def station_label(name: str, code: str) -> str:
    """A station's name in words with its code after it: ('VARANASI JN', 'BSB') -> 'Varanasi Junction (BSB)'."""
    text = " ".join(str(name).split())
    if text == text.upper():
        text = title_case(text)
    words = [STATION_WORDS.get(w.upper().rstrip("."), w) for w in text.split(" ")]
    return f"{' '.join(words)} ({code})"


def stations_from_datameet(geojson: dict) -> pd.DataFrame:
    """Stations with a point and a name in words: code, name (as in the file), label, lat, lon.

    Dropped: features without a point, names that are only a code (``is_bare_code``), block cabins, block huts,
    panels, and yards other than goods yards (signalling and marshalling points, not stations)."""
    rows = []
    for feature in geojson["features"]:
        props, geometry = feature.get("properties") or {}, feature.get("geometry")
        name, code = str(props.get("name") or "").strip(), str(props.get("code") or "").strip()
        if not geometry or is_bare_code(name, code) or NOT_A_STATION.search(name):
            continue
        if re.search(r"\bYARD\b", name, re.IGNORECASE) and not re.search(r"\bGOODS\b", name, re.IGNORECASE):
            continue
        lon, lat = geometry["coordinates"][:2]
        rows.append((code, name, station_label(name, code), float(lat), float(lon)))
    return pd.DataFrame(rows, columns=["code", "name", "label", "lat", "lon"])


# ---------------------------------------------------------------------------------------------------------------
# Geometry: districts of points, distances to district boundaries
# ---------------------------------------------------------------------------------------------------------------

_TO_METRIC = pyproj.Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
_TO_DEGREES = pyproj.Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


def to_metric(geometries) -> np.ndarray:
    """Lon/lat geometries (EPSG:4326) projected to EPSG:7755 (metres)."""
    return shapely.transform(np.asarray(geometries, dtype=object),
                             lambda xy: np.column_stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1])))


def pair_km(polygons_m, points_m) -> np.ndarray:
    """Distance in km from each point to its polygon (arrays broadcast): 0 inside, else great-circle km from
    the point to the nearest boundary point found in EPSG:7755."""
    lines = shapely.shortest_line(*np.broadcast_arrays(polygons_m, points_m))
    shape = lines.shape
    ends = shapely.get_coordinates(lines.ravel()).reshape(-1, 2, 2)
    lon, lat = _TO_DEGREES.transform(ends[:, :, 0].ravel(), ends[:, :, 1].ravel())
    lon, lat = np.asarray(lon).reshape(-1, 2), np.asarray(lat).reshape(-1, 2)
    km = haversine_km(lat[:, 0], lon[:, 0], lat[:, 1], lon[:, 1])
    inside = shapely.intersects(*np.broadcast_arrays(polygons_m, points_m)).ravel()
    return np.where(inside, 0.0, km).reshape(shape)


def _points(frame: pd.DataFrame) -> np.ndarray:
    """Points of a frame with lat/lon columns, projected to metres."""
    return to_metric(shapely.points(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float)))


def district_of_points(districts: gpd.GeoDataFrame, lon, lat, within_km: float = SNAP_KM) -> np.ndarray:
    """district_id of the polygon containing each lon/lat point, else of the nearest polygon within
    ``within_km`` (a pier just off a simplified coastline), else ''."""
    polygons = to_metric(districts.geometry.values)
    points = to_metric(shapely.points(np.asarray(lon, float), np.asarray(lat, float)))
    ids = districts["district_id"].to_numpy()
    out = np.full(len(points), "", dtype=object)
    tree = shapely.STRtree(polygons)
    point_i, polygon_i = tree.query(points, predicate="within")
    out[point_i[::-1]] = ids[polygon_i[::-1]]  # reversed so the first containing polygon wins on shared edges
    rest = np.flatnonzero(out == "")
    if len(rest):
        (near_i, polygon_i), _ = tree.query_nearest(points[rest], max_distance=within_km * 1000, return_distance=True)
        out[rest[near_i[::-1]]] = ids[polygon_i[::-1]]
    return out


def distance_to_district_km(districts: gpd.GeoDataFrame, points: pd.DataFrame) -> np.ndarray:
    """Matrix (n_districts x n_points) of km from each point to each district: 0 inside, else the great-circle
    distance to the nearest point of the district's boundary (nearest point found in EPSG:7755)."""
    polygons = to_metric(districts.geometry.values)
    return pair_km(polygons[:, None], _points(points)[None, :])


TieRank = Callable[[np.ndarray, np.ndarray], np.ndarray]


def nearest_to_districts(districts: gpd.GeoDataFrame, points: pd.DataFrame, id_col: str, name_col: str,
                         tie_rank: TieRank | None = None) -> pd.DataFrame:
    """For each district the nearest point: district_id, id, name, km, in_district, point (row position).

    A point inside the polygon, or given to the district by its ``district_id`` column (offshore within 5 km),
    is 0 km and ``in_district``; otherwise km is the great-circle distance to the district's boundary.
    Candidates come from an STRtree nearest query in EPSG:7755 (all ties kept); among points at the same
    distance (typically several inside a district) the lowest ``tie_rank(district_pos, point_pos)`` wins, then
    the first row. Districts x 9,000 points takes well under a second.
    """
    polygons, points_m = to_metric(districts.geometry.values), _points(points)
    (d_idx, p_idx), metres = shapely.STRtree(points_m).query_nearest(polygons, all_matches=True,
                                                                      return_distance=True)
    pairs = [pd.DataFrame({"d": d_idx, "p": p_idx, "m": metres})]
    if "district_id" in points:
        position = pd.Series(np.arange(len(districts)), index=districts["district_id"].to_numpy())
        given = points["district_id"].map(position)
        held = np.flatnonzero(given.notna().to_numpy())
        pairs.append(pd.DataFrame({"d": given.iloc[held].astype(int).to_numpy(), "p": held, "m": 0.0}))
    pairs = pd.concat(pairs, ignore_index=True)
    pairs["rank"] = tie_rank(pairs["d"].to_numpy(), pairs["p"].to_numpy()) if tie_rank else 0
    best = pairs.sort_values(["d", "m", "rank", "p"]).drop_duplicates("d").sort_values("d")
    d, p = best["d"].to_numpy(), best["p"].to_numpy()
    km = np.where(best["m"].to_numpy() == 0, 0.0, pair_km(polygons[d], points_m[p]))
    return pd.DataFrame({"district_id": districts["district_id"].to_numpy()[d],
                         "id": points[id_col].to_numpy()[p], "name": points[name_col].to_numpy()[p],
                         "km": km.round(1), "in_district": best["m"].to_numpy() == 0, "point": p})


# ---------------------------------------------------------------------------------------------------------------
# Each district's nearest places
# ---------------------------------------------------------------------------------------------------------------

def island_group(districts: gpd.GeoDataFrame) -> np.ndarray:
    """State key of each island district (Andaman and Nicobar Islands, Lakshadweep), '' elsewhere."""
    keys = districts["state"].map(state_key).to_numpy()
    return np.where(np.isin(keys, list(ISLAND_STATES)), keys, "")


def nearest_keeping_islands(districts: gpd.GeoDataFrame, points: pd.DataFrame, id_col: str, name_col: str,
                            what: str, tie_rank: Callable | None = None) -> pd.DataFrame:
    """``nearest_to_districts``, except that an island district only looks at places on its own islands
    (when the source has any there; otherwise ``note`` says the nearest is on the mainland).

    ``tie_rank(districts, points, d, p)`` is called with the frames in use, so it works on subsets."""
    def ranked(ds, ps):
        return (lambda d, p: tie_rank(ds, ps, d, p)) if tie_rank else None

    result = nearest_to_districts(districts, points, id_col, name_col, ranked(districts, points))
    result["note"] = ""
    group = island_group(districts)
    point_group = points["district_id"].map(dict(zip(districts["district_id"], group))).fillna("").to_numpy()
    for key in sorted(set(group) - {""}):
        rows, own = np.flatnonzero(group == key), np.flatnonzero(point_group == key)
        if not len(own):
            result.loc[rows, "note"] = f"no {what} on the islands in the source; nearest on the mainland"
            continue
        ds, ps = districts.iloc[rows], points.iloc[own]
        sub = nearest_to_districts(ds, ps, id_col, name_col, ranked(ds, ps))
        sub["point"] = own[sub["point"].to_numpy()]
        sub["note"] = ""
        for column in sub.columns:
            result.loc[rows, column] = sub[column].to_numpy()
    return result


def _port_rank(districts, ports, d, p) -> np.ndarray:
    """Among ports at the same distance: major ports first, then larger harbours."""
    size = ports["harbour_size"].map(HARBOUR_SIZES).fillna(4).to_numpy()
    return np.where(ports["major"].to_numpy(bool), 0, 10)[p] + size[p]


def _airport_rank(districts, airports, d, p) -> np.ndarray:
    """Among airports at the same distance: international, then civil, then air-force/naval stations."""
    name = airports["name"].str.lower()
    rank = np.where(name.str.contains("international"), 0, np.where(name.str.contains("air force|naval"), 2, 1))
    return rank[p]


def _depot_rank(districts, depots, d, p) -> np.ndarray:
    """Among depots at the same distance: ICDs before CFSs."""
    return np.where(depots["kind"].to_numpy() == "ICD", 0, 1)[p]


def named_after(district: str, station: str) -> bool:
    """Whether a station's name contains the district's name, allowing spelling variants
    ('AHMEDABAD JN' for Ahmadabad, 'VISHAKHAPATNAM' for Visakhapatnam)."""
    d, s = name_key(district), name_key(station)
    return bool(d) and (d in s or SequenceMatcher(None, d, s[:len(d)]).ratio() >= 0.85)


def _station_rank(districts, stations, d, p) -> np.ndarray:
    """Among stations inside a district: one named after the district first, then junctions, then the shorter
    label (so 'Ernakulam Junction (ERS)' before 'Ernakulam Junction C (ERSC)')."""
    district_names = districts["district"].to_numpy()[d]
    station_names = stations["name"].to_numpy()[p]
    named = np.array([named_after(a, b) for a, b in zip(district_names, station_names)], dtype=bool)
    junction = stations["label"].str.contains("Junction").to_numpy()[p]
    length = stations["label"].str.len().to_numpy()[p]
    return np.where(named, 0, 2) + np.where(junction, 0, 1) + length / 1000


def _columns(result: pd.DataFrame, prefix: str, names: dict[str, str]) -> pd.DataFrame:
    """Rename nearest_to_districts columns to ``<prefix>_<name>``."""
    return result[list(names)].rename(columns={k: f"{prefix}_{v}" for k, v in names.items()})


def district_places(districts: gpd.GeoDataFrame, seaports: pd.DataFrame, airports: pd.DataFrame,
                    depots: pd.DataFrame, stations: pd.DataFrame) -> pd.DataFrame:
    """One row per district: nearest cargo seaport, nearest major port, nearest airport, nearest ICD/CFS and
    nearest railway station (2016 list), each with km (0 = in the district; else to the district boundary).

    Island districts (Andaman and Nicobar Islands, Lakshadweep) look only at their own islands' ports and
    airports where the sources have one, get no railway station (``rail_note`` 'no railway'), and ``notes``
    says where a place had to come from the mainland. ``stations`` needs ``label`` (``stations_from_datameet``).
    """
    cargo = seaports[seaports["cargo"]].reset_index(drop=True)
    major = seaports[seaports["major"]].reset_index(drop=True)
    inland = depots[depots["kind"].isin(["ICD", "CFS"])].reset_index(drop=True)
    port = nearest_keeping_islands(districts, cargo, "port_id", "name", "cargo seaport", _port_rank)
    big = nearest_keeping_islands(districts, major, "port_id", "name", "major port", _port_rank)
    air = nearest_keeping_islands(districts, airports, "code", "name", "airport", _airport_rank)
    depot = nearest_keeping_islands(districts, inland, "depot_id", "name", "ICD or CFS", _depot_rank)
    rail = nearest_to_districts(districts, stations.assign(district_id=""), "code", "label",
                                lambda d, p: _station_rank(districts, stations, d, p))
    islands = island_group(districts) != ""
    table = pd.concat([
        pd.DataFrame({"district_id": districts["district_id"].to_numpy(), "district": districts["district"].to_numpy(),
                      "state": districts["state"].to_numpy()}),
        _columns(port, "seaport", {"id": "id", "name": "name", "km": "km", "in_district": "in_district"}),
        _columns(big, "major_port", {"id": "id", "name": "name", "km": "km"}),
        _columns(air, "airport", {"id": "code", "name": "name", "km": "km", "in_district": "in_district"}),
        _columns(depot, "depot", {"id": "id", "name": "name", "km": "km"}),
    ], axis=1)
    table.insert(table.columns.get_loc("depot_km") + 1, "depot_kind", inland["kind"].to_numpy()[depot["point"].astype(int)])
    table.insert(table.columns.get_loc("depot_kind") + 1, "depot_approximate", True)
    table["station_name"] = np.where(islands, "", rail["name"].to_numpy())
    table["station_km"] = np.where(islands, np.nan, rail["km"].to_numpy())
    table["rail_note"] = np.where(islands, "no railway", "")
    table["notes"] = ["; ".join(n for n in notes if n) for notes in zip(
        port["note"].map(lambda n: n and f"seaport: {n}"), air["note"].map(lambda n: n and f"airport: {n}"),
        depot["note"].map(lambda n: n and f"ICD/CFS: {n}"))]
    table["source"] = PLACES_SOURCE
    return table


PLACES_SOURCE = ("km: 0 inside the district, else great-circle distance to the district boundary; seaports: "
                 "World Port Index (NGA Pub. 150), public domain (cargo ports; major ports per the Ministry of Ports, "
                 "Shipping and Waterways); airports: data/logistics/airports.csv (airportsdata, MIT); ICD/CFS: "
                 f"{UNLOCODE_SOURCE}; nearest railway station (2016 list): {STATIONS_SOURCE}")


# ---------------------------------------------------------------------------------------------------------------
# Files and report
# ---------------------------------------------------------------------------------------------------------------

def read_districts(data_dir: Path = DEFAULT_DATA_DIR) -> gpd.GeoDataFrame:
    """The district polygons (EPSG:4326) with district_id as text."""
    districts = gpd.read_file(data_dir / "geo" / "districts.geojson")
    districts["district_id"] = districts["district_id"].astype(str)
    districts["state"] = districts["state"].fillna("")
    districts["district"] = districts["district"].fillna("")
    return districts.to_crs("EPSG:4326").reset_index(drop=True)


def read_airports(path: Path, districts: gpd.GeoDataFrame) -> pd.DataFrame:
    """airports.csv, with district_id recomputed by the 5 km rule (the file's own is kept as district_id_file)."""
    airports = pd.read_csv(path, dtype={"code": str, "district_id": str}, keep_default_na=False)
    airports = airports.rename(columns={"district_id": "district_id_file"})
    airports["district_id"] = district_of_points(districts, airports["lon"], airports["lat"])
    return airports.reset_index(drop=True)


def _describe(table: pd.DataFrame, district: str, state: str | None = None) -> list[str]:
    """Report lines for one district by name."""
    rows = table[(table["district"].str.upper() == district.upper())
                 & (table["state"].str.upper() == state.upper() if state else True)]
    lines = []
    for r in rows.itertuples(index=False):
        station = f"{r.station_name} {r.station_km:.1f} km" if r.station_name else f"none ({r.rail_note})"
        lines.append(f"  {title_case(r.district)} ({title_case(r.state)}): seaport {r.seaport_name} "
                     f"{r.seaport_km:.1f} km; major port {r.major_port_name} {r.major_port_km:.1f} km; airport "
                     f"{r.airport_name} ({r.airport_code}) {r.airport_km:.1f} km; ICD/CFS {r.depot_name} "
                     f"{r.depot_km:.1f} km; station {station}")
    return lines


def report(ports: pd.DataFrame, depots: pd.DataFrame, places: pd.DataFrame, airports: pd.DataFrame) -> list[str]:
    """The figures worth checking after a build."""
    kinds = depots["kind"].value_counts()
    lines = [f"ports: {len(ports)} (WPI rows after de-duplication); major rows {int(ports['major'].sum())} "
             f"({ports.loc[ports['major'], 'major_port'].nunique()} major ports); cargo {int(ports['cargo'].sum())}; "
             f"container 'yes' {int((ports['container'] == 'yes').sum())}, 'unknown' "
             f"{int((ports['container'] == 'unknown').sum())}; not cargo: "
             + ", ".join(ports.loc[~ports['cargo'], 'wpi_name']),
             "  ports with a wrong or unchecked UN/LOCODE: " + "; ".join(
                 f"{r.wpi_name} ({r.locode or '-'})" for r in ports[ports["locode_note"] != ""].itertuples()),
             "  ports outside every district polygon (over 5 km offshore): "
             + (", ".join(ports.loc[ports["district_id"] == "", "name"]) or "none"),
             f"depots: {len(depots)} with coordinates; " + ", ".join(f"{k} {v}" for k, v in kinds.items())
             + f"; with a state note {int((depots['state_note'] != '').sum())}; outside every polygon "
             f"{int((depots['district_id'] == '').sum())}",
             f"districts: {len(places)}; with a cargo seaport inside {int(places['seaport_in_district'].sum())}; "
             f"with any WPI port inside {ports.loc[ports['district_id'] != '', 'district_id'].nunique()}; with an "
             f"airport inside {int(places['airport_in_district'].sum())}; with an ICD/CFS inside "
             f"{int((places['depot_km'] == 0).sum())}",
             f"median km: cargo seaport {places['seaport_km'].median():.0f}, major port "
             f"{places['major_port_km'].median():.0f}, airport {places['airport_km'].median():.0f}, ICD/CFS "
             f"{places['depot_km'].median():.0f}, station {places['station_km'].median():.1f}",
             f"airports whose district differs from airports.csv: {int((airports['district_id'] != airports['district_id_file']).sum())}",
             "islands:"]
    islands = places[places["rail_note"] == "no railway"]
    for r in islands.itertuples():
        lines += _describe(places, r.district, r.state) + ([f"    note: {r.notes}"] if r.notes else [])
    lines.append("examples:")
    for name, state in (("JAGATSINGHPUR", None), ("KACHCHH", None), ("VARANASI", None), ("MUMBAI", None),
                        ("MUMBAI SUBURBAN", None)):
        lines += _describe(places, name, state)
    return lines


def read_wpi(path: Path = DEFAULT_DATA_DIR / "logistics" / "raw" / RAW_WPI) -> pd.DataFrame:
    """The WPI India rows as published (blank cells stay text, only empty cells are missing)."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def read_json(path: Path):
    """A raw JSON or GeoJSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def build_places(data_dir: Path, out_dir: Path) -> list[str]:
    """Read ``data_dir``'s raw files (and the airports built into ``out_dir``), write ports.csv, inland_depots.csv
    and district_places.csv under ``out_dir/logistics``; return the report."""
    raw = data_dir / "logistics" / "raw"
    out = out_dir / "logistics"
    districts = read_districts(data_dir)
    ports = seaports_from_wpi(read_wpi(raw / RAW_WPI), districts)
    depots = inland_depots_from_unlocode(read_json(raw / RAW_UNLOCODE), districts)
    stations = stations_from_datameet(read_json(raw / RAW_STATIONS))
    airports = read_airports(out / "airports.csv", districts)
    places = district_places(districts, ports, airports, depots, stations)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in (("ports", ports), ("inland_depots", depots), ("district_places", places)):
        write_frame_atomically(out / f"{name}.csv", frame)
    return [f"stations: {len(stations)} named stations with a point (2016 list)"] + report(ports, depots, places,
                                                                                           airports)


def main() -> int:
    """Build the three tables of the shipped data and print the report."""
    started = time.perf_counter()
    print("\n".join(build_places(DEFAULT_DATA_DIR, DEFAULT_DATA_DIR)))
    print(f"written in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
