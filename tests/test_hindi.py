"""हिन्दी में भी: the Hindi catalogue, names and the language carried by links, pages and callbacks."""

from __future__ import annotations

import json
import re
import string

import pandas as pd
import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.maps.figures import build_map_base, overlay_traces, overlays_of
from dashboard.settings import DEFAULT_DATA_DIR
from dashboard.text import catalogue, indian_grouping, number, t, use_language
from dashboard.view import View

# Keys whose Hindi text is rightly the English one: the app's name, money ranges and units, pure placeholders,
# and the names of the two languages (each written in its own script in both catalogues).
SAME_IN_HINDI = {"app.title", "export.png.title", "export.csv.title", "exports.class.1m_10m",
                 "exports.class.10m_100m", "exports.class.100m_1b", "exports.standing.line", "filters.km",
                 "mode.census.range", "panel.exports.usd", "panel.people.population_value", "panel.connectivity.km",
                 "fact.km", "language.en", "language.hi"}


def fields(text: str) -> set[str]:
    return {name for _, name, spec, _ in string.Formatter().parse(text) if name is not None} | {
        f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if spec}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")


def test_every_english_text_has_a_hindi_one_with_the_same_placeholders():
    english, hindi = catalogue("en"), catalogue("hi")
    assert set(english) == set(hindi), set(english) ^ set(hindi)
    for key, text in english.items():
        assert hindi[key].strip(), key
        assert fields(hindi[key]) == fields(text), key
        assert (hindi[key] == text) == (key in SAME_IN_HINDI), key


def test_hindi_text_is_in_devanagari_with_international_digits():
    hindi = catalogue("hi")
    written = [key for key, text in hindi.items() if re.search(r"[\u0900-\u097F]", text)]
    assert len(written) > 0.9 * (len(hindi) - len(SAME_IN_HINDI))
    assert not [key for key, text in hindi.items() if re.search(r"[\u0966-\u096F]", text)]  # no ०-९


def test_numbers_are_grouped_the_indian_way_in_both_languages():
    assert indian_grouping("1210854977") == "1,21,08,54,977"
    assert number(3676841) == "36,76,841" and number(999) == "999" and number(-1234567.25, 1) == "-12,34,567.2"
    for language in ("en", "hi"):
        use_language(language)
        assert "36,76,841" in t("panel.people.population_value", value=3676841)


def test_state_names_come_from_pycountry_with_each_fix_explained(real_atlas):
    states = pd.read_csv(DEFAULT_DATA_DIR / "names" / "state_names_hi.csv", dtype=str)
    assert set(states["state_name"]) == {s for s in real_atlas.districts["state_name"] if s}
    assert real_atlas.hindi.states["Andaman and Nicobar Islands"] == "अंडमान और निकोबार द्वीपसमूह"  # not नोकोबार
    assert real_atlas.hindi.states["Haryana"] == "हरियाणा" and real_atlas.hindi.states["Bihar"] == "बिहार"
    fixed = states[states["source"].str.contains("corrected")]
    assert len(fixed) == len(pd.read_csv(DEFAULT_DATA_DIR / "names" / "state_name_fixes.csv")) == 4


def test_district_names_are_lgds_own_or_labelled_as_a_third_partys_translation(real_atlas):
    names = pd.read_csv(DEFAULT_DATA_DIR / "names" / "district_names_hi.csv", dtype=str)
    assert names["source"].str.startswith(("LGD local-language name", "third-party translation")).all()
    assert not (names["state"] == "Maharashtra").any()  # LGD's names there are Marathi
    darbhanga, varanasi = by_lgd(real_atlas, "195"), by_lgd(real_atlas, "187")
    assert real_atlas.hindi.district(darbhanga) == "दरभंगा" and darbhanga not in real_atlas.hindi.translated
    assert real_atlas.hindi.district(varanasi) == "वाराणसी" and varanasi in real_atlas.hindi.translated


def by_lgd(atlas, code: str) -> str:
    return atlas.districts.loc[atlas.districts["lgd_code"] == code, "district_id"].item()


def layout_text(client, query: str) -> str:
    client.get(f"/{query}")
    layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost/{query}"}).get_json()
    return json.dumps(layout, ensure_ascii=False)


def test_a_lang_hi_link_opens_the_page_in_hindi_and_keeps_the_language_in_its_links(real_atlas):
    client = create_app(real_atlas).server.test_client()
    page = client.get("/?lang=hi").get_data(as_text=True)
    assert '<html lang="hi">' in page
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    layout = layout_text(client, "?lang=hi&lgd=195")
    assert "ज़िला खोजें" in layout and "दरभंगा (Darbhanga), बिहार" in layout
    assert "?lgd=195&lang=hi" in layout or "lang=hi" in layout  # the switch and the fact sheet link keep it
    assert "Darbhanga, Bihar" in layout_text(client, "?lgd=195")  # English by default


def test_varanasi_is_found_by_its_hindi_name_but_not_labelled_with_a_translated_one(real_atlas):
    client = create_app(real_atlas).server.test_client()
    page = client.get("/?lang=hi").get_data(as_text=True)  # the pickers' whole list comes from the URL it names
    url = re.search(r'<meta name="odop-district-options-hi" content="([^"]+)"', page).group(1)
    option = next(o for o in client.get(url).get_json() if o["value"] == by_lgd(real_atlas, "187"))
    assert option["search"] == "वाराणसी" and option["label"] == "Varanasi, उत्तर प्रदेश"


def test_on_a_hindi_page_the_map_names_bihars_districts_in_hindi_and_gorakhpur_in_english(real_atlas):
    base = build_map_base(real_atlas)

    def labels(state: str, lang: str) -> dict[str, str]:
        trace = overlay_traces(base, overlays_of(real_atlas, View(state=state, lang=lang)))[ids.LABELS_TRACE]
        named = [d for d in base.district_ids if d in base.labelled[state] and d in base.label_points]  # as drawn
        return dict(zip(named, trace.text, strict=True))

    darbhanga, gorakhpur = by_lgd(real_atlas, "195"), by_lgd(real_atlas, "148")
    assert labels("Bihar", "hi")[darbhanga] == "दरभंगा" and labels("Bihar", "en")[darbhanga] == "Darbhanga"
    assert gorakhpur in real_atlas.hindi.translated  # only a third party's translation: not given as its name
    assert labels("Uttar Pradesh", "hi")[gorakhpur] == "Gorakhpur"


def test_a_hindi_page_names_the_chosen_state_in_hindi_over_the_map_and_in_its_exports(real_atlas):
    client = create_app(real_atlas).server.test_client()
    layout = json.loads(layout_text(client, "?lang=hi&state=Bihar"))
    text = json.dumps(layout, ensure_ascii=False)
    meta = re.search(r'"summary": "([^"]*)"', text).group(1)  # the PNG's line under its title
    assert "बिहार" in meta and "Bihar" not in meta
    assert "· Bihar" not in text and "· बिहार" in text  # the map's heading
    assert "· Bihar" in layout_text(client, "?state=Bihar")  # English by default


def test_the_view_keeps_the_language_when_filters_change():
    view = View(lang="hi", state="Bihar")
    assert "lang=hi" in view.to_query_string() and View().to_query_string() == ""
