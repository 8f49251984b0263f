"""Application factory: ``create_app()`` builds the Dash app; ``server`` is the WSGI entry point."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component suite before layout use)
from dash import Dash, dcc
from flask import Flask, Response

from .callbacks import register_callbacks
from .data.atlas import Atlas, load_atlas_or_explain
from .figures import Overlays, build_map_base, map_figure
from .layout import build_layout
from .queries import describe, filter_products
from .view import View

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
GEOJSON_ROUTE = "/_odop/districts.json"


def serve_geojson(app: Dash, geojson: dict) -> str:
    """Serve the district GeoJSON from one cacheable, same-origin URL; return that URL.

    The map figure references this URL instead of embedding ~2 MB of coordinates, so the
    page layout stays small and the browser caches the geometry between visits.
    """
    body = json.dumps(geojson, separators=(",", ":")).encode("utf-8")
    version = hashlib.sha256(body).hexdigest()[:12]

    def districts_geojson() -> Response:
        return Response(body, mimetype="application/json", headers={"Cache-Control": "public, max-age=31536000"})

    app.server.add_url_rule(GEOJSON_ROUTE, "districts_geojson", districts_geojson)
    return f"{GEOJSON_ROUTE}?v={version}"


PLOTLY_BUNDLE_ENTRY = {"relative_package_path": "package_data/plotly.min.js", "namespace": "plotly"}


def use_geo_plotly_bundle() -> None:
    """Serve Plotly's geo-only bundle from ``assets/vendor`` instead of the full one.

    The map needs only geo traces; ``plotly-geo.min.js`` (the same plotly.js, MIT) is
    ~0.46 MB gzipped against ~1.47 MB for the full bundle Dash would otherwise load.
    Dash offers no supported switch for this: every ``Dash()`` appends the full bundle to
    dcc's script list (``Dash._setup_plotlyjs``). This is the one place that relies on
    that private structure; ``tests/test_structure.py`` fails loudly if Dash changes it.
    """
    scripts = dcc._js_dist  # noqa: SLF001 - see the docstring
    scripts[:] = [entry for entry in scripts if entry.get("namespace") != PLOTLY_BUNDLE_ENTRY["namespace"]]


def create_app(data: Atlas | None = None) -> Dash:
    """Build the app around ``data`` (loads the shipped data when ``None``).

    Everything is served locally (Dash bundles, Bootstrap CSS from ``assets/``): no CDN,
    tile server or web font is needed at run time.
    """
    atlas = data if data is not None else load_atlas_or_explain()
    base = build_map_base(atlas)
    server = Flask(__name__)
    # Static assets are streamed; Flask-Compress leaves gzip out of streaming by default, so a
    # gzip-only browser would get the 1.4 MB plotly bundle uncompressed.
    server.config["COMPRESS_ALGORITHM_STREAMING"] = ["zstd", "br", "gzip", "deflate"]
    app = Dash(
        __name__,
        server=server,
        title="ODOP Atlas",
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        compress=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    view = View()
    initial = map_figure(base, filter_products(atlas, view), view.mode, geojson=serve_geojson(app, base.geojson),
                         overlays=Overlays(places=atlas.investor.places),
                         filter_summary=describe(view, atlas.list_label()),
                         coverage=atlas.coverage_sentence())
    use_geo_plotly_bundle()
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
