"""The one module that reads and edits Dash's private script lists (``_js_dist``).

Dash offers no public switch for any use here: serving Plotly's geo-only bundle instead of the full one, leaving
out of the page the bundles its first screen does not need (AG Grid's, loaded when a grid comes into view by
``assets/lazy-grid.js``; the unused ``dash_table`` and Babel polyfill bundles), putting in the page the lazily
loaded chunks of the components it does need, and listing the lazily loaded chunks a layout's components fetch (to
compress them before the workers fork).
``tests/test_structure.py`` fails loudly if a Dash upgrade changes the structure relied on here.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import dash_ag_grid
import plotly
from dash import _dash_renderer, dash_table, dcc
from dash.fingerprint import build_fingerprint

PLOTLY_BUNDLE_ENTRY = {"relative_package_path": "package_data/plotly.min.js", "namespace": "plotly"}


def plotly_js_version() -> str:
    """The plotly.js version the installed plotly package ships: ``scripts/build_plotly.sh`` builds the page's Plotly
    from the same version, so the figures' attributes are those the page knows."""
    with open(Path(plotly.__file__).parent / PLOTLY_BUNDLE_ENTRY["relative_package_path"], encoding="utf-8") as bundle:
        return re.search(r"plotly\.js v(\d+\.\d+\.\d+)", bundle.read(200)).group(1)


def use_geo_plotly_bundle() -> None:
    """Serve Plotly's geo-only bundle from ``assets/vendor`` instead of the full one.

    The map needs only geo traces; ``plotly-geo.min.js`` (the same plotly.js, MIT, with only what the map uses:
    ``scripts/build_plotly.sh``) is ~0.40 MB gzipped against ~1.47 MB for the full bundle Dash would otherwise
    load: every ``Dash()`` appends the full bundle to dcc's script list (``Dash._setup_plotlyjs``).
    """
    scripts = dcc._js_dist  # noqa: SLF001 - see the module docstring
    scripts[:] = [entry for entry in scripts if entry.get("namespace") != PLOTLY_BUNDLE_ENTRY["namespace"]]


def drop_unused_bundles() -> None:
    """Leave out of the page the ``dash_table`` bundle (no DataTable is used) and the Babel polyfill (every
    browser Dash 4 supports has what it provides)."""
    for entry in dash_table._js_dist:  # noqa: SLF001 - see the module docstring
        if entry["relative_package_path"] == "dash_table/bundle.js":
            entry["dynamic"] = True  # still served, if anything ever asks, but not in the page
    for entry in _dash_renderer._js_dist_dependencies:  # noqa: SLF001
        for key in ("relative_package_path", "external_url"):
            for mode, paths in entry[key].items():
                entry[key][mode] = [path for path in paths if "polyfill" not in path]


def load_with_page(components: tuple[str, ...]) -> None:
    """Load the lazily loaded chunks of dcc ``components`` (``"Graph"``...) with the page's scripts, not when React
    first renders one of them; ``assets/odop.js`` renders each once before the layout, so that React.lazy has them
    ready for the page's first render (no Suspense fallback, whose reveal React holds back)."""
    wanted = {f"dcc/async-{name.lower()}.js" for name in components}
    for entry in dcc._js_dist:  # noqa: SLF001 - see the module docstring
        if entry.get("relative_package_path") in wanted:
            entry["async"] = False  # Dash puts a resource that is neither async nor dynamic in the page


def defer_grid_bundle(prefix: str = "/") -> str:
    """Leave AG Grid's bundle out of the page (still served) and return its fingerprinted URL, which
    ``assets/lazy-grid.js`` loads when a grid first comes into view."""
    entry = next(e for e in dash_ag_grid._js_dist if e["relative_package_path"] == "dash_ag_grid.min.js")  # noqa: SLF001
    entry["dynamic"] = True
    path = os.path.join(os.path.dirname(dash_ag_grid.__file__), entry["relative_package_path"])
    version = importlib.import_module(entry["namespace"]).__version__
    fingerprint = build_fingerprint(entry["relative_package_path"], version, int(os.stat(path).st_mtime))
    return f"{prefix}_dash-component-suites/{entry['namespace']}/{fingerprint}"


def lazy_chunks(layout_text: str) -> set[str]:
    """The lazily loaded script chunks of the components a layout uses: dcc's per component (``async-graph.js``
    for a Graph) and AG Grid's community build (never its enterprise build, which this app does not use)."""
    used = set(re.findall(r'"type":\s*"(\w+)",\s*"namespace":\s*"dash_core_components"', layout_text))
    chunks = {f"/_dash-component-suites/dash/{entry['relative_package_path']}" for entry in dcc._js_dist
              if entry.get("async") and entry["relative_package_path"].removeprefix("dcc/async-").removesuffix(".js")
              in {name.lower() for name in used}}
    if '"namespace": "dash_ag_grid"' in layout_text or '"namespace":"dash_ag_grid"' in layout_text:
        chunks |= {"/_dash-component-suites/dash_ag_grid/dash_ag_grid.min.js",  # deferred: not in the page
                   "/_dash-component-suites/dash_ag_grid/async-community.js"}
    return chunks


