"""The shipped data itself: every row sourced, no duplicates, codes that exist, honest coverage."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.data.names import name_key, state_key
from dashboard.data.vocabulary import SECTORS

ODOP = Path(__file__).resolve().parent.parent / "data" / "odop"


def rows_of(name: str) -> list[dict[str, str]]:
    path = ODOP / name
    if not path.exists():
        pytest.skip(f"{name} not shipped")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", ["products.csv", "aliases.csv", "clusters.csv", "infrastructure.csv",
                                  "schemes.csv", "needs.csv"])
def test_every_shipped_row_names_its_source(name):
    assert all(row["source"].strip() for row in rows_of(name))


def test_shipped_products_have_no_duplicate_district_product_pairs():
    keys = [(r["programme"], state_key(r["state"]), name_key(r["district"]), name_key(r["product"]))
            for r in rows_of("products.csv")]
    assert len(keys) == len(set(keys))


def test_shipped_product_sectors_are_in_the_vocabulary():
    assert {r["sector"] for r in rows_of("products.csv")} <= set(SECTORS)


def test_every_shipped_lgd_code_exists_in_the_boundaries(real_atlas):
    codes = {c.lstrip("0") for c in real_atlas.districts["dist_lgd"] if c.isdigit()}
    for row in rows_of("products.csv"):
        if row["lgd_code"]:
            assert row["lgd_code"].lstrip("0") in codes, row


def test_shipped_data_loads_with_every_product_row_matched_or_reported(real_atlas):
    report = real_atlas.files["products.csv"]
    assert report.rows_valid + report.rows_rejected == len(rows_of("products.csv"))
    assert report.rows_rejected == 0
    assert report.names_matched + report.names_unmatched >= report.rows_valid
    unmatched = [u for u in real_atlas.unmatched if u.file == "products.csv"]
    assert len(unmatched) == report.names_unmatched


def test_boundaries_have_808_polygons_and_unique_lgd_codes(real_atlas):
    districts = real_atlas.districts
    assert len(districts) == 808
    lgd = districts[districts["has_lgd"]]
    assert lgd["district_id"].is_unique
    assert districts.geometry.is_valid.all() and not districts.geometry.is_empty.any()


def test_coverage_sentence_counts_lgd_districts_with_products(real_atlas):
    covered = real_atlas.products["district_id"].nunique()
    assert real_atlas.coverage_sentence() == f"Products known for {covered} of {len(real_atlas.lgd_districts)} LGD districts"


def test_varanasi_has_its_official_silk_products(real_atlas):
    varanasi = real_atlas.list_products()[real_atlas.list_products()["district"] == "Varanasi"]
    assert {"Silk Products", "Pink Enamel (Gulaabi Minakari)"} <= set(varanasi["product"])
    assert set(varanasi["source"]) == {"DPIIT ODOP list v31, 7 Jul 2025"}


def test_the_national_list_colours_at_least_740_districts_and_places_98_percent_of_rows(real_atlas):
    covered, total = real_atlas.coverage()
    national = real_atlas.list_products()
    unmatched = [u for u in real_atlas.unmatched if u.file == "products.csv"]
    assert total == 777 and covered >= 740
    assert len(national) / (len(national) + len(unmatched)) >= 0.98 and len(national) == 1241


def test_mahe_and_yanam_lie_inside_the_puducherry_polygon_they_are_shown_on(real_atlas):
    import shapely
    puducherry = real_atlas.districts.set_index("district_id").loc["635", "geometry"]
    assert puducherry.contains(shapely.Point(75.535, 11.70)) and puducherry.contains(shapely.Point(82.21, 16.73))


def test_every_alias_row_has_a_kind_a_reason_and_a_source():
    assert all(r["kind"] and r["reason"] and r["source"] for r in rows_of("aliases.csv"))


def test_the_readme_figures_are_generated_from_the_current_data():
    import subprocess
    import sys
    script = Path(__file__).resolve().parent.parent / "scripts" / "update_readme.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, "README.md is stale: run python scripts/update_readme.py"
