"""The one module that reads and edits Dash's private script list (``dcc._js_dist``).

Dash offers no public switch for either use: serving Plotly's geo-only bundle instead of the full one, and
listing the lazily loaded chunks a layout's components fetch (to compress them before the workers fork).
``tests/test_structure.py`` fails loudly if a Dash upgrade changes the structure relied on here.
"""

from __future__ import annotations

import re

from dash import dcc

PLOTLY_BUNDLE_ENTRY = {"relative_package_path": "package_data/plotly.min.js", "namespace": "plotly"}


def use_geo_plotly_bundle() -> None:
    """Serve Plotly's geo-only bundle from ``assets/vendor`` instead of the full one.

    The map needs only geo traces; ``plotly-geo.min.js`` (the same plotly.js, MIT) is
    ~0.46 MB gzipped against ~1.47 MB for the full bundle Dash would otherwise load:
    every ``Dash()`` appends the full bundle to dcc's script list (``Dash._setup_plotlyjs``).
    """
    scripts = dcc._js_dist  # noqa: SLF001 - see the module docstring
    scripts[:] = [entry for entry in scripts if entry.get("namespace") != PLOTLY_BUNDLE_ENTRY["namespace"]]


def lazy_chunks(layout_text: str) -> set[str]:
    """The lazily loaded script chunks of the components a layout uses: dcc's per component (``async-graph.js``
    for a Graph) and AG Grid's community build (never its enterprise build, which this app does not use)."""
    used = set(re.findall(r'"type":\s*"(\w+)",\s*"namespace":\s*"dash_core_components"', layout_text))
    chunks = {f"/_dash-component-suites/dash/{entry['relative_package_path']}" for entry in dcc._js_dist
              if entry.get("async") and entry["relative_package_path"].removeprefix("dcc/async-").removesuffix(".js")
              in {name.lower() for name in used}}
    if '"namespace": "dash_ag_grid"' in layout_text or '"namespace":"dash_ag_grid"' in layout_text:
        chunks.add("/_dash-component-suites/dash_ag_grid/async-community.js")
    return chunks


