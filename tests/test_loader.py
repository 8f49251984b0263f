"""The loader joins real district polygons with product rows and reports everything it could not use."""

from __future__ import annotations

import os
import time

import pytest
from fixture_data import CHANDAULI, VARANASI, make_data_dir

from dashboard.data import DataFileError, load_atlas, load_atlas_or_explain
from dashboard.data.names import name_key, state_key
from dashboard.data.report import report_lines
from dashboard.data.stored import prune_unused, stored

HEADER = "state,district,lgd_code,product,sector,gi_tagged,programme,source\n"


def products_of(atlas, district_id):
    return set(atlas.products.loc[atlas.products["district_id"] == district_id, "product"])


def test_varanasi_is_matched_by_its_lgd_code(small_atlas):
    row = small_atlas.products[small_atlas.products["product"] == "Banarasi silk saree"].iloc[0]
    assert row["district_id"] == VARANASI
    assert row["match"] == "lgd"


def test_a_district_with_several_products_keeps_all_of_them(small_atlas):
    assert {"Banarasi silk saree", "Pink meenakari", "Toys"} <= products_of(small_atlas, VARANASI)


def test_a_product_cluster_spanning_two_districts_maps_to_each(small_atlas):
    assert "Banarasi brocade cluster" in products_of(small_atlas, VARANASI)
    assert "Banarasi brocade cluster" in products_of(small_atlas, CHANDAULI)


def test_old_names_resolve_through_the_alias_table(small_atlas):
    by_product = small_atlas.products.set_index("product")
    assert by_product.at["Moonj products", "district"] == "Prayagraj"
    assert by_product.at["Apparel", "district"] == "Gurugram"
    assert by_product.at["Darjeeling tea", "district"] == "Darjiling"
    assert by_product.at["Moonj products", "match"] == "alias"


def test_a_district_listed_under_its_former_state_is_matched_and_flagged(small_atlas):
    assert products_of(small_atlas, "003") == {"Apricot"}
    assert any("Leh" in issue.reason and issue.kept for issue in small_atlas.issues.entries)


def test_unknown_district_is_reported_with_nearest_candidates_not_dropped(small_atlas):
    unmatched = [u for u in small_atlas.unmatched if u.district == "Atlantis Nagar"]
    assert len(unmatched) == 1 and unmatched[0].line == 16 and unmatched[0].what == "Imaginary widgets"
    text = "\n".join(report_lines(small_atlas))
    assert "products.csv:16 'Atlantis Nagar'" in text


def test_match_report_counts_rows_and_rate(small_atlas):
    report = small_atlas.files["products.csv"]
    assert report.rows_valid == 17
    assert report.names_unmatched == 1
    assert report.names_matched == 17
    assert report.match_rate == pytest.approx(17 / 18)


def test_districts_without_products_are_listed(small_atlas):
    assert "Jaunpur" in set(small_atlas.districts_without_products()["district_name"])


def test_disputed_areas_are_kept_and_labelled(small_atlas):
    disputed = small_atlas.districts[small_atlas.districts["disputed"]]
    assert len(disputed) == 1
    assert disputed.iloc[0]["district_name"].startswith("Disputed area")
    assert not disputed.iloc[0]["has_lgd"]


@pytest.mark.parametrize("row, reason", [
    ("Uttar Pradesh,Agra,,,Manufacturing,,DPIIT ODOP,https://x.example\n", "empty product"),
    ("Narnia,Agra,,Shoes,Manufacturing,,DPIIT ODOP,https://x.example\n", "unknown state 'Narnia'"),
    ("Uttar Pradesh,Agra,,Shoes,footwear,,DPIIT ODOP,https://x.example\n", "unknown sector 'footwear'"),
    ("Uttar Pradesh,Agra,,Shoes,Manufacturing,,DPIIT ODOP,\n", "no source"),
    ("Uttar Pradesh,Agra,A1,Shoes,Manufacturing,,DPIIT ODOP,https://x.example\n", "lgd_code 'A1' is not a number"),
    ("Uttar Pradesh,Agra,,Shoes,Manufacturing\n", "has 5 fields, header has 8"),
    ("Uttar Pradesh,Agra,,Leather Products,Manufacturing,,DPIIT ODOP,https://x.example\n",
     "duplicate of line 2"),
])
def test_bad_product_row_is_named_with_file_row_and_reason_and_others_are_kept(tmp_path, row, reason):
    good = "Uttar Pradesh,Agra,,Leather Products,Manufacturing,,DPIIT ODOP,https://x.example\n"
    after = "Uttar Pradesh,Aligarh,,Locks,Manufacturing,,DPIIT ODOP,https://x.example\n"
    atlas = load_atlas(make_data_dir(tmp_path, products=HEADER + good + row + after))
    issues = [i for i in atlas.issues.for_file("products.csv") if not i.kept]
    assert [(i.row, i.reason.startswith(reason)) for i in issues] == [(3, True)], issues
    assert set(atlas.products["product"]) == {"Leather Products", "Locks"}


def test_missing_column_names_the_file_and_column(tmp_path):
    with pytest.raises(DataFileError, match=r"products.csv: missing required column\(s\): sector"):
        load_atlas(make_data_dir(tmp_path, products="state,district,product,source\nUP,Agra,Shoes,x\n"))


def test_empty_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataFileError, match="products.csv: file is empty"):
        load_atlas(make_data_dir(tmp_path, products=""))


def test_missing_geometry_explains_the_build_command(tmp_path):
    with pytest.raises(DataFileError, match="run: python scripts/build_geometry.py"):
        load_atlas(tmp_path)


def test_byte_order_mark_is_accepted(tmp_path):
    data = make_data_dir(tmp_path)
    path = data / "odop" / "products.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "Banarasi silk saree" in set(load_atlas(data).products["product"])


def test_a_line_in_the_wrong_encoding_is_reported_and_the_rest_kept(tmp_path):
    data = make_data_dir(tmp_path)
    path = data / "odop" / "products.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = "Uttar Pradesh,Varanasi,,Toys café,Handicraft,,DPIIT ODOP,https://x.example".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    atlas = load_atlas(data)
    assert any(i.row == 4 and "not UTF-8" in i.reason for i in atlas.issues.entries)
    assert "Banarasi silk saree" in set(atlas.products["product"])


def test_duplicate_lgd_code_and_empty_geometry_are_reported(tmp_path):
    import geopandas as gpd
    data = make_data_dir(tmp_path)
    path = data / "geo" / "districts.geojson"
    frame = gpd.read_file(path)
    duplicate = frame[frame["district_id"] == VARANASI].copy()
    empty = frame[frame["district_id"] == CHANDAULI].copy()
    empty["geometry"] = None
    empty["district_id"] = "9999"
    gpd.GeoDataFrame(pd_concat([frame, duplicate, empty]), crs=frame.crs).to_file(path, driver="GeoJSON")
    atlas = load_atlas(data)
    reasons = [i.reason for i in atlas.issues.for_file("districts.geojson")]
    assert any(r.startswith(f"duplicate LGD code {VARANASI}") for r in reasons)
    assert any("has no geometry" in r for r in reasons)
    assert (atlas.districts["district_id"] == VARANASI).sum() == 1


def test_self_intersecting_geometry_is_repaired_and_reported(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Polygon
    data = make_data_dir(tmp_path)
    path = data / "geo" / "districts.geojson"
    frame = gpd.read_file(path)
    bowtie = Polygon([(82.9, 25.2), (83.1, 25.4), (83.1, 25.2), (82.9, 25.4)])
    frame.loc[frame["district_id"] == VARANASI, "geometry"] = bowtie
    frame.to_file(path, driver="GeoJSON")
    atlas = load_atlas(data)
    assert any("invalid geometry" in i.reason and i.kept for i in atlas.issues.for_file("districts.geojson"))
    assert atlas.districts.set_index("district_id").loc[VARANASI, "geometry"].is_valid


def test_geometry_in_a_projected_crs_is_rejected(tmp_path):
    import geopandas as gpd
    data = make_data_dir(tmp_path)
    path = data / "geo" / "districts.geojson"
    gpd.read_file(path).to_crs(3857).to_file(path, driver="GeoJSON")
    with pytest.raises(DataFileError, match="longitude/latitude"):
        load_atlas(data)


def test_names_match_across_case_spacing_and_diacritics():
    assert name_key("Bara Banki") == name_key("BARABANKI") == name_key("Barabanki District")
    assert name_key("Kāñcīpuram") == name_key("kancipuram")
    assert state_key("Orissa") == state_key("ODISHA")
    assert state_key("Jammu & Kashmir") == state_key("JAMMU AND KASHMIR")


def pd_concat(frames):
    import pandas as pd
    return pd.concat(frames, ignore_index=True)


def test_the_data_version_names_the_folder_the_atlas_was_loaded_from(small_atlas, small_data_dir):
    """An atlas loaded from ODOP_DATA_DIR must not carry the shipped data's version into CSVs, fact sheets and
    /healthz."""
    from dashboard.app import create_app
    from dashboard.data.atlas import data_version
    from dashboard.settings import DEFAULT_DATA_DIR

    assert small_atlas.version == data_version(small_data_dir) != data_version(DEFAULT_DATA_DIR)
    health = create_app(small_atlas).server.test_client().get("/healthz").get_json()
    assert health["data_version"] == small_atlas.version


def test_a_bad_export_row_is_reported_once(tmp_path):
    """district_exports.csv is read and validated once: each bad row is logged and counted once."""
    header = "state,district,lgd_code,match,match_note,sector,export_usd,export_inr,source\n"
    rows = ("UTTAR PRADESH,VARANASI,197,name,,textiles,1000,84000,DGCI&S\n"
            "UTTAR PRADESH,VARANASI,197,name,,textiles,not-a-number,84000,DGCI&S\n")
    atlas = load_atlas(make_data_dir(tmp_path, extra={"exports/district_exports.csv": header + rows}))
    rejected = [issue for issue in atlas.issues.for_file("district_exports.csv") if issue.row is not None]
    assert [(issue.row, issue.kept) for issue in rejected] == [(3, False)]
    assert atlas.investor.exports["export_usd"].sum() == 1000 and len(atlas.investor.export_rows) == 1


def test_a_start_reads_the_atlas_the_last_start_loaded_until_a_data_file_changes(tmp_path):
    data, store = make_data_dir(tmp_path / "data"), tmp_path / "atlas"
    first = load_atlas_or_explain(data, store)
    kept = list(store.glob("*.pickle"))
    assert len(kept) == 1
    again = load_atlas_or_explain(data, store)  # read from the pickle
    assert again.products.equals(first.products) and again.issues.rows_set_aside() == first.issues.rows_set_aside()
    products = data / "odop" / "products.csv"
    products.write_text(products.read_text(encoding="utf-8").replace("Banarasi silk saree", "Banarasi brocade"),
                        encoding="utf-8")
    changed = load_atlas_or_explain(data, store)
    assert "Banarasi brocade" in set(changed.products["product"]) and len(list(store.glob("*.pickle"))) == 2


def test_a_data_error_stops_the_start_and_keeps_no_atlas(tmp_path):
    data = make_data_dir(tmp_path / "data", products="")
    with pytest.raises(SystemExit, match="ODOP Atlas cannot start"):
        load_atlas_or_explain(data, tmp_path / "atlas")
    assert not list((tmp_path / "atlas").glob("*.pickle"))


def test_a_damaged_kept_atlas_is_loaded_again_not_a_traceback(tmp_path):
    data, store = make_data_dir(tmp_path / "data"), tmp_path / "atlas"
    load_atlas_or_explain(data, store)
    kept = next(store.glob("*.pickle"))
    kept.write_bytes(kept.read_bytes()[:100])  # cut short
    atlas = load_atlas_or_explain(data, store)
    assert "Banarasi silk saree" in set(atlas.products["product"]) and kept.stat().st_size > 100


def test_an_install_removes_the_stored_copies_nothing_reads_any_more_and_keeps_the_rest(tmp_path):
    used, stale = tmp_path / "used.br", tmp_path / "stale.br"
    for path in (used, stale):
        path.write_bytes(b"made before")
        os.utime(path, (1_000_000, 1_000_000))  # long ago
    started = time.time() - 1
    assert stored(used, lambda: b"made again") == b"made before"  # read, not made again
    assert stored(tmp_path / "new.br", lambda: b"made now") == b"made now"
    assert prune_unused(tmp_path, started) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.br", "used.br"]
