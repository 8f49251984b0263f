"""The code's structure holds: enforced layers, one view state wired by name, one home for ids and words, the
private Dash seam in one guarded module, complexity kept low."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

from dash import Dash, dcc

from dashboard import ids
from dashboard.app import create_app
from dashboard.text import catalogue
from dashboard.view import CONTROL_FIELDS, FIELDS, View
from dashboard.web.bundles import PLOTLY_BUNDLE_ENTRY, plotly_js_version, use_geo_plotly_bundle

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def code_files(*folders: str):
    return [path for folder in folders for path in (REPO / folder).rglob("*.py")]


def test_dash_still_registers_the_full_plotly_bundle_where_the_app_swaps_it_out():
    """Fails loudly if Dash changes the private script list that use_geo_plotly_bundle edits."""
    Dash(__name__)
    plotly = [entry for entry in dcc._js_dist if entry.get("namespace") == PLOTLY_BUNDLE_ENTRY["namespace"]]
    assert plotly and all(entry["relative_package_path"] == PLOTLY_BUNDLE_ENTRY["relative_package_path"]
                          for entry in plotly), plotly
    use_geo_plotly_bundle()
    assert not [entry for entry in dcc._js_dist if entry.get("namespace") == PLOTLY_BUNDLE_ENTRY["namespace"]]


def test_dcc_still_lists_the_lazy_chunks_the_page_loads_with_its_scripts():
    """Fails loudly if dcc renames the chunks load_with_page puts in the page."""
    chunks = {entry.get("relative_package_path") for entry in dcc._js_dist}
    assert all(f"dcc/async-{name.lower()}.js" in chunks for name in ids.LAZY_COMPONENTS), sorted(chunks)


def test_dash_private_script_list_is_touched_in_one_module_only():
    users = [path.relative_to(REPO).as_posix() for path in code_files("dashboard", "scripts")
             if "_js_dist" in path.read_text(encoding="utf-8")]
    assert users == ["dashboard/web/bundles.py"]


def test_the_layers_hold_and_nothing_imports_in_a_circle():
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_code_edits_the_import_path():
    assert not [path for path in code_files("dashboard", "scripts") if "sys.path" in path.read_text(encoding="utf-8")]


def test_every_view_field_with_a_control_has_that_control_in_the_layout(small_atlas):
    layout = str(create_app(small_atlas).layout())
    for spec in CONTROL_FIELDS:
        assert f"id='{spec.control}'" in layout, spec


def test_the_view_has_one_url_key_per_field():
    keys = [spec.url for spec in FIELDS]
    assert len(keys) == len(set(keys)) and len(FIELDS) == len(View.__dataclass_fields__)


def test_javascript_reads_the_same_names_as_python():
    assert (REPO / "assets" / "ids.js").read_text(encoding="utf-8") == ids.javascript(), \
        "assets/ids.js is stale: run python -m dashboard.ids"
    script = (REPO / "assets" / "odop.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bids\.([A-Z_]+)", script))
    assert used and used <= set(ids.names()), used - set(ids.names())


def test_every_text_key_the_code_asks_for_is_in_the_catalogue():
    known = catalogue()
    prefixes = set()
    for path in code_files("dashboard") + list((REPO / "dashboard" / "templates").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        for key in re.findall(r"""\bt\(["']([a-z_.]+)["']""", text):
            assert key in known, f"{path.name}: {key}"
        prefixes |= set(re.findall(r"""\bt\(f["']([a-z_.]+)\{""", text))
        for key in re.findall(r"""["']((?:legend\.overlay|sources|export\.csv|filters|stats|compare|opportunities|"""
                              r"""map|panel|picker|tabs)\.[a-z_.]+)["']""", text):
            assert key in known or key.endswith("."), f"{path.name}: {key}"
    assert all(any(key.startswith(prefix) for key in known) for prefix in prefixes), prefixes


def test_building_the_app_raises_no_deprecation_warning(small_atlas):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        create_app(small_atlas)


def test_every_function_has_cyclomatic_complexity_of_at_most_15():
    result = subprocess.run([str(BIN / "ruff"), "check", "--select", "C901,F", "dashboard", "scripts", "tests"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_through_others():
    import grimp

    graph = grimp.build_graph("dashboard")
    circles = []
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                circles.append((importer, *back))
    assert not circles, circles


def test_plotly_carries_the_compile_hint_that_has_it_compiled_as_it_downloads():
    """assets/vendor/README.md: a replaced Plotly bundle must get its first line back (V8 compiles it off the main
    thread while it downloads: the map settled ~0.1 s sooner)."""
    with open(REPO / "assets" / "vendor" / "plotly" / "plotly-geo.min.js", encoding="utf-8") as bundle:
        assert bundle.readline() == "//# allFunctionsCalledOnLoad\n"


def test_plotly_bundle_is_the_build_of_the_plotly_js_the_pinned_python_package_ships():
    """scripts/build_plotly.sh makes the vendored bundle from the plotly.js version of the pinned plotly package: a
    new pin needs the bundle built again (the figures' attributes must be those the page's Plotly knows)."""
    version = plotly_js_version()
    with open(REPO / "assets" / "vendor" / "plotly" / "plotly-geo.min.js", encoding="utf-8") as bundle:
        header = [bundle.readline() for _ in range(3)]
    assert header[2] == f"* plotly.js v{version} (geo, built for ODOP Atlas by scripts/build_plotly.sh)\n"
