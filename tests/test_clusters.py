"""ODOP clusters across district lines, as the ODOP guidelines define them: adjacency, product families, derived
clusters, and what a planner sees of them (panel, map, table, CSV)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.clusters import derived_clusters, name_key, product_families
from dashboard.data.clusters import recorded_overlaps
from dashboard.maps.figures import overlays_of
from dashboard.panels import district_facts, district_panel
from dashboard.queries import district_detail
from dashboard.queries.clusters import cluster_table, clustered_districts
from dashboard.ui.outputs import DOWNLOADS, ViewCache, download_output
from dashboard.view import View

DATA = Path(__file__).resolve().parent.parent / "data"
VARANASI, CHANDAULI, BHADOHI, MIRZAPUR, LUCKNOW, DARBHANGA, UNNAO = "197", "196", "198", "199", "157", "215", "156"
MAKHANA_BELT = {"Madhubani", "Supaul", "Araria", "Purnia", "Katihar", "Saharsa", "Darbhanga"}


@pytest.fixture(scope="module")
def adjacency() -> set[tuple[str, str]]:
    pairs = pd.read_csv(DATA / "geo" / "district_adjacency.csv", dtype=str)
    return set(zip(pairs["district_id_a"], pairs["district_id_b"])) | set(zip(pairs["district_id_b"],
                                                                              pairs["district_id_a"]))


def test_known_neighbours_are_neighbours_and_far_districts_are_not(adjacency):
    assert (VARANASI, CHANDAULI) in adjacency and (BHADOHI, MIRZAPUR) in adjacency
    assert (VARANASI, BHADOHI) in adjacency
    assert (VARANASI, LUCKNOW) not in adjacency and (DARBHANGA, VARANASI) not in adjacency
    assert 4 < len(adjacency) / 777 < 7  # about 5.5 neighbours per district, not the 0.3 exact edges give


def test_the_makhana_cluster_is_the_seven_districts_of_north_bihar_and_nothing_outside_bihar(real_atlas):
    makhana = real_atlas.derived_clusters[real_atlas.derived_clusters["family"] == "Makhana"]
    assert len(makhana) == 1
    row = makhana.iloc[0]
    assert set(row["districts"].split(";")) == MAKHANA_BELT and row["state"] == "Bihar" and int(row["size"]) == 7
    assert row["rule"] == "adjacent districts in Bihar whose national-list product is Makhana"
    states = real_atlas.districts.set_index("district_id").loc[row["district_ids"].split(";"), "state_name"]
    assert set(states) == {"Bihar"}  # Malda (West Bengal) also lists Makhana, and stays out


def test_a_product_in_two_districts_that_do_not_touch_makes_no_cluster():
    products = pd.DataFrame({"state": ["S", "S", "S"], "district_id": ["1", "2", "3"],
                             "district": ["One", "Two", "Three"], "product": ["Carpets", "Carpet", "Carpet"]})
    families = product_families(products, pd.DataFrame(columns=["product", "same_as", "reason"]))
    identity = pd.DataFrame({"district_id": ["1", "2", "3"], "lgd_code": ["11", "12", "13"],
                             "lgd_name": ["One", "Two", "Three"]})
    apart = derived_clusters(products, families, pd.DataFrame({"district_id_a": ["1"], "district_id_b": ["9"]}),
                             identity)
    assert apart.empty
    touching = derived_clusters(products, families, pd.DataFrame({"district_id_a": ["2"], "district_id_b": ["3"]}),
                                identity)
    assert touching["district_ids"].tolist() == ["2;3"] and touching["cluster_id"].tolist() == ["s-carpet-12"]


def test_unnao_lists_zari_zardozi_but_is_not_adjacent_to_the_belt_so_it_stands_alone(real_atlas):
    detail = district_detail(real_atlas, UNNAO)
    assert not any(belt.family == "Zari Zardozi" for belt in detail.belts)
    assert "Zari Zardozi" in detail.single_products
    zari = real_atlas.derived_clusters[real_atlas.derived_clusters["family"] == "Zari Zardozi"].iloc[0]
    assert set(zari["districts"].split(";")) == {"Mainpuri", "Budaun", "Bareilly", "Shahjahanpur", "Farrukhabad",
                                                 "Kasganj"}


def test_names_are_the_same_product_only_by_spelling_or_where_the_reviewed_table_says_so():
    assert name_key("Zari and Zardozi") == name_key("Zari-Zardozi") == name_key("Zari Zardozi")
    assert name_key("Basmati (Rice)") == name_key("Basmati Rice")
    assert name_key("Silk Saree") != name_key("Silk Cocoon")
    products = pd.DataFrame({"product": ["Makhana", "Makhana (Foxnut)", "Silk Saree", "Silk Cocoon"]})
    without = product_families(products, pd.DataFrame(columns=["product", "same_as", "reason"]))
    assert without.set_index("product")["family"]["Makhana (Foxnut)"] == "Makhana (Foxnut)"
    merges = pd.read_csv(DATA / "odop" / "family_merges.csv", dtype=str, keep_default_na=False)
    assert merges["reason"].str.len().min() > 20  # every reviewed merge says why
    merged = product_families(products, merges).set_index("product")
    assert merged.at["Makhana (Foxnut)", "family"] == "Makhana" and merged.at["Makhana (Foxnut)", "basis"] == \
        "reviewed merge"
    assert merged.at["Silk Saree", "family"] != merged.at["Silk Cocoon", "family"]


def test_clicking_darbhanga_highlights_its_six_makhana_partners(real_atlas):
    names = real_atlas.districts.set_index("district_id")["district_name"]
    partners = overlays_of(real_atlas, View(district_id=DARBHANGA))["cluster partner districts"]
    assert {names[d] for d in partners} >= MAKHANA_BELT - {"Darbhanga"}


def test_darbhangas_panel_says_it_is_part_of_the_makhana_cluster_with_partner_links(real_atlas):
    detail = district_detail(real_atlas, DARBHANGA)
    text = str(district_panel(detail))
    assert "Part of the Makhana cluster, Bihar: 7 districts" in text and "?lgd=" in text
    assert "Makhana cluster, Bihar: 7 districts" in district_facts(detail)["clusters"]
    assert detail.single_products == ["Terracotta"]  # its Madhubani painting is shared with Madhubani
    assert {belt.family for belt in detail.belts} == {"Makhana", "Madhubani Paintings"}


def test_the_clusters_outline_follows_the_state_and_the_scheme_rules_keep_recorded_clusters_only(real_atlas):
    bihar = real_atlas.list_products()
    bihar = bihar[bihar["state"] == "Bihar"]
    outlined = clustered_districts(real_atlas, bihar)
    states = set(real_atlas.districts.set_index("district_id").loc[list(outlined), "state_name"])
    assert states == {"Bihar"} and DARBHANGA in outlined
    assert overlays_of(real_atlas, View(state="Bihar", show_clusters=True))["odop-clusters"] == outlined
    assert real_atlas.district_facts.at[DARBHANGA, "clusters"] == frozenset()  # SFURTI/MSE-CDP: recorded only


def test_the_clusters_table_and_its_csv_are_sortable_facts_with_numbers_as_numbers(real_atlas):
    table = cluster_table(real_atlas, real_atlas.list_products())
    assert len(table) == len(real_atlas.derived_clusters) and table.iloc[0]["product"] == "Makhana"
    download = next(d for d in DOWNLOADS if d.name == "clusters")
    sent = download_output(ViewCache(real_atlas, None), download, View(state="Bihar").to_dict())
    frame = pd.read_csv(io.StringIO(sent["content"]), comment="#")
    assert set(frame["state"]) == {"Bihar"} and "Makhana" in set(frame["product"])
    assert pd.api.types.is_numeric_dtype(frame["districts"]) and pd.api.types.is_numeric_dtype(frame["exports_usd"])


def test_every_reviewed_merge_names_two_products_of_the_national_list(real_atlas):
    merges = pd.read_csv(DATA / "odop" / "family_merges.csv", dtype=str, keep_default_na=False)
    listed = set(real_atlas.list_products()["product"])
    assert set(merges["product"]) <= listed and set(merges["same_as"]) <= listed
    assert merges["product"].is_unique and not set(merges["product"]) & set(merges["same_as"])  # no chains


def test_bhadohis_carpets_and_mirzapurs_make_one_carpet_belt_by_the_reviewed_merge(real_atlas):
    belts = district_detail(real_atlas, BHADOHI).belts
    carpets = next(belt for belt in belts if belt.family == "Carpets")
    assert {name for name, _ in carpets.partners} >= {"Mirzapur"}


def test_a_recorded_cluster_sharing_no_district_with_a_derived_one_overlaps_none():
    recorded = pd.DataFrame({"cluster_id": ["sfurti-1"], "product": ["Carpet"]})
    recorded_links = pd.DataFrame({"cluster_id": ["sfurti-1"], "district_id": ["180"]})
    derived = pd.DataFrame({"cluster_id": ["d-1"], "family": ["carpet"]})
    links = pd.DataFrame({"cluster_id": ["d-1"], "district_id": ["999"]})  # no district in common
    assert recorded_overlaps(recorded, recorded_links, derived, links).tolist() == [""]
