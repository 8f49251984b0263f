"""The user-facing text: one catalogue per language (``en.toml``), looked up by key, never by its English words.

``t("panel.products.title")`` gives the text; ``t("stats.of", shown=3, total=9)`` fills its ``{placeholders}``.
A test walks every key the code uses and every placeholder of the catalogue.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

DEFAULT_LANGUAGE = "en"


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


def t(key: str, /, **values: object) -> str:
    """The text of ``key``, its ``{placeholders}`` filled from ``values``."""
    text = catalogue()[key]
    return text.format(**values) if values else text
