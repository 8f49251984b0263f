"""हिन्दी में: a planner switches to Hindi, finds Darbhanga by its Hindi name, reads its panel, downloads the map and
the table, and shares a link that opens in Hindi, on a desktop and on a phone."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from dashboard.devtools.browser import read_export, screenshot, wait_for_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_planner_switches_to_hindi_finds_darbhanga_by_its_hindi_name_and_shares_the_view(device, page, phone,
                                                                                          real_server, tmp_path):
    target = phone if device == "phone" else page
    target.goto(f"{real_server.url}?state=Bihar")
    wait_for_map(target)
    expect(target.locator("html")).to_have_attribute("lang", "en")
    target.locator("#language-switch a[lang=hi]").click()
    wait_for_map(target)
    expect(target.locator("html")).to_have_attribute("lang", "hi")
    assert "lang=hi" in target.url and "state=Bihar" in target.url  # the view came along
    expect(target.locator("#language-switch a[aria-current=true]")).to_have_text("हिन्दी")
    target.locator("#district-picker").click()
    target.keyboard.type("दरभंगा")
    option = target.get_by_role("option", name="दरभंगा (Darbhanga), बिहार")
    expect(option).to_be_visible()
    option.click()
    expect(target.locator("#panel-district-name")).to_have_text("दरभंगा")
    expect(target.locator("#panel")).to_contain_text("Darbhanga")
    expect(target.locator("#panel-products")).to_contain_text("Makhana")  # products stay as the list names them
    expect(target.locator("#panel")).to_contain_text("तथ्य पत्रक")
    screenshot(target, f"hindi-darbhanga-{device}")
    with target.expect_download() as csv_download:
        target.click("#download-csv-button")
    header, records = read_export(csv_download.value.path())
    assert any("बिहार" in line or "Bihar" in line for line in header) and records
    assert any(any("\u0900" <= c <= "\u097f" for c in line) for line in header)  # the comments are in Hindi
    assert set(records[0]) >= {"district", "product", "source"}  # column names stay English
    with target.expect_download():
        target.click("#download-png")
    exported = target.evaluate("window.odopLastExport")
    assert any("\u0900" <= c <= "\u097f" for c in exported["layout"]["title"]["text"])
    shared = target.url
    target.goto(shared)
    wait_for_map(target)
    expect(target.locator("html")).to_have_attribute("lang", "hi")
    expect(target.locator("#panel-district-name")).to_have_text("दरभंगा")
    assert target.external == [] and target.console_errors == []


def test_the_fact_sheet_of_a_bihar_district_opens_in_hindi(page, real_server):
    page.goto(f"{real_server.url}factsheet/lgd/195?lang=hi")
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    expect(page.locator("body")).to_contain_text("Makhana")
    assert any("\u0900" <= c <= "\u097f" for c in page.locator("h1, h2").first.inner_text() + page.title())
    screenshot(page, "hindi-factsheet-darbhanga")


def test_all_india_in_hindi(page, real_server):
    page.goto(f"{real_server.url}?lang=hi")
    wait_for_map(page)
    expect(page.locator("#filters-title, h2").first).to_be_visible()
    screenshot(page, "hindi-all-india")


def test_a_hindi_name_typed_before_the_district_list_has_come_is_kept(page, real_server):
    """The picker comes without the list of districts (fetched when the pointer reaches it); a user who types at
    once, on a slow network, keeps what was typed (Devanagari is typed as text, not as keys the closed picker
    reads) and finds the district when the list comes."""
    page.route("**/_odop/district-options-*", lambda route: (time.sleep(0.8), route.continue_()))
    page.goto(f"{real_server.url}?state=Bihar&lang=hi")
    wait_for_map(page)
    page.locator("#district-picker").click()
    page.keyboard.type("दरभंगा")
    page.get_by_role("option", name="दरभंगा (Darbhanga), बिहार").click()
    expect(page.locator("#panel-district-name")).to_have_text("दरभंगा")
    assert page.console_errors == []
