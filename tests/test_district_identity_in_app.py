"""Places a user can join and trust: real LGD codes in the panel, fact sheet, CSVs and links; distances from the
district itself; ports that are ports; islands without a railway; new districts' exports under their parent."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from test_callbacks import text_of

from dashboard.app import create_app
from dashboard.maps.modes import view_choices
from dashboard.panels import district_panel
from dashboard.queries import district_detail, filter_products
from dashboard.queries.exporting import product_export
from dashboard.queries.investor import connectivity
from dashboard.view import View, next_view

VARANASI = "197"  # the atlas's own id of Varanasi: its Census 2011 code (LGD code 187)


def polygon(atlas, name: str) -> str:
    return atlas.districts.loc[atlas.districts["district_name"] == name, "district_id"].iloc[0]


@pytest.fixture(scope="module")
def client(real_atlas):
    return create_app(real_atlas).server.test_client()


def test_varanasis_panel_fact_sheet_and_csv_say_lgd_code_187_and_census_code_197(real_atlas, client):
    detail = district_detail(real_atlas, VARANASI)
    assert (detail.lgd_code, detail.census2011_code) == ("187", "197")
    assert "LGD code 187 · Census 2011 code 197" in text_of(district_panel(detail))
    sheet = client.get("/factsheet/lgd/187").get_data(as_text=True)
    assert "Varanasi, Uttar Pradesh" in sheet and "LGD code 187 · Census 2011 code 197" in sheet
    rows = product_export(filter_products(real_atlas, View(search="Varanasi")))
    csv = pd.read_csv(io.StringIO(rows.to_csv(index=False)), dtype=str)
    assert "district_id" not in csv and set(csv.loc[csv["district"] == "Varanasi", "lgd_code"]) == {"187"}


def test_an_old_link_opens_the_same_district_and_a_new_lgd_link_opens_the_lgd_district(real_atlas):
    choices = view_choices(real_atlas)
    old = next_view(View(), "url", "?district=197", choices)
    assert old.view.district_id == VARANASI and old.rewrite_url
    assert old.view.to_query_string(choices.lgd_codes) == "?lgd=187"
    new = next_view(View(), "url", "?lgd=197", choices)
    assert real_atlas.districts.set_index("district_id").at[new.view.district_id, "district_name"] == "Gopalganj"
    assert not new.rewrite_url


def test_an_unknown_lgd_code_in_a_link_never_opens_another_district(real_atlas):
    transition = next_view(View(), "url", "?lgd=99999", view_choices(real_atlas))
    assert transition.view.district_id is None and any("LGD 99999" in p for p in transition.problems)


def test_a_port_inside_a_district_is_in_the_district_and_passes_within_50_km(real_atlas):
    jagatsinghpur = polygon(real_atlas, "Jagatsinghpur")
    links = connectivity(real_atlas, jagatsinghpur)
    assert links.seaport.name == "Paradip" and links.seaport.km == 0 and links.seaport.inside
    assert "Paradip (INPPT), in the district" in text_of(district_panel(district_detail(real_atlas, jagatsinghpur)))
    rows = filter_products(real_atlas, View(seaport_km="50", state="Odisha"))
    assert jagatsinghpur in set(rows["district_id"])
    assert connectivity(real_atlas, polygon(real_atlas, "Kachchh")).airport.inside  # Bhuj airport


def test_no_districts_nearest_seaport_is_a_planned_or_closed_port(real_atlas):
    names = set(real_atlas.investor.logistics["seaport_name"])
    assert not names & {"Dholera", "Navlakhi (planned)", "Calcutta", "Bombay", "Madras"}


def test_no_island_district_names_a_railway_station(real_atlas):
    islands = real_atlas.districts[real_atlas.districts["state_name"].isin(["Andaman and Nicobar Islands",
                                                                             "Lakshadweep"])]
    assert len(islands) >= 4
    for district_id in islands["district_id"]:
        links = connectivity(real_atlas, district_id)
        assert links.station is None and "no railway" in links.note
        assert "no railway (island district)" in text_of(district_panel(district_detail(real_atlas, district_id)))


def test_a_district_created_since_2011_shows_its_parents_exports_with_the_reason(real_atlas):
    manyam = polygon(real_atlas, "Parvathipuram Manyam")  # carved out of Srikakulam and Vizianagaram in 2022
    detail = district_detail(real_atlas, manyam)
    assert detail.lgd_code == "743" and detail.census2011_code == "" and detail.created == "2022"
    assert detail.exports is None and [p.name for p in detail.parents] == ["Srikakulam", "Vizianagaram"]
    assert all(p.exports_usd for p in detail.parents)
    text = text_of(district_panel(detail))
    assert "Exports recorded under Srikakulam" in text and "Exports recorded under Vizianagaram" in text
    assert "DGCI&S uses the older districts" in text and "No recorded exports" not in text
    assert "Census 2011 code none: created in 2022, after the Census 2011" in text
