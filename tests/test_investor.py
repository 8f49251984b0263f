"""An investor looks at what districts export, how far their ports are and which parks are near (real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_callbacks import text_of

from dashboard.data.derive import haversine_km
from dashboard.ids import PLACES_TRACE
from dashboard.maps.figures import build_map_base, clicked_district, district_classes, trace_index
from dashboard.maps.modes import mode_values as view_values
from dashboard.maps.update import map_update
from dashboard.panels import district_panel
from dashboard.queries import district_detail, filter_products
from dashboard.queries.investor import (
    connectivity,
    export_class,
    export_profile,
    exports_by_district,
    mapped_export_sectors,
    nearby_facilities,
    opportunities,
    sector_export_sectors,
)
from dashboard.view import View

TIRUPPUR, DELHI_NEW_DELHI, THOOTHUKUDI, LEH = "633", "085", "627", "003"


def district_id(atlas, name: str) -> str:
    return atlas.districts.loc[atlas.districts["district_name"] == name, "district_id"].iloc[0]


def test_great_circle_distances_are_right():
    assert haversine_km(28.61, 77.21, 19.08, 72.88) == pytest.approx(1150, abs=10)  # Delhi - Mumbai


def test_delhis_nearest_airport_is_del(real_atlas):
    links = connectivity(real_atlas, district_id(real_atlas, "New Delhi"))
    assert links.airport[1] == "DEL"


@pytest.mark.parametrize("name", ["Thoothukudi", "Kachchh", "Ernakulam", "Visakhapatnam", "Puri"])
def test_a_coastal_districts_nearest_seaport_is_within_100_km(real_atlas, name):
    assert connectivity(real_atlas, district_id(real_atlas, name)).seaport[2] <= 100


def test_every_lgd_district_has_an_airport_a_seaport_and_a_station_or_no_railway(real_atlas):
    lgd = real_atlas.lgd_districts["district_id"]
    assert lgd.isin(real_atlas.investor.logistics.index).all()
    table = real_atlas.investor.logistics.loc[lgd]
    assert table[["airport_km", "seaport_km", "major_port_km"]].notna().all().all()
    assert (table["station_km"].notna() | (table["rail_note"] == "no railway")).all()


def test_seaports_are_the_world_port_indexs_cargo_ports_under_current_names(real_atlas):
    places = real_atlas.investor.places
    seaports = set(places.loc[places["kind"].isin(["seaport", "major port"]), "name"])
    assert {"Kanpur", "Ludhiana", "New Delhl", "Ahmedabad", "Dholera", "Calcutta", "Bombay", "Madras"}.isdisjoint(
        seaports)
    assert {"Kolkata (Syama Prasad Mookerjee)", "Mundra", "Kochi (Cochin)", "Port Blair", "Chennai"} <= seaports
    majors = set(places.loc[places["kind"] == "major port", "name"])
    assert "Deendayal (Kandla)" in majors and "Port Blair" not in majors


def test_exports_of_tiruppur_are_textiles_first_and_its_hosiery_ranks_first(real_atlas):
    products = real_atlas.list_products()
    profile = export_profile(real_atlas, TIRUPPUR, products[products["district_id"] == TIRUPPUR])
    assert profile.total_usd > 1e9 and profile.top.iloc[0]["label"] == "Textiles and apparel"
    assert profile.total_inr_crore == pytest.approx(profile.total_usd * 85 / 1e7, rel=0.1)
    assert any("ranks 1 of" in line for line in profile.odop_standing)


def test_a_district_without_recorded_exports_says_so_not_zero(real_atlas):
    without = real_atlas.lgd_districts[~real_atlas.lgd_districts["district_id"].isin(
        set(real_atlas.investor.exports["district_id"]))]["district_id"].iloc[0]
    assert export_profile(real_atlas, without, real_atlas.list_products().iloc[0:0]) is None
    text = text_of(district_panel(district_detail(real_atlas, without)))
    assert "No recorded exports" in text and "not the same as zero" in text


def test_every_official_sector_is_mapped_to_export_sectors_or_says_none_fits(real_atlas):
    mapping = real_atlas.investor.sector_map
    assert set(mapping["odop_sector"]) == set(real_atlas.list_products()["sector"])
    assert mapping["reason"].str.len().gt(10).all()
    assert sector_export_sectors(real_atlas, ("Textile",)) == {"textiles_garments"}
    assert sector_export_sectors(real_atlas, ("Handicraft",)) == set()
    toys = pd.DataFrame({"product": ["Channapatna Toys"], "sector": ["Handicraft"]})
    assert mapped_export_sectors(real_atlas, toys) == {"Channapatna Toys": {"toys"}}


def test_exports_colour_mode_uses_log_bins_and_the_sectors_export_sectors(real_atlas):
    base = build_map_base(real_atlas)
    values = view_values(real_atlas, View(mode="exports", sectors=("Textile",)), real_atlas.list_products())
    assert values.equals(exports_by_district(real_atlas, {"textiles_garments"}))
    classes = district_classes(base, real_atlas.list_products(), "exports", values)
    by_id = dict(zip(base.district_ids, classes.z))
    assert classes.labels[by_id[TIRUPPUR]] == "$1B and more"
    assert [export_class(v) for v in (None, 0, 5e5, 5e6, 5e7, 5e8, 5e9)] == [0, 0, 1, 2, 3, 4, 5]
    update = map_update(real_atlas, base, View(mode="exports", sectors=("Textile",)), None,
                        real_atlas.list_products())
    assert "exports of Textiles and apparel" in str(update.text["heading"])


def test_seaport_distance_filter_keeps_only_districts_near_a_seaport(real_atlas):
    rows = filter_products(real_atlas, View(seaport_km="50"))
    distances = real_atlas.investor.logistics.loc[rows["district_id"].unique(), "seaport_km"]
    assert len(rows) > 50 and (distances <= 50).all()
    assert TIRUPPUR not in set(rows["district_id"])


def test_the_panel_shows_export_profile_connectivity_and_nearby_parks(real_atlas):
    text = text_of(district_panel(district_detail(real_atlas, district_id(real_atlas, "Lucknow"))))
    assert "Export profile" in text and "exported in FY2024-25" in text and "exporter declared" in text
    assert "Chaudhary Charan Singh International Airport (LKO)" in text and "Straight-line" in text
    assert "PM MITRA Park Lucknow" in text and "post office" in text


def test_facilities_near_a_district_come_with_distance_and_status(real_atlas):
    near = nearby_facilities(real_atlas, district_id(real_atlas, "Hardoi"))
    lucknow = near[near["facility_name"].str.startswith("PM MITRA Park Lucknow")]
    assert len(lucknow) == 1 and not lucknow["inside"].iloc[0] and lucknow["km"].iloc[0] < 100


def test_clicking_a_park_on_the_map_selects_its_district(real_atlas):
    places = real_atlas.investor.places
    park = places[places["kind"] == "pm mitra park"].iloc[0]
    click = {"points": [{"curveNumber": trace_index(PLACES_TRACE), "customdata": park["district_id"]}]}
    assert clicked_district(click) == park["district_id"]


def test_the_opportunity_table_has_one_row_per_district_and_no_score(real_atlas):
    rows = filter_products(real_atlas, View(sectors=("Textile",)))
    table = opportunities(real_atlas, rows, ("Textile",))
    assert table["district_id"].is_unique and set(table["district_id"]) == set(rows["district_id"])
    tiruppur = table.set_index("district_id").loc[TIRUPPUR]
    assert tiruppur["sector_exports_usd"] > 1e9 and tiruppur["seaport"] and np.isfinite(tiruppur["airport_km"])
    assert not any("score" in c or "rank" in c for c in table.columns)


def test_gi_registry_links_are_shown_as_name_matches(real_atlas):
    varanasi = district_detail(real_atlas, "197")
    assert not varanasi.gi_links.empty
    text = text_of(district_panel(varanasi))
    assert "GI Registry: its name matches the registered GI" in text and "(a name match, not an official mapping)" in text


def test_moradabads_metal_craft_says_in_one_statement_what_the_list_and_the_registry_say(real_atlas):
    text = text_of(district_panel(district_detail(real_atlas, "135")))
    assert ("GI: the national list does not mark it GI-tagged. GI Registry: its name matches the registered GI "
            "Moradabad Metal Craft (Handicraft)") in text
    assert "GI-tagged" not in text.replace("mark it GI-tagged", "")  # no badge that contradicts the statement
    assert "DPIIT publishes no definition" in text  # what Primary / Secondary / Tertiary mean
