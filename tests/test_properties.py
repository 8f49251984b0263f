"""Property-based tests (hypothesis) of the name normaliser and the joiner."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.data.match import DistrictMatcher
from dashboard.data.names import name_key

LATIN = st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x17F)
WORDS = st.lists(st.text(LATIN, min_size=1, max_size=10), min_size=1, max_size=4)
SEPARATORS = st.sampled_from([" ", "  ", "-", ".", " - ", "_"])


@settings(max_examples=200)
@given(st.text())
def test_name_key_never_raises_and_yields_lower_case_ascii_letters_and_digits(text):
    assert re.fullmatch(r"[a-z0-9]*", name_key(text))


@settings(max_examples=200)
@given(WORDS, SEPARATORS)
def test_name_key_ignores_case_and_separators(words, separator):
    spaced = " ".join(words)
    assert name_key(spaced.upper()) == name_key(spaced.lower()) or "ß" in spaced.lower() or "ı" in spaced
    assert name_key(separator.join(words)) == name_key(spaced)


@settings(max_examples=100)
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz "), min_size=1, max_size=30))
def test_name_key_ignores_diacritics(text):
    accented = text.replace("a", "ā").replace("i", "ī").replace("n", "ñ")
    assert name_key(accented) == name_key(text)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_every_district_matches_itself_in_any_case_and_spacing(small_atlas, data):
    matcher = DistrictMatcher(small_atlas.districts)
    named = small_atlas.districts[small_atlas.districts["district"] != ""]
    row = named.iloc[data.draw(st.integers(0, len(named) - 1))]
    name = data.draw(st.sampled_from([row["district"], row["district"].lower(), row["district_name"],
                                      row["district"].replace(" ", "  "), row["district"].title() + " District"]))
    state = data.draw(st.sampled_from([row["state"], row["state_name"], row["state"].lower()]))
    assert matcher.match(state, name).district_id == row["district_id"]
    if row["dist_lgd"]:
        padded = row["dist_lgd"].lstrip("0").rjust(data.draw(st.integers(1, 6)), "0")
        assert matcher.match(state, name, padded).district_id == row["district_id"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(st.characters(), max_size=8))
def test_any_input_either_matches_or_comes_back_with_candidates_never_raises(small_atlas, state, district, lgd):
    match = DistrictMatcher(small_atlas.districts).match(state, district, lgd)
    assert (match.district_id is None) == (match.method == "unmatched")
    assert all(isinstance(c, str) for c in match.candidates)
