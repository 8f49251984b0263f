"""A district planner sees which schemes meet in a district, why, and where two schemes overlap."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fixture_data import CHANDAULI, VARANASI, make_data_dir
from test_callbacks import text_of

from dashboard.data import load_atlas
from dashboard.data.convergence import parse_rule
from dashboard.maps.figures import build_map_base, district_classes, trace_index
from dashboard.maps.modes import mode_values as view_values
from dashboard.maps.update import map_update
from dashboard.panels import district_panel
from dashboard.queries import district_detail, filter_products
from dashboard.queries.exporting import convergence_brief
from dashboard.view import View

REAL_SCHEMES = (Path(__file__).resolve().parent.parent / "data" / "odop" / "schemes.csv").read_text(encoding="utf-8")
ASPIRATIONAL = ("sno,state,district,lgd_code,match,match_note,source\n"
                f"1,Uttar Pradesh,Varanasi,{VARANASI},name,,tests: fixture (not a real aspirational district)\n")
PARK = ("facility_name,kind,state,district,lat,lon,source,source_note\n"
        "Fixture textile park,pm mitra park,Uttar Pradesh,Chandauli,,,tests: fixture,\n")
MANGO = "Uttar Pradesh,Varanasi,,Langda mango pulp,Food Processing,Secondary,yes,,,DPIIT ODOP,tests: fixture,\n"


@pytest.fixture(scope="module")
def planner_atlas(tmp_path_factory):
    """The fixture data with the shipped scheme rules, Varanasi as an aspirational district, a park next door."""
    products = (Path(__file__).resolve().parent / "fixtures" / "odop" / "products.csv").read_text(encoding="utf-8")
    data = make_data_dir(tmp_path_factory.mktemp("planner"), schemes=REAL_SCHEMES, infrastructure=PARK,
                         products=products + MANGO,
                         extra={"aspirational/aspirational_districts.csv": ASPIRATIONAL})
    return load_atlas(data)


def schemes_of(atlas, district_id: str, product: str) -> set[str]:
    matches = atlas.scheme_matches
    mine = matches[(matches["district_id"] == district_id) & matches["product"].isin([product, ""])
                   & matches["programme"].isin(["DPIIT ODOP", ""])]
    return set(mine["scheme_id"])


def test_a_gi_food_product_in_an_aspirational_district_gets_gi_pmfme_and_adp(planner_atlas):
    assert {"gi", "pmfme", "adp", "odop", "deh"} <= schemes_of(planner_atlas, VARANASI, "Langda mango pulp")


def test_a_handloom_product_near_a_pm_mitra_park_gets_pm_mitra(planner_atlas):
    assert "pm-mitra" in schemes_of(planner_atlas, VARANASI, "Banarasi silk saree")
    assert "pm-mitra" not in schemes_of(planner_atlas, "143", "Locks and Hardware")  # Aligarh: far, not textile


def test_a_product_without_a_matching_rule_gets_no_product_scheme(planner_atlas):
    assert schemes_of(planner_atlas, "146", "Leather Products") - {"deh", "odop", "mse-cdp"} == set()


def test_pm_vishwakarma_follows_the_reviewed_trade_table_not_keywords(real_atlas):
    matches = real_atlas.scheme_matches
    vishwakarma = set(matches.loc[matches["scheme_id"] == "pm-vishwakarma", "product"])
    assert {"Channapatna Toys", "Pottery"} <= vishwakarma
    assert vishwakarma <= set(real_atlas.vishwakarma["product"])
    assert "Gems and Jewellery" not in vishwakarma


@pytest.mark.parametrize("rule, scope, message", [
    ("sector=Textile and nonsense", "product", "rule part 'nonsense' is not understood"),
    ("sector=Textile", "district", "a district-scope rule cannot test products"),
    ("park=pm mitra park<=abc", "product", "is not understood"),
])
def test_a_rule_the_engine_does_not_understand_is_refused_with_the_reason(rule, scope, message):
    with pytest.raises(ValueError, match=message):
        parse_rule(rule, scope)


def test_the_panel_lists_schemes_per_product_with_basis_ministry_and_our_rule(planner_atlas):
    detail = district_detail(planner_atlas, VARANASI)
    panel = district_panel(detail)
    text = text_of(panel)
    assert "Langda mango pulp" in text and "PMFME" in text and "our rule" in text
    assert "District-wide (an Aspirational District)" in text and "Aspirational Districts Programme" in text
    assert "Applies because: an Aspirational District" in str(panel)   # the basis, shown on hover and focus
    assert "responsible: DC Handlooms (Ministry of Textiles)" in text


def test_convergence_mode_counts_schemes_per_district(planner_atlas):
    base = build_map_base(planner_atlas)
    rows = planner_atlas.list_products()
    values = view_values(planner_atlas, View(mode="convergence"), rows)
    assert values[VARANASI] >= 6 and values[VARANASI] > values["143"]
    classes = district_classes(base, rows, "convergence", values)
    label = classes.labels[dict(zip(base.district_ids, classes.z))[VARANASI]]
    assert label.endswith("schemes")


def test_two_chosen_schemes_colour_where_they_overlap(planner_atlas):
    base = build_map_base(planner_atlas)
    values = view_values(planner_atlas, View(mode="schemes", schemes=("pmfme", "adp")), planner_atlas.list_products())
    classes = district_classes(base, planner_atlas.list_products(), "schemes", values)
    by_id = dict(zip(base.district_ids, classes.z))
    assert classes.labels[by_id[VARANASI]] == "both"
    assert classes.labels[by_id["327"]] == "PMFME only"  # Darjiling: tea is an Agriculture product, not aspirational


def test_the_aspirational_overlay_outlines_the_districts_when_switched_on(planner_atlas):
    base = build_map_base(planner_atlas)
    off = map_update(planner_atlas, base, View(), None, planner_atlas.list_products()).patch
    on = map_update(planner_atlas, base, View(show_aspirational=True), None, planner_atlas.list_products()).patch
    def outline(patch):
        return next(op["params"]["value"] for op in patch.to_plotly_json()["operations"]
                    if op["location"] == ["data", trace_index("aspirational districts")])
    assert outline(off)["lon"] == [] and len(outline(on)["lon"]) > 10


def test_the_aspirational_filter_keeps_only_those_districts(planner_atlas):
    rows = filter_products(planner_atlas, View(aspirational_only=True))
    assert set(rows["district_id"]) == {VARANASI}


def test_the_convergence_brief_has_district_product_scheme_basis_and_source(planner_atlas):
    brief = convergence_brief(planner_atlas, View(state="Uttar Pradesh").list_id, filter_products(
        planner_atlas, View(state="Uttar Pradesh")))
    records = list(csv.DictReader(io.StringIO(brief.to_csv(index=False))))
    assert {"district", "product", "scheme", "basis", "source"} <= set(records[0])
    assert any(r["district"] == "Varanasi" and r["product"] == "(district-wide)" and "Aspirational" in r["scheme"]
               for r in records)
    assert all(r["source"] for r in records)


def test_the_real_data_places_all_112_aspirational_districts(real_atlas):
    assert real_atlas.aspirational["district_id"].str.len().gt(0).sum() == 112
    assert real_atlas.aspirational["district_id"].nunique() == 112


def test_every_shipped_scheme_names_its_rule_kind_reasoning_and_source(real_atlas):
    schemes = real_atlas.schemes
    assert len(schemes) >= 12 and set(schemes["rule_kind"]) == {"official", "our rule"}
    assert schemes["source"].str.startswith("http").all() and schemes["reasoning"].str.len().gt(40).all()
    assert {"deh", "odop", "pmfme", "gi", "pm-vishwakarma", "sfurti", "mse-cdp", "pm-mitra", "adp",
            "rodtep"} <= set(schemes["scheme_id"])


def test_chandauli_is_next_to_varanasi(planner_atlas):
    assert CHANDAULI in set(planner_atlas.districts["district_id"])
