"""The user-facing text: one catalogue per language (``en.toml``, ``hi.toml``), looked up by key, never by its
English words.

``t("panel.products.title")`` gives the text in the language of the request being answered (English unless
``use_language`` chose another); ``t("stats.of", shown=3, total=9)`` fills its ``{placeholders}``. Numbers with a
``,`` in their format are grouped the Indian way in every language (1,21,08,54,977 people; ₹1,20,000 crore).
A test walks every key the code uses, every placeholder, and every Hindi entry.
"""

from __future__ import annotations

import string
import tomllib
from contextvars import ContextVar
from functools import cache
from importlib.resources import files

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "hi")  # the catalogues, in the order the switch offers them
_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every text of one language by its dotted key (read once)."""
    return _flatten(tomllib.loads(files(__package__).joinpath(f"{language}.toml").read_text(encoding="utf-8")))


def use_language(language: str) -> None:
    """Answer the current request (its thread or task) in ``language`` (an unknown one: the default)."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def language() -> str:
    """The language the current request is answered in."""
    return _language.get()


def indian_grouping(digits: str) -> str:
    """``"121085497"`` -> ``"12,10,85,497"``: the last three digits, then pairs (lakh, crore)."""
    head, tail = digits[:-3], digits[-3:]
    pairs = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
    return ",".join([*pairs, tail]) if head else tail


class _IndianFormatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        if "," not in format_spec or not isinstance(value, (int, float)):
            return super().format_field(value, format_spec)
        text = super().format_field(value, format_spec.replace(",", ""))
        sign = "-" if text.startswith("-") else ""
        whole, dot, fraction = text.lstrip("-").partition(".")
        return sign + indian_grouping(whole) + dot + fraction


_FORMATTER = _IndianFormatter()


def t(key: str, /, **values: object) -> str:
    """The text of ``key`` in the current language, its ``{placeholders}`` filled from ``values``."""
    text = catalogue(_language.get())[key]
    return _FORMATTER.format(text, **values) if values else text


def number(value: float, decimals: int = 0) -> str:
    """A number grouped the Indian way (``1,23,456``), as the catalogue's ``{value:,}`` formats do."""
    return _FORMATTER.format_field(value, f",.{decimals}f")
