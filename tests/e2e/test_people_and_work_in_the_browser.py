"""A planner weighing an ODOP product and an investor looking for skilled hands, in the browser: the Census 2011
colour modes and tribal overlay in a state view, the panel's people-and-work section and "districts like this
one", at desktop and phone sizes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.devtools.browser import screenshot, wait_for_map
from dashboard.queries.census import tribal_districts

pytestmark = pytest.mark.browser

BHADOHI_LGD, MIRZAPUR_LGD = "179", "170"
TRACE_META = "(name) => document.querySelector('#map .js-plotly-plot').data.find(t => t.name === name).meta || []"
MAJORITY, SIGNIFICANT = "tribal-majority", "tribal-significant"


def test_a_planner_colours_odisha_by_household_industry_and_outlines_its_tribal_districts(page, real_server,
                                                                                         real_atlas):
    page.goto(f"{real_server.url}?state=Odisha&points=0")
    wait_for_map(page)
    page.get_by_role("radio", name="Household industry (Census 2011)").check()
    expect(page.locator("#legend")).to_contain_text("10% or more")
    expect(page.locator("#legend")).to_contain_text("638 of 777 districts have Census 2011 figures of their own")
    expect(page.locator("#map-sources")).to_contain_text("Census of India 2011")
    page.get_by_label("Outline tribal districts (Census 2011)").check()
    expect(page.locator("#legend")).to_contain_text("Scheduled Tribes 50% or more (Census 2011)")
    page.wait_for_function(f"() => ({TRACE_META})('{MAJORITY}').length > 0")
    assert set(page.evaluate(TRACE_META, MAJORITY)) == set(tribal_districts(real_atlas, 50))
    assert set(page.evaluate(TRACE_META, SIGNIFICANT)) == set(tribal_districts(real_atlas, 25, 50))
    assert "mode=household" in page.url and "st=1" in page.url
    screenshot(page, "census-odisha-household-tribal")
    page.reload()  # the shared link keeps the mode and the overlay
    wait_for_map(page)
    expect(page.locator("#legend")).to_contain_text("Scheduled Tribes 25–50% (Census 2011)")
    expect(page.get_by_role("radio", name="Household industry (Census 2011)")).to_be_checked()
    assert page.external == [] and page.console_errors == []


def test_the_png_of_a_tribal_share_map_names_the_census_as_its_source(page, real_server):
    page.goto(f"{real_server.url}?state=Jharkhand&mode=tribal&st=1&points=0")
    wait_for_map(page)
    with page.expect_download():
        page.click("#download-png")
    exported = page.evaluate("window.odopLastExport")
    footer = exported["layout"]["annotations"][0]["text"]
    assert "Scheduled Tribes (Census 2011)" in exported["layout"]["title"]["text"]
    assert "Census of India 2011" in footer and "DGCI&S" not in footer
    assert any(t["name"] == MAJORITY and t.get("meta") for t in exported["data"])


def test_bhadohis_panel_shows_its_people_and_work_and_a_similar_district_opens_with_one_click(page, real_server):
    page.goto(f"{real_server.url}?lgd={BHADOHI_LGD}")
    wait_for_map(page)
    expect(page.get_by_role("heading", name="People and work (Census 2011)")).to_be_visible()
    people = page.locator("#panel-people")
    expect(people).to_contain_text("13.3% of workers")
    expect(people).to_contain_text("#3 of 71 in Uttar Pradesh")
    similar = page.locator("#panel-similar")
    expect(similar).to_contain_text("products named alike: carpet")
    similar.scroll_into_view_if_needed()
    screenshot(page, "census-bhadohi-panel")
    similar.get_by_role("link", name="Mirzapur, Uttar Pradesh").click()
    expect(page.locator("#panel-district-name")).to_have_text("Mirzapur")
    assert f"lgd={MIRZAPUR_LGD}" in page.url
    assert page.console_errors == []


def test_on_a_phone_a_new_district_says_whose_census_figures_it_shows_and_a_match_opens_by_tap(phone, real_server):
    phone.goto(f"{real_server.url}?lgd=744")  # Anakapalli, carved out of Visakhapatnam in 2022
    wait_for_map(phone)
    people = phone.locator("#panel-people")
    expect(people).to_contain_text("Census 2011, as part of Visakhapatnam")
    people.scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(phone, "census-phone-anakapalli")
    link = phone.locator("#panel-similar a").first
    name = link.inner_text().split(",")[0]
    link.scroll_into_view_if_needed()
    link.tap()
    expect(phone.locator("#panel-district-name")).to_have_text(name)
    assert phone.console_errors == []
