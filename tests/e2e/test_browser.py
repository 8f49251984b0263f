"""End-to-end: a person using ODOP Atlas in headless Chromium, with the internet blocked."""

from __future__ import annotations

import json
import re
import shutil
import struct
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from fixture_data import VARANASI
from PIL import Image
from playwright.sync_api import expect

from dashboard.devtools.browser import (
    SCREENSHOTS,
    choose,
    click_district,
    drawn_areas,
    read_export,
    screenshot,
    scroll_to_table,
    wait_for_map,
)

pytestmark = pytest.mark.browser

PLACES = "facilities, airports and seaports"

# Number of points of a named map trace (traces are found by name, never by position).
TRACE_POINTS = """(name) => {
  const trace = document.querySelector('#map .js-plotly-plot').data.find(t => t.name === name);
  return trace ? trace.lon.filter(x => x !== null).length : -1;
}"""


def wait_for_points(page, trace: str, condition: str) -> None:
    """Wait until the named trace's point count meets ``condition`` (a function, not a string the page would
    have to eval: the app's Content-Security-Policy forbids eval, for tests too)."""
    page.wait_for_function(f"(name) => ({TRACE_POINTS})(name) {condition}", arg=trace)


def test_a_click_outlines_the_district_at_once_even_while_the_server_is_still_answering(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    held = []
    page.route("**/_dash-update-component*", lambda route: held.append(route))  # the server "is slow"
    click_district(page, VARANASI)
    page.wait_for_selector("#map path.odop-picked", state="attached", timeout=5_000)
    assert held, "the click went to the server too"
    screenshot(page, "small-outline-at-once")
    page.unroute("**/_dash-update-component*")
    for route in held:
        route.continue_()
    wait_for_points(page, "selected district", "> 0")  # the server's outline replaces the instant one
    expect(page.locator("#map path.odop-picked")).to_have_count(0)
    expect(page.locator("#panel-district-name")).to_have_text("Varanasi")
    assert page.console_errors == []


def test_the_search_box_suggests_the_lists_product_names(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    expect(page.locator("#product-names option")).to_have_count(0)  # fetched when the box is first focused
    page.get_by_label("Product or district search").focus()
    suggestions = page.locator("#product-names option")
    expect(suggestions.first).to_be_attached()
    names = suggestions.evaluate_all("options => options.map(o => o.value)")
    assert "Banarasi silk saree" in names and names == sorted(names, key=str.lower)
    assert page.get_by_label("Product or district search").get_attribute("list") == "product-names"


def test_page_loads_offline_with_every_district_drawn_and_no_console_errors(page, small_server, small_atlas):
    page.goto(small_server.url)
    wait_for_map(page)
    assert drawn_areas(page) == len(small_atlas.districts)
    expect(page.locator("#stat-districts")).to_contain_text("of 15")
    screenshot(page, "small-initial")
    assert page.external == []
    assert page.console_errors == []
    assert any("plotly-geo.min.js" in url for url in page.requested)
    assert not any("package_data/plotly.min.js" in url for url in page.requested)


def test_clicking_varanasi_shows_banarasi_silk_and_outlines_it(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    click_district(page, VARANASI)
    expect(page.locator("#panel-district-name")).to_have_text("Varanasi")
    expect(page.locator("#panel-products")).to_contain_text("Banarasi silk saree")
    expect(page.locator("#panel-clusters")).to_contain_text("Chandauli")
    wait_for_points(page, "cluster partner districts", "> 10")  # Chandauli and Bhadohi outlined
    assert f"district={VARANASI}" in page.url
    page.wait_for_load_state("networkidle")
    screenshot(page, "small-varanasi-selected")
    click_district(page, VARANASI)
    expect(page.locator("#panel")).to_contain_text("Click a district on the map")
    assert page.console_errors == []


def test_selecting_a_state_filters_the_table_and_the_csv_download(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    choose(page, "state", "Rajasthan")
    expect(page.locator("#stat-districts")).to_have_text("1 of 1")
    scroll_to_table(page)
    rows = page.locator("#table .ag-center-cols-container .ag-row")
    expect(rows).to_have_count(1)  # Jaipur
    expect(page.locator("#table")).to_contain_text("Blue pottery")
    with page.expect_download() as download_info:
        page.click("#download-csv-button")
    header, records = read_export(download_info.value.path())
    assert any(line.startswith("# data version:") for line in header) and any("Rajasthan" in line for line in header)
    assert [(r["district"], r["product"]) for r in records] == [("Jaipur", "Blue pottery")]
    assert records[0]["source"].startswith("https://")
    screenshot(page, "small-rajasthan")


def test_reloading_a_shared_link_restores_filters_and_selection(page, small_server):
    page.goto(f"{small_server.url}?state=Uttar+Pradesh&sector=Handicraft&district={VARANASI}")
    wait_for_map(page)
    expect(page.locator("#state")).to_contain_text("Uttar Pradesh")
    expect(page.locator("#panel-district-name")).to_have_text("Varanasi")
    scroll_to_table(page)
    expect(page.locator("#table")).to_contain_text("Pink meenakari")
    expect(page.locator("#table")).not_to_contain_text("Leather Products")
    query = parse_qs(urlparse(page.url).query)
    assert query["state"] == ["Uttar Pradesh"] and query["district"] == [VARANASI]


def test_a_bad_shared_link_shows_a_message(page, small_server):
    page.goto(f"{small_server.url}?state=Atlantis&district=<script>alert(1)</script>")
    wait_for_map(page)
    expect(page.locator("#url-message")).to_contain_text("Unknown state 'Atlantis'")
    expect(page.locator("#url-message")).to_contain_text("Unknown district")
    assert page.console_errors == []


def test_the_map_png_an_official_files_names_the_view_district_data_and_date_at_a4(page, small_server, tmp_path):
    page.goto(f"{small_server.url}?state=Uttar+Pradesh&district={VARANASI}")
    wait_for_map(page)
    with page.expect_download() as download_info:
        page.click("#download-png")
    download = download_info.value
    assert re.fullmatch(r"odop-atlas-map-\d{4}-\d{2}-\d{2}\.png", download.suggested_filename)
    target = tmp_path / "map.png"
    download.save_as(target)
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (3508, 2480)  # A4 landscape at 300 dpi
    exported = page.evaluate("window.odopLastExport")
    title, footer = exported["layout"]["title"]["text"], exported["layout"]["annotations"][0]["text"]
    assert "Main product sector" in title and "Uttar Pradesh" in title and "Selected district: Varanasi" in title
    assert "Data version:" in footer and re.search(r"Exported \d{4}-\d{2}-\d{2}", footer) and "Sources:" in footer
    districts = next(t for t in exported["data"] if t["name"] == "districts")
    assert exported["layout"]["margin"]["b"] >= 100 and districts["showscale"] is True  # legend on
    assert [t["name"] for t in exported["data"] if t.get("showscale")] == ["districts"]
    shutil.copy(target, SCREENSHOTS / "export-map.png") if SCREENSHOTS.exists() else None


def test_real_data_map_draws_all_india_offline_and_varanasi_shows_its_products(page, real_server, real_atlas):
    page.goto(real_server.url)
    wait_for_map(page)
    assert drawn_areas(page) == len(real_atlas.districts) == 808
    assert drawn_areas(page, "state borders") == len(real_atlas.states)
    expect(page.locator("#coverage")).to_contain_text(real_atlas.coverage_sentence())
    screenshot(page, "real-initial")
    choose(page, "state", "Uttar Pradesh")
    expect(page.locator("#stat-districts")).to_contain_text("of 75")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    click_district(page, VARANASI)
    expect(page.locator("#panel-products")).to_contain_text("Silk Products")
    screenshot(page, "real-varanasi")
    assert page.external == []
    assert page.console_errors == []


def test_table_column_filter_row_click_and_csv_export_of_the_rows_shown(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    scroll_to_table(page)
    page.get_by_role("textbox", name="Product Filter Input").fill("meena")
    rows = page.locator("#table .ag-center-cols-container .ag-row")
    expect(rows).to_have_count(1)
    rows.first.locator("[col-id='product']").click()
    expect(page.locator("#panel-district-name")).to_have_text("Varanasi")
    with page.expect_download() as download_info:
        page.click("#download-csv-button")
    _, records = read_export(download_info.value.path())
    assert [(r["district"], r["product"]) for r in records] == [("Varanasi", "Pink meenakari")]
    assert "source_note" in records[0]
    screenshot(page, "small-table-filtered")


NATIONAL_LIST_CLICKS = [
    # (state, district_id, panel name, official product, sector, category, listed-as note)
    ("Uttar Pradesh", "197", "Varanasi", "Silk Products", "Textile", "Primary", None),
    ("Assam", "322", "Kamrup Metro", "Home Furnishing made of Eri", "Textile", "Primary", "Listed as “Kamrup (M)”"),
    ("Assam", "317", "Sribhumi", "Cane & Bamboo Furniture", "Handicraft", "Secondary", "Listed as “Karimganj”"),
    ("Andaman and Nicobar Islands", "640", "South Andamans", "Marine Products", "Marine", "Primary", None),
    ("Madhya Pradesh", "449", "Narmadapuram", "Sightseeing", "Others", "Primary", "Listed as “Hoshangabad”"),
    ("Puducherry", "635", "Puducherry", "Coir Products", "Handicraft", "Primary", "Listed as “Mahe”"),
    ("Kerala", "595", "Ernakulam", "Oleo Raisins", "Agriculture", "Primary", None),
    ("Gujarat", "468", "Kachchh", "Green Dates", "Agriculture", "Secondary", "Listed as “Kachch”"),
    ("Sikkim", "242", "Gyalshing", "Trout Fishing", "Marine", "Secondary", "Listed as “West Sikkim (Geyzing)”"),
    ("Mizoram", "283", "Aizawl", "Dragon Fruit", "Agriculture", "Primary", None),
]


@pytest.mark.parametrize("state, district_id, name, product, sector, category, listed_as", NATIONAL_LIST_CLICKS,
                         ids=[c[2] for c in NATIONAL_LIST_CLICKS])
def test_clicking_a_district_shows_its_official_national_list_products(page, real_server, state, district_id, name,
                                                                       product, sector, category, listed_as):
    page.goto(f"{real_server.url}?state={state.replace(' ', '+')}&points=0")  # no port marker over a small district
    wait_for_map(page)
    click_district(page, district_id)
    expect(page.locator("#panel-district-name")).to_have_text(name)
    item = page.locator("#panel-products li", has_text=product).first
    expect(item).to_contain_text(sector)
    expect(item).to_contain_text(category)
    expect(item).to_contain_text("Source: DPIIT ODOP list v31, 7 Jul 2025")
    if listed_as:
        expect(page.locator("#panel-products")).to_contain_text(listed_as)
    assert page.external == [] and page.console_errors == []
    if name in ("Sribhumi", "Puducherry"):
        screenshot(page, f"real-panel-{name.lower()}")


def test_choosing_another_list_recolours_the_table_badge_and_panel(page, small_server):
    page.goto(f"{small_server.url}?district={VARANASI}")
    wait_for_map(page)
    expect(page.locator("#coverage")).to_contain_text("National ODOP list (fixture)")
    choose(page, "list", "PMFME")
    expect(page.locator("#coverage")).to_contain_text("PMFME list (fixture): Products known for 2 of 15")
    scroll_to_table(page)
    expect(page.locator("#table .ag-center-cols-container .ag-row")).to_have_count(2)
    expect(page.locator("#panel-products")).to_contain_text("Aonla products")
    expect(page.locator("#panel-other-lists")).to_contain_text("DPIIT ODOP: Banarasi silk saree")
    assert "list=PMFME+ODOP" in page.url
    page.reload()
    wait_for_map(page)
    expect(page.locator("#coverage")).to_contain_text("PMFME list (fixture)")
    expect(page.locator("#list")).to_contain_text("PMFME list (fixture)")


def test_an_investor_picks_a_sector_sees_exports_and_distances_and_toggles_the_parks(page, real_server):
    page.goto(f"{real_server.url}?state=Tamil+Nadu")
    wait_for_map(page)
    choose(page, "sectors", "Textile")
    page.get_by_label("Exports FY2024-25 (USD)").check()
    expect(page.locator("#map-heading")).to_contain_text("exports of Textiles and apparel")
    page.wait_for_load_state("networkidle")
    click_district(page, "633")  # Tiruppur
    expect(page.locator("#panel-district-name")).to_have_text("Tiruppur")
    expect(page.locator("#panel-exports")).to_contain_text("Textiles and apparel")
    expect(page.locator("#panel-exports")).to_contain_text("exporter declared")
    expect(page.locator("#panel-connectivity")).to_contain_text("Coimbatore International Airport (CJB)")
    expect(page.locator("#panel-connectivity")).to_contain_text("Straight-line")
    assert page.evaluate(f"({TRACE_POINTS})('{PLACES}')") > 100
    page.get_by_label("Show parks, airports and seaports").uncheck()
    wait_for_points(page, PLACES, "=== 0")
    screenshot(page, "real-investor-tiruppur")
    page.get_by_role("tab", name="Districts for investors").click()
    grid = page.locator("#opportunities .ag-center-cols-container .ag-row")
    expect(grid.first).to_be_visible()
    expect(page.locator("#opportunities-note")).to_contain_text("sector: Textile")
    first = page.locator("#opportunities .ag-pinned-left-cols-container .ag-row").first
    name = first.inner_text().strip()
    first.click()
    expect(page.locator("#panel-district-name")).to_have_text(name)
    with page.expect_download() as download_info:
        page.click("#download-opportunities-button")
    _, records = read_export(download_info.value.path())
    assert {"seaport_km", "airport_km", "sector_exports_usd", "schemes"} <= set(records[0])
    assert page.external == [] and page.console_errors == []


def test_a_planner_outlines_aspirational_districts_and_maps_where_two_schemes_overlap(page, real_server):
    page.goto(f"{real_server.url}?state=Jharkhand&points=0")
    wait_for_map(page)
    page.get_by_label("Outline the Aspirational Districts").check()
    wait_for_points(page, "aspirational districts", "> 100")
    choose(page, "schemes", "PMFME")
    choose(page, "schemes", "Aspirational Districts")
    page.get_by_label("Chosen schemes").check()
    expect(page.locator("#legend")).to_contain_text("both")
    expect(page.locator("#legend")).to_contain_text("PMFME only")
    assert "scheme=pmfme" in page.url and "scheme=adp" in page.url and "aspo=1" in page.url
    click_district(page, "357")  # East Singhbhum, an Aspirational District
    expect(page.locator("#panel-schemes")).to_contain_text("can apply here")
    screenshot(page, "real-planner-jharkhand")
    with page.expect_download() as download_info:
        page.click("#download-brief-button")
    _, records = read_export(download_info.value.path())
    assert records and {"district", "product", "scheme", "basis", "source"} <= set(records[0])
    assert {r["state"] for r in records} == {"Jharkhand"}
    assert page.external == [] and page.console_errors == []


def test_an_old_shared_link_opens_the_same_district_and_the_address_becomes_its_lgd_code(page, real_server):
    page.goto(f"{real_server.url}?district=197")  # a link made when districts travelled by the atlas's own id
    wait_for_map(page)
    expect(page.locator("#panel-district-name")).to_have_text("Varanasi")
    expect(page.locator("#panel-codes")).to_have_text("LGD code 187 · Census 2011 code 197")
    page.wait_for_function("() => window.location.search === '?lgd=187'")
    page.goto(f"{real_server.url}?lgd=197")  # LGD 197 is Gopalganj, Bihar
    wait_for_map(page)
    expect(page.locator("#panel-district-name")).to_have_text("Gopalganj")
    assert page.external == [] and page.console_errors == []


@pytest.mark.parametrize("name, lgd, expected", [
    ("Jagatsinghpur", "355", "Paradip (INPPT), in the district"),        # coastal, with its own port
    ("South Andamans", "602", "no railway (island district)"),           # island
    ("Parvathipuram Manyam", "743", "Exports recorded under Srikakulam"),  # created since 2011
])
def test_a_coastal_an_island_and_a_new_districts_panels_say_what_users_know(page, real_server, name, lgd, expected):
    page.goto(f"{real_server.url}?lgd={lgd}&points=0")
    wait_for_map(page)
    expect(page.locator("#panel-district-name")).to_have_text(name)
    expect(page.locator("#panel")).to_contain_text(expected)
    page.locator("#panel-connectivity").scroll_into_view_if_needed()
    screenshot(page, f"places-{name.lower().replace(' ', '-')}")
    assert page.external == [] and page.console_errors == []


def test_the_map_is_drawn_from_the_one_topology_the_page_preloads(page, real_server):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(real_server.url)
    wait_for_map(page)
    geometry = [url for url in fetched if "/_odop/" in url]
    assert len(geometry) == 1 and "/_odop/geometry.topo.json?v=" in geometry[0]  # not the GeoJSON of each trace
    drawn = page.evaluate("""() => Object.fromEntries(document.querySelector('#map .js-plotly-plot').data
        .filter(trace => trace.type === 'choropleth').map(trace => [trace.name, trace.locations.length]))""")
    paths = page.locator("#map path.choroplethlocation")
    assert paths.count() == drawn["districts"] + drawn["state borders"] == 808 + 36
    assert page.external == [] and page.console_errors == []


# Records whether the map ever showed as Dash's placeholder for a component still loading (a Suspense fallback).
WATCH_PLACEHOLDER = """new MutationObserver(() => {
  if (document.querySelector('#map.dash-graph--pending')) { window.odopSawPlaceholder = true; }
}).observe(document, {childList: true, subtree: true, attributes: true});"""


def test_the_page_asks_once_for_what_it_preloads_and_draws_the_map_without_a_placeholder(page, real_server):
    page.add_init_script(WATCH_PLACEHOLDER)
    asked = []
    page.on("request", lambda request: asked.append((request.url, request.headers.get("referer", ""))))
    page.goto(f"{real_server.url}?state=Kerala")
    wait_for_map(page)
    expect(page.locator("#map-card")).to_contain_text("Kerala")
    page.wait_for_load_state("networkidle")
    layouts = [referer for url, referer in asked if url.endswith("/_dash-layout")]
    assert layouts == [f"{real_server.url}?state=Kerala"]  # the preload, sent with the page's address, was used
    assert sum(url.endswith("/_dash-dependencies") for url, _ in asked) == 1
    assert sum("async-graph" in url for url, _ in asked) == 1 and not any("world_110m" in url for url, _ in asked)
    assert page.evaluate("window.odopSawPlaceholder") is None
    assert page.external == [] and page.console_errors == []


# Holds Plotly's draws until the test calls window.releaseMap(): the page as it is before Plotly has drawn.
HOLD_PLOTLY = """(() => {
  let plotly, release;
  const released = new Promise(resolve => { release = resolve; });
  window.releaseMap = () => release();
  Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: value => {
    for (const name of ['react', 'newPlot']) {
      const draw = value[name];
      value[name] = function (...args) { return released.then(() => draw.apply(this, args)); };
    }
    plotly = value;
  }});
})();"""


def map_pixels(page, name: str) -> np.ndarray:
    """The map's box as RGB pixels, saved as a screenshot to look at."""
    path = SCREENSHOTS / f"{name}.png"
    page.locator(".map-graph").screenshot(path=str(path))
    return np.asarray(Image.open(path).convert("RGB"), dtype=int)


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_map_shows_at_once_and_plotlys_map_takes_its_place_when_drawn(device, page, phone, real_server):
    target = phone if device == "phone" else page
    target.add_init_script(HOLD_PLOTLY)
    target.goto(f"{real_server.url}?state=Odisha&points=0")
    expect(target.locator("#map-preview canvas")).to_be_visible()
    assert target.locator("#map path.choroplethlocation").count() == 0  # Plotly has not drawn: the preview shows
    before = map_pixels(target, f"map-preview-odisha-{device}")
    assert Axe().run(target).response["violations"] == []
    target.evaluate("window.releaseMap()")
    wait_for_map(target)
    after = map_pixels(target, f"map-drawn-odisha-{device}")
    assert target.locator("#map-preview").evaluate("box => [box.childElementCount, box.dataset.drawn]") == [0, "map"]
    differ = (np.abs(before - after).max(axis=2) > 60).mean()  # the same districts, colours and borders, in place:
    assert differ < 0.06, differ  # only edges' anti-aliasing and the districts' names differ
    assert target.external == [] and target.console_errors == []


# Each geometry trace's level: True where it names the overview.
GEOMETRY_LEVELS = """() => Object.fromEntries(document.querySelector('#map .js-plotly-plot').data
    .filter(trace => typeof trace.geojson === 'string').map(trace => [trace.name, trace.geojson.endsWith('#overview')]))"""


def test_all_india_is_drawn_from_the_overview_and_a_zoom_a_state_or_an_export_in_full_detail(page, real_server):
    page.goto(real_server.url)
    wait_for_map(page)
    assert page.evaluate(GEOMETRY_LEVELS) == {"districts": True, "state borders": True}
    with page.expect_download():
        page.click("#download-png")
    exported = page.evaluate("window.odopLastExport")["data"]
    assert [trace["name"] for trace in exported if "#" in str(trace.get("geojson", ""))] == []
    page.locator("#map").scroll_into_view_if_needed()  # the export button is below it
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(5):
        page.mouse.wheel(0, -400)
        page.wait_for_timeout(100)
    page.wait_for_function(f"() => !Object.values(({GEOMETRY_LEVELS})()).some(Boolean)")
    page.goto(f"{real_server.url}?state=Kerala")
    wait_for_map(page)
    assert page.evaluate(GEOMETRY_LEVELS) == {"districts": False, "state borders": False}
    assert page.external == [] and page.console_errors == []


def test_a_filter_asks_the_server_for_the_map_and_the_counts_only_while_no_table_shows(page, small_server):
    page.goto(small_server.url)
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    asked, counts = [], page.locator("#stat-districts").inner_text()
    page.on("request", lambda request: asked.append(json.loads(request.post_data)["output"])
            if "_dash-update-component" in request.url else None)
    page.get_by_label("GI-tagged products only").click()
    expect(page.locator("#stat-districts")).not_to_have_text(counts)  # the counts came
    page.wait_for_timeout(1000)  # time for any other request to leave (none should)
    assert len(asked) == 2 and "view.data" in asked[0] and "stat-districts" in asked[1], asked
    scroll_to_table(page)  # the products table shows: its rows follow the filters from now on
    expect(page.locator("#table .ag-center-cols-container .ag-row").first).to_be_visible()
    asked.clear()
    page.get_by_label("GI-tagged products only").click()
    expect(page.locator("#stat-districts")).to_have_text(counts)
    page.wait_for_timeout(1000)
    assert len(asked) == 3 and any("table.rowData" in output for output in asked), asked


def test_the_table_code_and_the_hindi_font_load_only_when_the_page_needs_them(page, small_server):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(small_server.url)
    wait_for_map(page)
    assert not [url for url in fetched if "dash_ag_grid" in url], "the first screen fetched AG Grid"
    assert not [url for url in fetched if "devanagari-devanagari" in url], "an English page fetched the Hindi font"
    expect(page.locator("#table")).to_have_attribute("aria-busy", "true")  # a placeholder of the table's size
    scroll_to_table(page)
    expect(page.locator("#table .ag-center-cols-container .ag-row").first).to_be_visible()
    assert len([url for url in fetched if "dash_ag_grid.v" in url]) == 1
    assert page.console_errors == []
