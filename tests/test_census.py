"""People and work behind the products: the Census 2011 table, its join, the tribal overlay and the colour modes,
the panel section, and "districts like this one"."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.census import RAW_CENSUS, census_table, read_workbook
from dashboard.data.census import coverage
from dashboard.maps.figures import overlays_of
from dashboard.maps.modes import MODES, mode_note, mode_values
from dashboard.panels import district_facts, district_panel
from dashboard.queries import district_detail
from dashboard.queries.census import tribal_districts
from dashboard.queries.investor import opportunities
from dashboard.queries.similar import similar_districts
from dashboard.view import View

DATA = Path(__file__).resolve().parent.parent / "data"
BHADOHI, MIRZAPUR, ANAKAPALLI, HANUMAKONDA, MAYURBHANJ = "198", "199", "685", "731", "376"
CARPET_OR_HANDLOOM = ("carpet", "handloom", "dari", "durrie", "silk")


@pytest.fixture(scope="module")
def workbook() -> pd.DataFrame:
    return read_workbook(DATA / "census" / "raw" / RAW_CENSUS)


def workbook_row(workbook: pd.DataFrame, name: str) -> pd.Series:
    rows = workbook[(workbook["Level"] == "DISTRICT") & (workbook["TRU"] == "Total")
                    & (workbook["Name"].str.strip() == name)]
    assert len(rows) == 1, name
    return rows.iloc[0]


@pytest.mark.parametrize("name", ["Sant Ravidas Nagar (Bhadohi)", "Mayurbhanj", "Dakshina Kannada", "Murshidabad", "Nicobars", "Almora"])
def test_our_census_table_holds_the_workbooks_own_district_counts(workbook, name):
    ours = pd.read_csv(DATA / "census" / "census2011_districts.csv", dtype={"census2011_code": str})
    row, raw = ours[ours["census_name"] == name].iloc[0], workbook_row(workbook, name)
    assert row["census2011_code"] == raw["District"]
    assert row["population"] == raw["TOT_P"] and row["scheduled_tribes"] == raw["P_ST"]
    assert row["household_industry_workers"] == raw["MAIN_HH_P"] + raw["MARG_HH_P"]
    assert row["workers"] == raw["TOT_WORK_P"]


def test_the_table_has_every_census_district_and_india_adds_up(workbook):
    table = census_table(workbook)
    india = workbook[(workbook["Level"] == "India") & (workbook["TRU"] == "Total")].iloc[0]
    assert len(table) == 640 and table["census2011_code"].is_unique
    assert table["population"].sum() == india["TOT_P"] == 1_210_854_977
    assert table["scheduled_tribes"].sum() == india["P_ST"]
    assert table["census_name"].str.contains(r"\s{2,}|\n").sum() == 0  # "Almora" has a line break in the workbook


def test_the_household_industry_leaders_are_the_ones_the_census_names(real_atlas):
    own = real_atlas.census[real_atlas.census["basis"] == "own"]
    leaders = own.nlargest(5, "household_industry_pct")["census_name"].tolist()
    assert leaders == ["Dakshina Kannada", "Murshidabad", "Mau", "Tirunelveli", "Haora"]


def test_a_district_created_since_2011_shows_its_parents_figures_labelled_with_the_parent(real_atlas):
    detail = district_detail(real_atlas, ANAKAPALLI)
    assert detail.people.basis == "parent" and detail.people.parent_name == "Visakhapatnam"
    visakhapatnam = real_atlas.census[real_atlas.census["census_name"] == "Visakhapatnam"].iloc[0]
    assert detail.people.figures["population"] == visakhapatnam["population"]
    assert detail.people.ranks == {}  # a parent's figures are never ranked as this district's
    facts = district_facts(detail)
    assert "Census 2011, as part of Visakhapatnam" in facts["people"]
    assert "Census 2011, as part of Visakhapatnam" in str(district_panel(detail))


def test_a_district_carved_from_two_has_no_figures_and_says_whose_people_they_were(real_atlas):
    detail = district_detail(real_atlas, HANUMAKONDA)
    assert detail.people.basis == "none" and detail.people.figures == {}
    assert "created since 2011 from Warangal and Karimnagar" in district_facts(detail)["people"]


def test_the_maps_census_modes_colour_only_districts_with_their_own_figures(real_atlas):
    values = mode_values(real_atlas, View(mode="household"), real_atlas.products)
    assert ANAKAPALLI not in values.index and BHADOHI in values.index
    assert values[BHADOHI] == pytest.approx(13.32)
    assert "638 of 777 districts" in mode_note(real_atlas, View(mode="tribal"))
    assert all(MODES[key].sources == ("sources.census2011",) for key in ("household", "tribal", "literacy"))


def test_the_tribal_overlay_draws_exactly_the_districts_above_each_threshold(real_atlas):
    census = real_atlas.census[real_atlas.census["basis"] == "own"]
    shown = overlays_of(real_atlas, View(show_tribal=True))
    majority, significant = shown["tribal-majority"], shown["tribal-significant"]
    assert set(majority) == set(census.index[census["st_pct"] >= 50]) and len(majority) == 90
    assert set(significant) == set(census.index[(census["st_pct"] >= 25) & (census["st_pct"] < 50)])
    assert MAYURBHANJ in majority and not set(majority) & set(significant)
    assert overlays_of(real_atlas, View())["tribal-majority"] == ()
    assert tribal_districts(real_atlas, 50) == tuple(sorted(majority))


def test_census_coverage_counts_own_parent_and_none(real_atlas):
    counts = coverage(real_atlas.census, real_atlas.lgd_districts["district_id"])
    assert counts == {"own": 638, "parent": 109, "none": 30} and sum(counts.values()) == 777


def test_bhadohi_is_ranked_in_its_state_and_india_for_household_industry(real_atlas):
    facts = district_facts(district_detail(real_atlas, BHADOHI))
    assert facts["household_industry"].startswith("13.3% of workers;")
    assert "#3 of 71 in Uttar Pradesh" in facts["household_industry"] and "of 638 in India" in facts["household_industry"]


def test_districts_like_bhadohi_include_another_carpet_district_and_say_why(real_atlas):
    matches = similar_districts(real_atlas, BHADOHI)
    assert len(matches) == 5 and BHADOHI not in {m.district_id for m in matches}
    products = real_atlas.list_products()
    crafts = [m for m in matches if products[products["district_id"] == m.district_id]["product"].str.lower()
              .str.contains("|".join(CARPET_OR_HANDLOOM)).any()]
    assert crafts, [m.name for m in matches]
    mirzapur = next(m for m in matches if m.district_id == MIRZAPUR)
    assert "products named alike: carpet" in mirzapur.reasons


def test_districts_like_this_one_are_the_same_every_time_and_best_first(real_atlas):
    first = similar_districts(real_atlas, BHADOHI)
    assert first == similar_districts(real_atlas, BHADOHI)
    assert [m.score for m in first] == sorted((m.score for m in first), reverse=True)
    assert similar_districts(real_atlas, "no such district") == []


def test_an_investor_looking_for_skilled_hands_sees_household_industry_in_the_investor_table(real_atlas):
    rows = real_atlas.list_products()
    table = opportunities(real_atlas, rows[rows["state"] == "Uttar Pradesh"], ("Handicraft",)).set_index("district_id")
    assert table.at[BHADOHI, "household_industry_pct"] == pytest.approx(13.32)
    assert pd.isna(table.loc[table["district"] == "Sambhal", "household_industry_pct"]).all()  # created since 2011
