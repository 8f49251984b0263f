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
}


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
    """Matching key for a state or UT, folding the common old and short names."""
    key = name_key(name)
    return STATE_ALIASES.get(key, key)


def title_case(name: str) -> str:
    """Display form of an upper-case boundary-file name: 'BARA BANKI' -> 'Bara Banki'."""
    words = re.split(r"(\s+|-|&|\()", name.strip().lower())
    small = {"and", "of"}
    return "".join(w if w in small else w[:1].upper() + w[1:] for w in words)
