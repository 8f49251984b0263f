"""Every user, every device: keyboard only, a phone, axe-core, the files officials file, comparing districts."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dashboard.devtools.browser import CLICK_POINT_JS, choose, read_export, screenshot, wait_for_map

pytestmark = pytest.mark.browser

ERNAKULAM, VARANASI, CHANDAULI, TIRUPPUR = "595", "197", "196", "633"
FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, text: (e.innerText || e.getAttribute('aria-label') || '').slice(0, 40),
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""
INDIA_WIDTH = "document.querySelector('#map .choroplethlayer').getBoundingClientRect().width"
PAGE_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def lon_span(page) -> float:
    west, east = page.evaluate("document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range")
    return east - west


def test_a_keyboard_user_picks_ernakulam_by_name_and_its_panel_opens_with_the_map_zoomed(page, real_server):
    page.goto(real_server.url)
    wait_for_map(page)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the map")
    for language in ("English", "हिन्दी"):  # the header's language switch
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text(language)
    page.keyboard.press("Tab")
    expect(page.locator("#district-picker")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("input.dash-dropdown-search")).to_be_focused()
    page.keyboard.type("Ernakulam")
    expect(page.get_by_role("option", name="Ernakulam, Kerala")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-district-name")).to_have_text("Ernakulam")
    expect(page.locator("#panel-products")).to_contain_text("Oleo Raisins")
    assert "lgd=555" in page.url and "zoom=1" in page.url  # Ernakulam's LGD code (the atlas's id is 595)
    page.wait_for_function("() => { const r = document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range;"
                           " return r[1] - r[0] < 12; }")
    assert lon_span(page) < 12  # zoomed from India's ~30 degrees to the district and its surroundings
    screenshot(page, "keyboard-ernakulam")


def test_tab_walks_the_whole_page_and_back_without_a_trap_and_focus_is_always_visible(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    seen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if len(seen) > 1 and seen[-1]["text"] == "Skip to the map":
            break
    assert seen[-1]["text"] == "Skip to the map", f"focus never came back round: {seen[-5:]}"
    stops = [s for s in seen if s["tag"] != "BODY"]
    assert all(a != b for a, b in zip(stops, stops[1:])), "Tab stayed on one element"
    assert [s for s in stops if not s["ring"]] == []
    assert {"district-picker", "download-png", "state", "tab-gaps", "reset"} <= {s["id"] for s in stops}
    page.locator("#tab-gaps").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["id"] == "tab-compare"


def test_the_tables_tabs_follow_the_arrow_keys(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    page.locator("#tab-products").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-opportunities")).to_be_focused()
    expect(page.locator("#tab-opportunities")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tabpanel-opportunities")).to_be_visible()
    expect(page.locator("#tabpanel-products")).to_be_hidden()


AXE_STATES = {
    "default page": ("", "desktop"),
    "a selected district": (f"?district={VARANASI}&zoom=1", "desktop"),
    "a filtered state": ("?state=Kerala&sector=Agriculture", "desktop"),
    "the phone layout": (f"?district={TIRUPPUR}", "phone"),
    "a Census mode with the tribal overlay": ("?state=Odisha&mode=household&st=1", "desktop"),
    "the people and similar-districts sections on a phone": ("?lgd=179", "phone"),
    "the clusters view in Bihar with Darbhanga's partners": ("?state=Bihar&cl=1&lgd=195", "desktop"),
    "the investor tab": ("?sector=Textile#tab-opportunities", "desktop"),
    "an expanded scheme row on a phone": ("?lgd=187#details", "phone"),
    "Darbhanga in Hindi": ("?lang=hi&lgd=195", "desktop"),
    "Bihar in Hindi on a phone": ("?lang=hi&state=Bihar&lgd=195", "phone"),
}


@pytest.mark.parametrize("state", AXE_STATES)
def test_axe_finds_no_accessibility_violations(state, page, phone, real_server):
    query, device = AXE_STATES[state]
    target = phone if device == "phone" else page
    target.goto(real_server.url + query.split("#")[0])
    wait_for_map(target)
    if query.endswith("#tab-opportunities"):
        target.click("#tab-opportunities")
        expect(target.locator("#opportunities .ag-row").first).to_be_visible()
    if query.endswith("#details"):
        target.locator("#panel-schemes details.scheme-row summary").first.tap()
        expect(target.locator("#panel-schemes .scheme-body").first).to_be_visible()
    results = Axe().run(target)
    problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert problems == [], problems


def test_on_a_phone_the_map_comes_first_fills_the_width_and_a_tap_brings_the_panel_into_view(phone, real_server):
    phone.goto(real_server.url + "?points=0")
    wait_for_map(phone)
    assert phone.locator("#map").bounding_box()["y"] < phone.locator("#filters-toggle").bounding_box()["y"]
    assert phone.evaluate(INDIA_WIDTH) >= 340
    assert phone.evaluate(PAGE_OVERFLOW) <= 0
    expect(phone.locator("#filters-collapse")).to_be_hidden()
    screenshot(phone, "phone-initial")
    phone.locator("#filters-toggle").tap()
    expect(phone.locator("#filters-collapse")).to_be_visible()
    expect(phone.locator("#filters-toggle")).to_have_attribute("aria-expanded", "true")
    phone.locator("#filters-toggle").tap()
    expect(phone.locator("#filters-collapse")).to_be_hidden()
    phone.evaluate("window.scrollTo(0, 0)")
    point = phone.evaluate(CLICK_POINT_JS, VARANASI)
    phone.touchscreen.tap(*point)
    expect(phone.locator("#panel-district-name")).to_have_text("Varanasi")
    expect(phone.locator("#panel-district-name")).to_be_in_viewport()
    screenshot(phone, "phone-panel")


def test_the_fact_sheet_is_one_printed_page_with_map_products_schemes_and_sources(page, real_server, tmp_path):
    page.goto(f"{real_server.url}?district={VARANASI}")
    wait_for_map(page)
    with page.context.expect_page() as opened:
        page.get_by_role("link", name=re.compile("Fact sheet")).click()
    sheet = opened.value
    sheet.wait_for_load_state()
    expect(sheet.locator("h1")).to_have_text("Varanasi, Uttar Pradesh")
    for text in ("Silk Products", "Products", "Schemes that can apply", "Sources", "Nearest seaport",
                 "DPIIT ODOP list v31", "Clusters"):
        expect(sheet.locator("main")).to_contain_text(text)
    assert sheet.locator("svg path").count() >= 2  # the district and its neighbours
    sheet.set_viewport_size({"width": 900, "height": 1270})
    screenshot(sheet, "factsheet-varanasi")
    pdf = sheet.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    (tmp_path / "factsheet.pdf").write_bytes(pdf)


def test_two_districts_side_by_side_survive_a_reload_and_export_as_csv(page, real_server):
    page.goto(f"{real_server.url}?district={VARANASI}")
    wait_for_map(page)
    page.click("#compare-add")
    page.get_by_role("tab", name="Compare districts").click()
    choose(page, "compare-picker", "Chandauli")
    table = page.locator("#compare-grid")
    expect(table).to_contain_text("Varanasi, Uttar Pradesh")
    expect(table).to_contain_text("Chandauli, Uttar Pradesh")
    expect(table).to_contain_text("Nearest seaport")
    assert "cmp=187" in page.url and "cmp=135" in page.url  # the LGD codes of Varanasi and Chandauli
    screenshot(page, "compare-varanasi-chandauli")
    page.reload()
    wait_for_map(page)
    page.get_by_role("tab", name="Compare districts").click()
    expect(page.locator("#compare-grid")).to_contain_text("Chandauli, Uttar Pradesh")
    with page.expect_download() as download_info:
        page.click("#download-compare-button")
    header, records = read_export(download_info.value.path())
    assert any(line.startswith("# data version:") for line in header)
    assert [r["district"] for r in records] == ["Varanasi", "Chandauli"]  # a row per district, facts as columns
    assert "Silk Products" in records[0]["products"] and records[0]["airport_km"] == "0"
    assert any("Varanasi (Uttar Pradesh); Chandauli (Uttar Pradesh)" in line for line in header)


def test_a_search_that_matches_nothing_says_so_and_offers_to_clear_the_filters(page, real_server):
    """No ODOP list names caviar: the page says nothing matches and offers one button to clear the filters."""
    page.goto(real_server.url)
    wait_for_map(page)
    page.get_by_label("Product or district search").fill("caviar")
    notice = page.locator("#empty-result")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("No districts match these filters")
    expect(page.locator("#stat-districts")).to_have_text(re.compile(r"^0 of 777"))
    notice.get_by_role("button", name="Clear filters").click()
    expect(notice).to_be_hidden()
    expect(page.get_by_label("Product or district search")).to_have_value("")
    expect(page.locator("#stat-districts")).to_have_text("771 of 777")


def test_a_20000_character_state_in_a_link_gives_a_banner_not_a_broken_page(page, small_server):
    page.goto(small_server.url + "?state=" + "K" * 20_000)
    wait_for_map(page)
    expect(page.locator("#url-message")).to_contain_text("characters long")
    assert page.evaluate(PAGE_OVERFLOW) <= 0  # (a 100,000-character link: tests/test_serving.py, under gunicorn)
