"""Clusters, infrastructure and schemes go through the same validation and match report as products."""

from __future__ import annotations

import pytest
from fixture_data import CHANDAULI, VARANASI, make_data_dir

from dashboard.data import load_atlas
from dashboard.queries import district_detail

CLUSTERS = "cluster_name,product,cluster_type,state,districts,source,source_note\n"
FACILITIES = "facility_name,kind,state,district,lat,lon,source,source_note\n"


def set_aside(atlas, file):
    return [(i.row, i.reason) for i in atlas.issues.for_file(file) if not i.kept]


def load_with_bad_row(tmp_path, file: str, header: str, row: str, good: str):
    """Load a data dir whose ``file`` has one bad row (line 2) before a good one; return the atlas."""
    return load_atlas(make_data_dir(tmp_path, **{file: header + row + good}))


def only_line_2_set_aside(atlas, file: str, reason: str) -> bool:
    issues = set_aside(atlas, f"{file}.csv")
    return len(issues) == 1 and issues[0][0] == 2 and issues[0][1].startswith(reason)


def test_a_cluster_spanning_three_districts_links_each_and_names_its_partners(small_atlas):
    detail = district_detail(small_atlas, VARANASI)
    assert set(detail.partners) == {CHANDAULI, "198"}  # Chandauli and Bhadohi
    chandauli = district_detail(small_atlas, CHANDAULI)
    assert "Varanasi" in chandauli.clusters.iloc[0]["partners"]


@pytest.mark.parametrize("row, reason", [
    ("X,Silk,weaving hub,Uttar Pradesh,Varanasi,https://x.example,\n", "unknown cluster_type 'weaving hub'"),
    (",Silk,handloom cluster,Uttar Pradesh,Varanasi,https://x.example,\n", "empty cluster_name"),
    ("X,Silk,handloom cluster,Uttar Pradesh,,https://x.example,\n", "no districts named"),
    ("X,Silk,handloom cluster,Uttar Pradesh,Varanasi,,\n", "no source"),
])
def test_bad_cluster_rows_are_named_and_the_rest_kept(tmp_path, row, reason):
    good = "Good cluster,Carpets,handloom cluster,Uttar Pradesh,Bhadohi,https://x.example,\n"
    atlas = load_with_bad_row(tmp_path, "clusters", CLUSTERS, row, good)
    assert only_line_2_set_aside(atlas, "clusters", reason)
    assert list(atlas.clusters["cluster_name"]) == ["Good cluster"]


def test_cluster_in_an_unknown_district_is_reported_as_unmatched(tmp_path):
    text = CLUSTERS + "Lost cluster,Silk,handloom cluster,Uttar Pradesh,Varanasi;Atlantis Nagar,https://x.example,\n"
    atlas = load_atlas(make_data_dir(tmp_path, clusters=text))
    assert [(u.file, u.line, u.district) for u in atlas.unmatched if u.file == "clusters.csv"] == [
        ("clusters.csv", 2, "Atlantis Nagar")]
    assert atlas.files["clusters.csv"].names_matched == 1


@pytest.mark.parametrize("row, reason", [
    ("Lab,testing lab,Uttar Pradesh,Agra,51.5,-0.12,https://x.example,\n", "coordinates (51.5, -0.12) are outside"),
    ("Lab,testing lab,Uttar Pradesh,Agra,27.1,,https://x.example,\n", "only one of lat/lon given"),
    ("Lab,testing lab,Uttar Pradesh,Agra,north,east,https://x.example,\n", "lat/lon not numbers"),
    ("Lab,laboratory,Uttar Pradesh,Agra,,,https://x.example,\n", "unknown kind 'laboratory'"),
    ("Lab,testing lab,Uttar Pradesh,,,,https://x.example,\n", "no district named"),
])
def test_bad_facility_rows_are_named_and_the_rest_kept(tmp_path, row, reason):
    good = "Cold store,cold chain,Uttar Pradesh,Agra,27.18,78.01,https://x.example,\n"
    atlas = load_with_bad_row(tmp_path, "infrastructure", FACILITIES, row, good)
    assert only_line_2_set_aside(atlas, "infrastructure", reason)
    assert list(atlas.facilities["facility_name"]) == ["Cold store"]


def test_missing_layer_files_mean_no_recorded_data_yet(tmp_path):
    atlas = load_atlas(make_data_dir(tmp_path, clusters=None, infrastructure=None, schemes=None, needs=None))
    assert atlas.clusters.empty and atlas.facilities.empty and atlas.schemes.empty
    assert any("no recorded data yet" in i.reason for i in atlas.issues.for_file("clusters.csv"))
    detail = district_detail(atlas, VARANASI)
    assert detail.clusters.empty and detail.schemes.empty and not detail.products.empty


def test_scheme_rows_need_every_field(tmp_path):
    text = ("scheme_id,name,ministry,url,scope,rule,rule_kind,reasoning,source\n"
            "deh,Districts as Export Hubs,DGFT,https://x.example,district,all,official,every district,\n"
            "gi,GI,DPIIT,https://x.example,product,gi=yes,official,GI status yes,https://x.example\n"
            "bad,Bad rule,X,https://x.example,district,sector=Textile,our rule,a district rule on products,x\n")
    atlas = load_atlas(make_data_dir(tmp_path, schemes=text))
    assert set_aside(atlas, "schemes.csv") == [(2, "empty source"),
                                               (4, "a district-scope rule cannot test products (sector)")]
    assert list(atlas.schemes["scheme_id"]) == ["gi"]
