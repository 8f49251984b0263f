"""Selections that make sense, clamped inputs, comparisons, fact sheets and the files officials take away."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pandas as pd
import pytest
import shapely
from fixture_data import CHANDAULI, VARANASI

from dashboard.maps.modes import view_choices as choices_for
from dashboard.panels.compare import compare_table
from dashboard.ui.outputs import DOWNLOADS, ViewCache, download_output
from dashboard.panels.factsheet import factsheet_html
from dashboard.queries import district_detail
from dashboard.queries.exporting import csv_text, neutralise, product_export
from dashboard.view import MAX_QUERY_STRING, MAX_TEXT, View, next_view, view_from_query_string

JAIPUR_STATE = "Rajasthan"


def reduce(atlas, current: View, event: str, payload) -> tuple[View, tuple[str, ...]]:
    transition = next_view(current, event, payload, choices_for(atlas))
    return transition.view, transition.problems


def test_a_link_whose_district_is_outside_its_state_is_corrected_with_a_message(small_atlas):
    view, problems = reduce(small_atlas, View(), "url", f"?state=Rajasthan&district={VARANASI}")
    assert view.state == "Uttar Pradesh" and view.district_id == VARANASI
    assert problems == ("The link's district Varanasi is in Uttar Pradesh, not Rajasthan: showing Uttar Pradesh.",)


def test_choosing_another_state_clears_a_selection_outside_it(small_atlas):
    current = View(state="Uttar Pradesh", district_id=VARANASI, zoom=True)
    view, problems = reduce(small_atlas, current, "controls", {"state": JAIPUR_STATE, "district_id": VARANASI})
    assert view.state == JAIPUR_STATE and view.district_id is None and not view.zoom and problems == ()


def test_choosing_a_state_keeps_a_selection_inside_it(small_atlas):
    current = View(district_id=VARANASI)
    view, _ = reduce(small_atlas, current, "controls", {"state": "Uttar Pradesh", "district_id": VARANASI})
    assert view.district_id == VARANASI


def test_the_district_picker_selects_and_zooms_and_clearing_it_unzooms(small_atlas):
    view, _ = reduce(small_atlas, View(), "controls", {"district_id": VARANASI})
    assert view.district_id == VARANASI and view.zoom
    assert "zoom=1" in view.to_query_string()
    cleared, _ = reduce(small_atlas, view, "controls", {"district_id": None})
    assert cleared.district_id is None and not cleared.zoom


def test_a_20000_character_state_in_a_link_is_clamped_with_a_message(small_atlas):
    view, problems = view_from_query_string("?state=" + "K" * 20_000, choices_for(small_atlas))
    assert view == View()
    assert problems[0].startswith("The link was 20,007 characters long; only the first 4,000 were read.")
    assert all(len(p) < 200 for p in problems)


def test_a_long_search_is_cut_to_its_limit_with_a_message(small_atlas):
    view, problems = reduce(small_atlas, View(), "controls", {"search": "silk " * 100})
    assert len(view.search) == MAX_TEXT and "only the first 200 are used" in problems[0]
    assert len(View(search="x" * MAX_TEXT).to_query_string()) < MAX_QUERY_STRING


def test_more_than_four_districts_to_compare_keeps_four_and_says_so(small_atlas):
    ids = small_atlas.lgd_districts["district_id"].tolist()[:6]
    view, problems = reduce(small_atlas, View(), "controls", {"compare": ids})
    assert view.compare == tuple(ids[:4]) and "Only the first 4 of 6" in problems[0]


def test_compare_button_adds_the_selected_district_once_and_the_url_keeps_it(small_atlas):
    view, _ = reduce(small_atlas, View(district_id=VARANASI), "compare-add", None)
    view, _ = reduce(small_atlas, view, "click", CHANDAULI)
    view, _ = reduce(small_atlas, view, "compare-add", None)
    again, _ = reduce(small_atlas, view, "compare-add", None)
    assert view.compare == (VARANASI, CHANDAULI) and again == view
    assert view_from_query_string(view.to_query_string(), choices_for(small_atlas))[0].compare == view.compare


def test_comparison_puts_facts_in_rows_and_districts_in_columns(small_atlas):
    table = compare_table([district_detail(small_atlas, VARANASI), district_detail(small_atlas, CHANDAULI)])
    assert list(table.columns) == ["fact", "Varanasi, Uttar Pradesh", "Chandauli, Uttar Pradesh"]
    facts = table.set_index("fact")
    assert "Banarasi silk saree" in facts.at["Products (this list)", "Varanasi, Uttar Pradesh"]
    assert {"Sectors", "GI-tagged (official)", "Clusters", "Schemes that can apply", "Nearest seaport (cargo)",
            "LGD code", "Census 2011 code"} <= set(
        facts.index)


def test_product_csv_has_every_column_gi_as_true_false_unknown_and_a_metadata_header(small_atlas):
    rows = small_atlas.products.copy()
    rows.loc[rows.index[0], "gi_status"] = "unknown"
    exported = product_export(rows)
    assert {"source_note", "category", "description", "gi_tagged"} <= set(exported.columns)
    assert set(exported["gi_tagged"]) <= {"true", "false", "unknown"} and "unknown" in set(exported["gi_tagged"])
    text = csv_text(exported, "products", "All India", "data abc")
    assert text.startswith("\ufeff")  # UTF-8 byte-order mark: Excel on Windows reads "·" and "’" right
    header = [line for line in text.lstrip("\ufeff").splitlines() if line.startswith("#")]
    assert header[0] == "# ODOP Atlas: products" and "# view: All India" in header
    assert any(line.startswith("# generated: ") for line in header) and "# data version: data abc" in header
    body = pd.read_csv(io.StringIO(text), comment="#")
    assert len(body) == len(rows)


def test_csv_cells_a_spreadsheet_would_run_are_neutralised():
    frame = pd.DataFrame({"product": ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "Silk"], "n": range(5)})
    text = csv_text(frame, "t", "s", "v")
    products = pd.read_csv(io.StringIO(text), comment="#")["product"].tolist()
    assert products == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "Silk"]
    assert neutralise(5) == 5


def test_fact_sheet_names_the_district_its_products_schemes_sources_and_draws_an_inset(small_atlas):
    detail = district_detail(small_atlas, VARANASI)
    shape = small_atlas.districts.set_index("district_id").geometry[VARANASI]
    neighbour = small_atlas.districts.set_index("district_id").geometry[CHANDAULI]
    page = factsheet_html(detail, shape, [neighbour], "data abc")
    assert "<h1>Varanasi, Uttar Pradesh</h1>" in page and "Banarasi silk saree" in page
    assert "Schemes that can apply" in page and "<h2>Sources</h2>" in page and "data abc" in page
    assert page.count("<path") >= 2 and "@page" in page


def test_fact_sheet_escapes_text_from_the_data(small_atlas):
    detail = district_detail(small_atlas, VARANASI)
    products = detail.products.copy()
    products.loc[products.index[0], "product"] = "<script>alert(1)</script>"
    page = factsheet_html(replace(detail, products=products), shapely.box(0, 0, 1, 1), [], "v")
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_a_fact_sheet_for_an_unknown_district_is_a_404_page_with_a_way_back(small_atlas):
    from dashboard.app import create_app

    response = create_app(small_atlas).server.test_client().get("/factsheet/99999")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and 'href="/"' in page and "There is no district with that code" in page


@pytest.mark.parametrize("address", ["/nope", "/factsheet/99999", "/factsheet/lgd/99999", "/assets/../data"])
def test_an_unknown_address_answers_a_404_page_with_a_way_back(small_atlas, address):
    from dashboard.app import create_app

    client = create_app(small_atlas).server.test_client()
    response = client.get(address)
    assert response.status_code == 404 and 'href="/"' in response.get_data(as_text=True)
    assert client.get("/").status_code == 200 and client.get("/healthz").status_code == 200


SPREADSHEET_VIEW = View(state="Odisha", sectors=("Handloom",), seaport_km="200", compare=("376", "386"))


@pytest.mark.parametrize("name", [d.name for d in DOWNLOADS])
def test_every_csv_opens_in_pandas_and_the_csv_module_with_numbers_as_numbers_and_a_true_header(real_atlas, name):
    download = next(d for d in DOWNLOADS if d.name == name)
    sent = download_output(ViewCache(real_atlas, None), download, SPREADSHEET_VIEW.to_dict())
    raw = sent["content"].encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = [row for row in lines if row and row[0].startswith("#")]
    assert header and all(len(row) == 1 for row in header)  # each metadata line is one cell
    frame = pd.read_csv(io.BytesIO(raw), comment="#")
    assert len(frame) or name == "clusters"  # no Handloom cluster within 200 km of a port in Odisha
    for column in frame.columns:
        if column.endswith(("_usd", "_km", "_pct")) and len(frame):
            assert pd.api.types.is_numeric_dtype(frame[column]), (name, column, frame[column].head(3).tolist())
    view_line = next(row[0] for row in header if row[0].startswith("# view:"))
    if name == "compare":  # the compared districts, whatever the filters
        assert set(frame["district"]) == {"Mayurbhanj", "Khordha"} and "Mayurbhanj" in view_line
        return
    assert "Odisha" in view_line and "Handloom" in view_line and "200 km" in view_line
    assert set(frame["state"]) <= {"Odisha"}
    if "seaport_km" in frame:
        assert (frame["seaport_km"] <= 200).all()
