"""A planner in Bihar sees the makhana belt: the clusters outline, Darbhanga's panel with its partners, a partner
link, the clusters table and its CSV, at desktop and phone sizes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.devtools.browser import click_district, read_export, screenshot, wait_for_map

pytestmark = pytest.mark.browser

DARBHANGA, DARBHANGA_LGD, MADHUBANI_LGD = "215", "195", "206"
TRACE_META = "(name) => document.querySelector('#map .js-plotly-plot').data.find(t => t.name === name).meta || []"


def test_a_planner_in_bihar_outlines_the_clusters_and_darbhanga_shows_its_makhana_partners(page, real_server,
                                                                                          real_atlas):
    page.goto(f"{real_server.url}?state=Bihar&points=0")
    wait_for_map(page)
    page.get_by_label("Outline ODOP clusters (2+ adjacent districts, one product)").check()
    expect(page.locator("#legend")).to_contain_text("ODOP cluster across adjacent districts")
    page.wait_for_function(f"() => ({TRACE_META})('odop-clusters').length > 0")
    outlined = set(page.evaluate(TRACE_META, "odop-clusters"))
    assert DARBHANGA in outlined
    assert set(real_atlas.districts.set_index("district_id").loc[list(outlined), "state_name"]) == {"Bihar"}
    click_district(page, DARBHANGA)
    clusters = page.locator("#panel-clusters")
    expect(clusters).to_contain_text("Part of the Makhana cluster, Bihar: 7 districts")
    page.wait_for_function(f"() => ({TRACE_META})('cluster partner districts').length >= 6")
    assert "cl=1" in page.url
    clusters.scroll_into_view_if_needed()
    screenshot(page, "clusters-bihar-darbhanga")
    clusters.get_by_role("link", name="Madhubani").first.click()  # a partner in both of its clusters
    expect(page.locator("#panel-district-name")).to_have_text("Madhubani")
    assert f"lgd={MADHUBANI_LGD}" in page.url
    assert page.external == [] and page.console_errors == []


def test_the_clusters_tab_lists_bihars_clusters_and_downloads_them(page, real_server):
    page.goto(f"{real_server.url}?state=Bihar")
    wait_for_map(page)
    page.click("#tab-clusters")
    grid = page.locator("#clusters-table")
    expect(grid).to_contain_text("Makhana cluster, Bihar: 7 districts")
    expect(page.locator("#clusters-note")).to_contain_text("derived clusters have a product in this view")
    screenshot(page, "clusters-tab-bihar")
    with page.expect_download() as download_info:
        page.click("#download-clusters-button")
    _, records = read_export(download_info.value.path())
    assert records and {r["state"] for r in records} == {"Bihar"}
    assert any(r["product"] == "Makhana" and r["districts"] == "7" for r in records)


def test_on_a_phone_darbhangas_cluster_line_and_a_partner_open_by_tap(phone, real_server):
    phone.goto(f"{real_server.url}?lgd={DARBHANGA_LGD}&state=Bihar&cl=1&points=0")
    wait_for_map(phone)
    clusters = phone.locator("#panel-clusters")
    expect(clusters).to_contain_text("Part of the Makhana cluster, Bihar: 7 districts")
    clusters.scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(phone, "clusters-phone-darbhanga")
    link = clusters.get_by_role("link", name="Supaul")
    link.tap()
    expect(phone.locator("#panel-district-name")).to_have_text("Supaul")
    assert phone.console_errors == []
