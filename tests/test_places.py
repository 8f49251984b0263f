"""Seaports, inland depots and each district's nearest places, told as a user would check them.

The tables are built from the real raw files (data/logistics/raw/, data/geo/districts.geojson,
data/logistics/airports.csv) once per module; nothing is written.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard.build import places as P
from dashboard.settings import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def built():
    """Districts, ports, depots, stations, airports and the district table, as main() builds them."""
    raw = (DEFAULT_DATA_DIR / "logistics") / "raw"
    districts = P.read_districts()
    ports = P.seaports_from_wpi(P.read_wpi(raw / P.RAW_WPI), districts)
    depots = P.inland_depots_from_unlocode(P.read_json(raw / P.RAW_UNLOCODE), districts)
    stations = P.stations_from_datameet(P.read_json(raw / P.RAW_STATIONS))
    airports = P.read_airports((DEFAULT_DATA_DIR / "logistics") / "airports.csv", districts)
    table = P.district_places(districts, ports, airports, depots, stations)
    return {"districts": districts, "ports": ports, "depots": depots, "stations": stations, "airports": airports,
            "places": table}


def district(built, name: str) -> pd.Series:
    """The district-table row of one district, by its boundary-file name."""
    rows = built["places"][built["places"]["district"].str.upper() == name.upper()]
    assert len(rows) == 1, name
    return rows.iloc[0]


def port(built, wpi_name: str) -> pd.Series:
    """The ports row of one WPI port."""
    rows = built["ports"][built["ports"]["wpi_name"] == wpi_name]
    assert len(rows) == 1, wpi_name
    return rows.iloc[0]


def test_paradip_port_is_in_jagatsinghpur_at_0_km(built):
    jagatsinghpur = district(built, "Jagatsinghpur")
    assert port(built, "Paradip")["district_id"] == jagatsinghpur["district_id"]
    assert jagatsinghpur["state"].upper() == "ODISHA"
    assert (jagatsinghpur["seaport_name"], jagatsinghpur["seaport_km"], jagatsinghpur["seaport_in_district"]) == (
        "Paradip", 0.0, True)
    assert (jagatsinghpur["major_port_name"], jagatsinghpur["major_port_km"]) == ("Paradip", 0.0)


def test_bhuj_airport_is_in_kachchh_at_0_km(built):
    kachchh = district(built, "Kachchh")
    bhuj = built["airports"][built["airports"]["code"] == "BHJ"]
    assert bhuj["district_id"].tolist() == [kachchh["district_id"]]
    polygon = built["districts"][built["districts"]["district_id"] == kachchh["district_id"]]
    assert P.distance_to_district_km(polygon, bhuj)[0, 0] == 0.0
    assert kachchh["airport_km"] == 0.0 and kachchh["airport_in_district"]


def test_a_district_holding_a_cargo_port_passes_a_within_50_km_filter(built):
    places = built["places"].set_index("district_id")
    holders = built["ports"].loc[built["ports"]["cargo"] & (built["ports"]["district_id"] != ""), "district_id"]
    assert len(set(holders)) >= 30
    within_50 = places.index[places["seaport_km"] <= 50]
    assert set(holders) <= set(within_50)
    assert (places.loc[list(set(holders)), "seaport_km"] == 0).all()
    assert places.loc[list(set(holders)), "seaport_in_district"].all()


def test_no_district_is_sent_to_a_planned_port(built):
    planned = ("Dholera", "Vadhavan", "Tajpur")
    names = " ".join(built["ports"]["name"]) + " " + " ".join(built["ports"]["wpi_name"])
    assert not [p for p in planned if p.lower() in names.lower()]
    assert set(built["places"]["seaport_id"]) <= set(built["ports"]["port_id"])
    assert built["ports"]["source"].str.startswith("World Port Index (NGA Pub. 150), public domain; row ").all()


def test_major_ports_appear_under_their_current_names(built):
    names = set(built["ports"]["name"])
    assert {"Kolkata (Syama Prasad Mookerjee)", "Mumbai", "Chennai", "Thoothukudi (V.O. Chidambaranar)",
            "Deendayal (Kandla)"} <= names
    old = re.compile(r"\b(?:Calcutta|Bombay|Madras)\b")
    assert not [n for n in names if old.search(n)]
    assert not built["places"]["seaport_name"].str.contains(old).any()
    assert not built["places"]["major_port_name"].str.contains(old).any()


def test_twelve_major_ports_are_thirteen_rows_because_haldia_belongs_to_kolkata(built):
    major = built["ports"][built["ports"]["major"]]
    assert len(major) == 13
    assert major["major_port"].nunique() == 12
    assert port(built, "Haldia Port")["major_port"] == port(built, "Calcutta")["major_port"]
    assert not port(built, "Port Blair")["major"]


def test_each_wpi_port_is_listed_once_with_a_clean_locode(built):
    ports = built["ports"]
    assert ports["port_id"].is_unique
    assert (ports["wpi_name"] == "Machilipatnam").sum() == 1
    assert not ports["locode"].str.contains(" ").any()
    assert port(built, "Mundra")["locode"] == "INMUN"
    kattupalli = port(built, "Kattupalli Port")
    assert not kattupalli["locode_ok"] and kattupalli["port_id"] != "INKRI" and "Krishnapatnam" in kattupalli[
        "locode_note"]


def test_no_island_district_names_a_railway_station_and_islands_use_their_own_airports(built):
    islands = built["places"][built["places"]["state"].map(P.state_key).isin(P.ISLAND_STATES)]
    assert len(islands) == 4
    assert (islands["station_name"] == "").all() and (islands["rail_note"] == "no railway").all()
    island_airports = built["airports"].loc[built["airports"]["district_id"].isin(islands["district_id"]), "code"]
    assert set(islands["airport_code"]) <= set(island_airports)
    andaman = islands[islands["state"].str.upper().str.startswith("ANDAMAN")]
    assert (andaman["seaport_name"] == "Port Blair").all()
    assert district(built, "South Andamans")["seaport_km"] == 0.0


def test_station_names_are_words_with_the_code_after_them(built):
    named = built["places"].loc[built["places"]["station_name"] != "", "station_name"]
    parts = named.str.extract(r"^(?P<words>.+) \((?P<code>[^()]+)\)$")
    assert parts.notna().all().all()
    # a name may equal its code when it is a real word (Puri, PURI), never when it is only a code (LLHW)
    assert not [w for w, c in zip(parts["words"], parts["code"]) if P.is_bare_code(w, c)]
    assert P.is_bare_code("LLHW", "LLHW") and P.is_bare_code("XX-BECE", "XX-BECE")
    assert not P.is_bare_code("PURI", "PURI")
    assert parts["words"].str.contains(r"[a-z]").all()
    assert district(built, "Varanasi")["station_name"] == "Varanasi Junction (BSB)"
    assert district(built, "Varanasi")["station_km"] == 0.0


def test_depots_are_approximate_and_classified_by_name(built):
    depots = built["depots"]
    assert set(depots["kind"]) == {"ICD", "CFS", "SEZ", "other inland"}
    assert depots["approximate"].all()
    assert depots["source"].eq(P.UNLOCODE_SOURCE).all()
    assert P.depot_kind("Adani Icd/Kila Raipur") == "ICD" and P.depot_kind("Acpl Cfs/Dadri") == "CFS"
    assert P.depot_kind("AEIP SEZ/Kancheepuram") == "SEZ" and P.depot_kind("Tughlakabad") == "other inland"


def square(west: float, south: float, size: float = 1.0) -> gpd.GeoDataFrame:
    """One synthetic 'district': a square in lon/lat."""
    box = shapely.box(west, south, west + size, south + size)
    return gpd.GeoDataFrame({"district_id": ["sq"], "district": ["SQUARE"], "state": ["TEST"]}, geometry=[box],
                            crs="EPSG:4326")


def test_distance_is_zero_inside_and_measured_to_the_boundary_outside():
    districts = square(78.0, 20.0)  # central India, where EPSG:7755 is used
    points = pd.DataFrame({"id": ["in", "north", "east"], "name": ["in", "north", "east"],
                           "lat": [20.5, 22.0, 20.5], "lon": [78.5, 78.5, 79.5]})
    km = P.distance_to_district_km(districts, points)[0]
    assert km[0] == 0.0
    assert km[1] == pytest.approx(111.2, abs=0.5)  # 1 degree of latitude north of the top edge
    assert km[2] == pytest.approx(0.5 * 111.2 * 0.9367, rel=0.01)  # half a degree of longitude at 20.5 N
    nearest = P.nearest_to_districts(districts, points, "id", "name")
    assert nearest.loc[0, ["id", "km", "in_district"]].tolist() == ["in", 0.0, True]
    outside = P.nearest_to_districts(districts, points.iloc[1:], "id", "name")
    assert outside.loc[0, "id"] == "east" and not outside.loc[0, "in_district"]
