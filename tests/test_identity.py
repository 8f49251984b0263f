"""District identity: every boundary polygon gets its real LGD code, by Census 2011 code or by name, and the table of
districts created since the Census 2011 holds up against LGD."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build import identity
from dashboard.build.identity import (
    NO_PARENT_NOTE,
    district_changes,
    district_identity,
    read_aliases,
    read_changes,
    read_lgd,
    read_lgd_export,
    read_polygons,
)
from dashboard.data.importing import write_frame_atomically

REPO = Path(__file__).resolve().parent.parent
SHARED_SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(scope="module")
def lgd():
    return read_lgd(identity.LGD_JSON)


@pytest.fixture(scope="module")
def export():
    return read_lgd_export(identity.LGD_EXPORT_CSV)


@pytest.fixture(scope="module")
def aliases():
    return read_aliases(identity.ALIASES_CSV)


@pytest.fixture(scope="module")
def polygons():
    return read_polygons(identity.DISTRICTS_GEOJSON)


@pytest.fixture(scope="module")
def matched(polygons, lgd, aliases, export):
    return district_identity(polygons, lgd, aliases, export)


@pytest.fixture(scope="module")
def table(matched):
    return matched[0].set_index("district_id")


@pytest.fixture(scope="module")
def problems(matched):
    return matched[1]


@pytest.fixture(scope="module")
def changes():
    return read_changes(identity.CHANGES_CSV)


def polygon_named(table, state, district):
    rows = table[(table["state"] == state) & (table["district"] == district)]
    assert len(rows) == 1, (state, district, rows)
    return rows.iloc[0]


# --- The boundary file's code is a Census 2011 code, translated to LGD ------------------------------------------

def test_varanasi_polygon_carries_lgd_187_and_census_197(table):
    varanasi = polygon_named(table, "UTTAR PRADESH", "VARANASI")
    assert varanasi.name == "197"
    assert (varanasi["lgd_code"], varanasi["census2011_code"], varanasi["method"]) == ("187", "197",
                                                                                        "census2011_code")


def test_kachchh_polygon_carries_lgd_449_and_census_468(table):
    kachchh = polygon_named(table, "GUJARAT", "KACHCHH")
    assert (kachchh["lgd_code"], kachchh["census2011_code"], kachchh["method"]) == ("449", "468", "census2011_code")


def test_south_andamans_polygon_carries_lgd_602_and_census_640(table):
    south_andamans = polygon_named(table, "ANDAMAN AND NICOBAR ISLANDS", "SOUTH ANDAMANS")
    assert (south_andamans["lgd_code"], south_andamans["census2011_code"]) == ("602", "640")


def test_nuh_polygon_coded_087_with_a_leading_zero_gets_lgd_604(table):
    nuh = table.loc["087"]
    assert (nuh["district"], nuh["lgd_code"], nuh["census2011_code"]) == ("NUH", "604", "087")


def test_gopalganj_keeps_lgd_197_although_varanasi_polygon_is_numbered_197(table):
    gopalganj = polygon_named(table, "BIHAR", "GOPALGANJ")
    assert gopalganj["lgd_code"] == "197"
    assert table.loc["197", "lgd_code"] == "187"


def test_renamed_odisha_districts_are_matched_through_lgds_own_former_names(table):
    cuttack = polygon_named(table, "ODISHA", "CUTTACK")
    assert (cuttack["lgd_code"], cuttack["lgd_name"], cuttack["method"]) == ("350", "Kataka", "census2011_code")
    assert "older LGD export" in cuttack["note"]


# --- Districts created since the Census 2011 are matched by name -------------------------------------------------

def test_charkhi_dadri_polygon_gets_lgd_701_and_no_census_code(table):
    dadri = polygon_named(table, "HARYANA", "CHARKI DADRI")
    assert dadri.name == "732"
    assert (dadri["lgd_code"], dadri["census2011_code"], dadri["method"]) == ("701", "", "alias")
    assert "Tirupathur" in dadri["note"], "the file's own 732 is LGD's Tirupathur: the note warns about it"


def test_telangana_districts_of_2016_are_matched_by_name_within_their_state(table):
    siddipet = polygon_named(table, "TELANGANA", "SIDDIPET")
    assert (siddipet["lgd_code"], siddipet["census2011_code"], siddipet["method"]) == ("692", "", "name_in_state")


# --- Every polygon and every LGD district is accounted for --------------------------------------------------------

def test_every_polygon_with_a_census_2011_code_gets_an_lgd_code_unless_listed_with_a_reason(polygons, lgd, table,
                                                                                           problems):
    census_codes = set(lgd["census2011_code"]) - {""}
    coded = polygons[polygons["dist_lgd"].str.zfill(3).isin(census_codes)]
    for district_id in coded["district_id"]:
        row = table.loc[district_id]
        if row["lgd_code"] == "":
            assert row["method"] == "none" and row["note"]
            assert any(problem.startswith(f"unmatched polygon {district_id} ") for problem in problems)
    assert (table.loc[coded["district_id"], "lgd_code"] != "").all(), "today every Census-coded polygon is matched"


def test_no_lgd_code_is_used_twice(table, problems):
    codes = table.loc[table["lgd_code"] != "", "lgd_code"]
    assert not codes.duplicated().any(), codes[codes.duplicated()]
    assert not [problem for problem in problems if problem.startswith("duplicate:")]


def test_every_polygon_has_exactly_one_row_and_a_known_method(polygons, matched):
    frame = matched[0]
    assert list(frame["district_id"]) == list(polygons["district_id"])
    assert set(frame["method"]) <= set(identity.METHODS)
    assert (frame.loc[frame["method"] == "none", "note"] != "").all()
    assert (frame["source"] != "").all()


def test_polygons_without_a_code_or_state_stay_unmatched_with_their_reason(table):
    for district_id, words in [("nolgd-4", "NOT AVAILABLE"), ("nolgd-5", "NOT AVAILABLE"), ("nolgd-179", "no code"),
                               ("nolgd-26", "DISPUTED (JHARKHAND & BIHAR)")]:
        row = table.loc[district_id]
        assert row["method"] == "none" and row["lgd_code"] == "", district_id
        assert words in row["note"], (district_id, row["note"])


def test_shahdara_polygon_is_reported_as_a_district_lgd_no_longer_lists(table):
    shahdara = polygon_named(table, "DELHI", "SHAHDARA")
    assert shahdara["method"] == "none" and "671 SHAHDARA" in shahdara["note"]


def test_lgd_districts_without_a_polygon_are_reported(problems):
    missing = [problem for problem in problems if problem.startswith("LGD district without polygon: ")]
    assert any(problem.startswith("LGD district without polygon: 792 Hansi (Haryana)") for problem in missing)
    assert len(missing) < 20, missing


def test_shipped_identity_csv_is_what_the_module_builds(matched):
    shipped = pd.read_csv(identity.GEO_DIR / "district_identity.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(shipped, matched[0].reset_index(drop=True), check_dtype=False)


# --- Bad input is reported, not crashed on -------------------------------------------------------------------------

def test_an_unknown_state_and_an_unknown_district_are_reported_not_crashing(lgd):
    polygons = pd.DataFrame([{"district_id": "x1", "district": "EMERALD CITY", "state": "OZ", "dist_lgd": "197"},
                             {"district_id": "x2", "district": "NOWHERE", "state": "BIHAR", "dist_lgd": "abc"},
                             {"district_id": "x3"}])
    frame, problems = district_identity(polygons, lgd, None)
    assert list(frame["method"]) == ["none", "none", "none"]
    assert "'OZ' is not an LGD state" in frame.loc[0, "note"]
    assert "no LGD district of BIHAR has this name" in frame.loc[1, "note"]
    assert "no state" in frame.loc[2, "note"]
    assert sum(problem.startswith("unmatched polygon x") for problem in problems) == 3


def test_a_census_code_whose_name_disagrees_is_not_silently_accepted(lgd):
    polygons = pd.DataFrame([{"district_id": "p1", "district": "GOPALGANJ", "state": "UTTAR PRADESH",
                              "dist_lgd": "197"}])
    frame, problems = district_identity(polygons, lgd, None)
    assert frame.loc[0, "lgd_code"] == ""
    assert "197 is the Census 2011 code of LGD 187 Varanasi" in frame.loc[0, "note"]
    assert any("unmatched polygon p1" in problem for problem in problems)


def test_two_polygons_claiming_one_lgd_district_are_reported_and_only_one_keeps_it(lgd):
    polygons = pd.DataFrame([{"district_id": "a", "district": "VARANASI", "state": "UTTAR PRADESH", "dist_lgd": "197"},
                             {"district_id": "b", "district": "VARANASI", "state": "UTTAR PRADESH", "dist_lgd": "999"}])
    frame, problems = district_identity(polygons, lgd, None)
    assert list(frame["lgd_code"]) == ["187", ""]
    assert any(problem.startswith("duplicate: polygon b") for problem in problems)


def test_an_alias_links_a_spelling_to_its_lgd_district_and_says_where_it_came_from(lgd):
    polygons = pd.DataFrame([{"district_id": "c", "district": "CHARKI DADRI", "state": "HARYANA", "dist_lgd": "732"}])
    assert district_identity(polygons, lgd, None)[0].loc[0, "method"] == "none"
    frame, _ = district_identity(polygons, lgd, {("Haryana", "Charki Dadri"): ("Charkhi Dadri", "a test source")})
    assert (frame.loc[0, "lgd_code"], frame.loc[0, "method"]) == ("701", "alias")
    assert "a test source" in frame.loc[0, "source"]


def test_a_bad_changes_row_is_reported(lgd):
    bad = pd.DataFrame([{"lgd_code": "187", "district": "Varanasi", "state": "Bihar", "parents_lgd": "9999",
                         "parents": "Nowhere", "year": "1999", "source": "", "note": ""}])
    found = " | ".join(district_changes(bad, lgd))
    for words in ["has Census 2011 code 197", "LGD says Uttar Pradesh", "not a year from 2010", "no source",
                  "parent 9999 is not an LGD district code", "701 Charkhi Dadri (Haryana) is created since 2011"]:
        assert words in found, words
    assert district_changes(pd.DataFrame({"lgd_code": ["701"]}), lgd)[0].startswith("district_changes: missing")


# --- The hand-reviewed table of districts created since the Census 2011 ------------------------------------------

def test_district_changes_rows_validate_against_lgd(changes, lgd):
    assert district_changes(changes, lgd) == []


def test_every_lgd_district_without_a_census_code_is_in_the_changes_table(changes, lgd):
    new = set(lgd.loc[lgd["census2011_code"] == "", "lgd_code"])
    assert set(changes["lgd_code"]) == new and len(changes) == len(new) == 146


def test_every_changes_row_cites_a_source_and_parents_or_says_none_were_found(changes):
    assert changes["source"].str.match(r"https?://").all()
    unsourced = changes[changes["parents_lgd"] == ""]
    assert unsourced["note"].str.startswith(NO_PARENT_NOTE).all()


def test_charkhi_dadri_was_carved_out_of_bhiwani_in_2016(changes):
    dadri = changes.set_index("lgd_code").loc["701"]
    assert (dadri["parents_lgd"], dadri["parents"], dadri["year"]) == ("59", "Bhiwani", "2016")


def test_mulugu_parent_is_itself_a_new_district_listed_in_the_table(changes):
    mulugu = changes.set_index("lgd_code").loc["720"]
    assert mulugu["parents_lgd"] == "687" and "687" in set(changes["lgd_code"])


# --- The LGD sources ----------------------------------------------------------------------------------------------

def test_lgd_has_784_districts_and_146_without_a_census_2011_code(lgd):
    assert len(lgd) == 784 and lgd["lgd_code"].is_unique
    assert (lgd["census2011_code"] == "").sum() == 146
    assert lgd.set_index("lgd_code").loc["187", ["lgd_name", "census2011_code"]].tolist() == ["Varanasi", "197"]


def test_the_older_lgd_export_agrees_with_the_json_on_census_codes_but_gariyaband(lgd, export):
    disagreements = [note for note in identity.lgd_cross_check(lgd, export) if "Census 2011 code" in note]
    assert disagreements == ["LGD 645 Gariyaband: Census 2011 code none in the JSON, 645 in the export"]


@pytest.mark.skipif(not SHARED_SOURCES.exists(), reason="the shared sources folder is not next to the repository")
@pytest.mark.parametrize("name", ["lgd_states_districts_20261002.json", "lgd_all_districts_export_datacommons.csv"])
def test_raw_lgd_files_are_byte_for_byte_copies_of_the_sources(name):
    def digest(path):
        return hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest(identity.GEO_DIR / "raw" / name) == digest(SHARED_SOURCES / name)


# --- The module itself ----------------------------------------------------------------------------------------------

def test_identity_module_imports_only_the_standard_library_pandas_and_names():
    tree = ast.parse(Path(identity.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"__future__", "csv", "difflib", "json", "os", "re", "sys", "tempfile", "pathlib", "pandas",
                        "geopandas", "dashboard.data.importing", "dashboard.data.names", "dashboard.settings"}, imported


def test_writing_a_csv_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    write_frame_atomically(target, pd.DataFrame({"a": ["1"]}))
    assert target.read_text() == "a\n1\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.csv"]
