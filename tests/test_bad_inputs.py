"""A corpus of broken inputs (tests/bad_inputs/): each gets a clear error or is shown safely, no good row is lost."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import geopandas as gpd
import pytest
from fixture_data import VARANASI, make_data_dir

from dashboard.data import DataFileError, load_atlas
from dashboard.maps.figures import build_map_base, hover_texts
from dashboard.maps.modes import view_choices as choices_for
from dashboard.panels import district_panel
from dashboard.queries import district_detail
from dashboard.ui.outputs import table_records
from dashboard.text import DEFAULT_LANGUAGE, LANGUAGES, catalogue, use_language
from dashboard.view import View, view_from_query_string


def panel_children(atlas, district_id):
    return district_panel(district_detail(atlas, district_id))

CORPUS = Path(__file__).resolve().parent / "bad_inputs"


def load_with_products(tmp_path, name: str):
    return load_atlas(make_data_dir(tmp_path, products=(CORPUS / name).read_text(encoding="utf-8")))


def set_aside(atlas):
    return [(i.row, i.reason) for i in atlas.issues.for_file("products.csv") if not i.kept]


def test_truncated_last_line_is_named_and_earlier_rows_kept(tmp_path):
    atlas = load_with_products(tmp_path, "truncated.csv")
    assert set_aside(atlas) == [(3, "has 4 fields, header has 8 (unquoted comma or truncated line?)")]
    assert set(atlas.products["product"]) == {"Leather Products"}


def test_unclosed_quote_names_the_lines_it_swallows_and_earlier_rows_are_kept(tmp_path):
    atlas = load_with_products(tmp_path, "unclosed_quote.csv")
    assert [row for row, _ in set_aside(atlas)] == [3]
    assert "line 3 to line" in set_aside(atlas)[0][1]
    assert set(atlas.products["product"]) == {"Leather Products"}


def test_header_only_file_loads_as_no_products(tmp_path):
    atlas = load_with_products(tmp_path, "header_only.csv")
    assert atlas.products.empty
    assert atlas.coverage_sentence().startswith("Products known for 0 of")


def test_a_conflicting_lgd_code_is_matched_by_code_and_reported(tmp_path):
    atlas = load_with_products(tmp_path, "conflicting_lgd.csv")
    assert set(atlas.products["district"]) == {"Agra"}
    warnings = [i.reason for i in atlas.issues.for_file("products.csv") if i.kept]
    assert any("lgd_code 146 is Agra (Uttar Pradesh) in the boundary file, not 'Aligarh'" in w for w in warnings)


def test_script_in_a_product_name_stays_text_everywhere(tmp_path):
    atlas = load_with_products(tmp_path, "script_in_product.csv")
    product = atlas.products.iloc[0]["product"]
    assert product.startswith("<script>")
    hover = " ".join(hover_texts(build_map_base(atlas), atlas.products))
    assert "<script>" not in hover and "<img" not in hover and "&lt;script&gt;" in hover
    panel = panel_children(atlas, VARANASI)
    assert product in str(panel)  # a plain string child: React renders it as text, never as markup
    record = table_records(atlas.products[atlas.products["district"] == "Agra"])[0]
    assert record["source"] == "javascript:alert(1)"  # not turned into a link
    assert "href='javascript" not in str(panel_children(atlas, "146"))


def test_a_50_mb_file_is_refused_with_its_size(tmp_path):
    data = make_data_dir(tmp_path)
    path = data / "odop" / "products.csv"
    with path.open("a", encoding="utf-8") as handle:
        line = "Uttar Pradesh,Agra,,Filler,Others,,DPIIT ODOP,https://x.example\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))
    with pytest.raises(DataFileError, match=r"products.csv: file is 50 MiB, over the 20 MiB limit"):
        load_atlas(data)


def test_web_mercator_numbers_labelled_as_longitude_latitude_are_set_aside(tmp_path):
    data = make_data_dir(tmp_path)
    path = data / "geo" / "districts.geojson"
    frame = gpd.read_file(path)
    metres = frame.to_crs(3857).geometry
    frame.loc[frame["district_id"] == VARANASI, "geometry"] = metres[frame["district_id"] == VARANASI].values
    frame.to_file(path, driver="GeoJSON")
    atlas = load_atlas(data)
    assert any("outside longitude/latitude range" in i.reason for i in atlas.issues.for_file("districts.geojson"))
    assert VARANASI not in set(atlas.districts["district_id"]) and len(atlas.districts) == 15


@pytest.mark.parametrize("query", ["?state=%3Cscript%3E", "?district=' OR 1=1", "?sector=nope&sector=toys",
                                   "?mode=3d&gi=maybe", "?" + "x" * 5000, "?state=" + "%FF" * 10, "?&&&=&=",
                                   "?lang=fr", "?lang=hi&lang=zz"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_garbage_in_a_shared_link_never_raises(small_atlas, query, lang):
    use_language(lang)
    view, problems = view_from_query_string(query, choices_for(small_atlas))
    use_language(DEFAULT_LANGUAGE)
    assert view.mode in {"sector", "count", "gi"} and view.lang in LANGUAGES
    assert view.state in {None, *small_atlas.districts["state_name"]}
    assert all(isinstance(problem, str) and problem for problem in problems)
    assert "lang=fr" not in query or any("fr" in problem for problem in problems)  # the link's bad part is named


def test_every_field_of_a_view_is_named_in_every_language():
    for lang in LANGUAGES:
        words = catalogue(lang)
        assert [f.name for f in fields(View) if f"view.field.{f.name}" not in words] == [], lang
