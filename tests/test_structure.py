"""The code's structure holds: one view state wired by name, the private Dash seam guarded, complexity kept low."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

from dash import Dash, dcc

from dashboard.app import PLOTLY_BUNDLE_ENTRY, create_app, use_geo_plotly_bundle
from dashboard.view import CONTROL_FIELDS, FIELDS, View

REPO = Path(__file__).resolve().parent.parent


def test_dash_still_registers_the_full_plotly_bundle_where_the_app_swaps_it_out():
    """Fails loudly if Dash changes the private script list that use_geo_plotly_bundle edits."""
    Dash(__name__)
    plotly = [entry for entry in dcc._js_dist if entry.get("namespace") == PLOTLY_BUNDLE_ENTRY["namespace"]]
    assert plotly and all(entry["relative_package_path"] == PLOTLY_BUNDLE_ENTRY["relative_package_path"]
                          for entry in plotly), plotly
    use_geo_plotly_bundle()
    assert not [entry for entry in dcc._js_dist if entry.get("namespace") == PLOTLY_BUNDLE_ENTRY["namespace"]]


def test_every_view_field_with_a_control_has_that_control_in_the_layout(small_atlas):
    layout = str(create_app(small_atlas).layout())
    for spec in CONTROL_FIELDS:
        assert f"id='{spec.control}'" in layout, spec


def test_the_view_has_one_url_key_per_field():
    keys = [spec.url for spec in FIELDS]
    assert len(keys) == len(set(keys)) and len(FIELDS) == len(View.__dataclass_fields__)


def test_building_the_app_raises_no_deprecation_warning(small_atlas):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        create_app(small_atlas)


def test_every_function_has_cyclomatic_complexity_of_at_most_15():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "--select", "C901,F", "dashboard", "scripts", "tests"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
