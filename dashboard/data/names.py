"""Name normalisation for matching district and state names across sources."""

from __future__ import annotations

import re
import unicodedata

_DROP_WORDS = re.compile(r"\b(district|dist|distt|zila|jila)\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

STATE_ALIASES: dict[str, str] = {
    "orissa": "odisha",
    "pondicherry": "puducherry",
    "jk": "jammuandkashmir",
    "nctofdelhi": "delhi",
    "nationalcapitalterritoryofdelhi": "delhi",
    "uttaranchal": "uttarakhand",
    "andamanandnicobar": "andamanandnicobarislands",
    "dadraandnagarhavelianddamananddiu": "dadraandnagarhavelianddamananddiu",
    "dnhanddd": "dadraandnagarhavelianddamananddiu",
    "dadraandnagarhaveli": "dadraandnagarhavelianddamananddiu",
    "damananddiu": "dadraandnagarhavelianddamananddiu",
    "dadraandnagarhavelidamananddiu": "dadraandnagarhavelianddamananddiu",  # DPIIT list: "... (UT) Daman & Diu (UT)"
    "dadranhdamandiu": "dadraandnagarhavelianddamananddiu",  # DGCI&S exports: "DADRA,NH,DAMAN,DIU"
    "chattisgarh": "chhattisgarh",  # GI registry spelling
    "uttarpredesh": "uttarpradesh",  # GI registry spelling
}
_UT_MARK = re.compile(r"\(\s*ut\s*\)", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def name_key(name: str) -> str:
    """Matching key: lower case, no diacritics, '&' as 'and', no punctuation or spaces.

    >>> name_key("Bara Banki") == name_key("Barabanki")
    True
    >>> name_key("Sant Ravidas Nagar (Bhadohi)")
    'santravidasnagarbhadohi'
    """
    text = unicodedata.normalize("NFKD", str(name or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ")
    text = _DROP_WORDS.sub(" ", text)
    return _NON_ALNUM.sub("", text)


def state_key(name: str) -> str:
    """Matching key for a state or UT, folding the common old and short names and "(UT)" marks."""
    key = name_key(_UT_MARK.sub(" ", str(name or "")))
    return STATE_ALIASES.get(key, key)


def name_variants(name: str) -> list[str]:
    """The spellings a source packs into one cell, whole name first.

    >>> name_variants("Kendujhar (Keonjhar)")
    ['Kendujhar (Keonjhar)', 'Kendujhar', 'Keonjhar']
    >>> name_variants("Himmatnagar/Sabarkantha")
    ['Himmatnagar/Sabarkantha', 'Himmatnagar', 'Sabarkantha']
    """
    text = str(name or "").strip()
    outside = _PARENTHESES.sub(" ", text)
    parts = [outside, *_PARENTHESES.findall(text)]
    variants = [text] + [piece.strip() for part in parts for piece in part.split("/")]
    return list(dict.fromkeys(v for v in variants if v))


def title_case(name: str) -> str:
    """Display form of an upper-case boundary-file name: 'BARA BANKI' -> 'Bara Banki'.

    Initialisms stay upper case ('NTR', 'Y.S.R.'), as do words without vowels.
    """
    words = re.split(r"(\s+|-|&|\()", name.strip())
    out = []
    for word in words:
        letters = re.sub(r"[^A-Za-z]", "", word)
        if word.lower() in {"and", "of"}:
            out.append(word.lower())
        elif word.upper() == "DR.":
            out.append("Dr.")
        elif letters and ("." in word or not re.search(r"[aeiouAEIOU]", letters)):
            out.append(word.upper())
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return "".join(out)
