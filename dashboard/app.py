"""Application factory: ``create_app()`` builds the Dash app; ``server`` is the WSGI entry point."""

from __future__ import annotations

import os
from pathlib import Path

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component suite before layout use)
from dash import Dash

from .callbacks import register_callbacks
from .data.atlas import Atlas, load_atlas_or_explain
from .figures import build_map_base, map_figure
from .layout import build_layout
from .query import View, describe, filter_products

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"


def create_app(data: Atlas | None = None) -> Dash:
    """Build the app around ``data`` (loads the shipped data when ``None``).

    Everything is served locally (Dash bundles, Bootstrap CSS from ``assets/``): no CDN,
    tile server or web font is needed at run time.
    """
    atlas = data if data is not None else load_atlas_or_explain()
    base = build_map_base(atlas)
    app = Dash(
        __name__,
        title="ODOP Atlas",
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        compress=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    initial = map_figure(base, filter_products(atlas, View()), "sector", facilities=atlas.facilities,
                         filter_summary=describe(View()), coverage=atlas.coverage_sentence())
    app.layout = build_layout(atlas, initial)
    register_callbacks(app, atlas, base)
    return app


def main() -> None:
    """Run the development server on http://127.0.0.1:8050 (``python -m dashboard``)."""
    app = create_app()
    app.run(host=os.environ.get("ODOP_HOST", "127.0.0.1"), port=int(os.environ.get("ODOP_PORT", "8050")), debug=False)


def __getattr__(name: str):
    """``dashboard.app:server`` for WSGI servers (gunicorn): the app is built on first access."""
    if name == "server":
        global server
        server = create_app().server
        return server
    raise AttributeError(name)
