"""Application factory: ``create_app()`` builds the Dash app; ``server`` is the WSGI entry point."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import urlsplit

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component suite before layout use)
import shapely
from dash import Dash, dcc
from flask import Flask, Response, abort, has_request_context, request

from .callbacks import atlas_version, initial_map, initial_props, register_callbacks
from .data.atlas import DEFAULT_DATA_DIR, Atlas, load_atlas_or_explain
from .factsheet import factsheet_html
from .figures import GEOMETRY_TRACES, MapBase, build_map_base
from .layout import build_layout, skeleton, with_props
from .serving import harden, serve_health
from .queries import choices_for, district_detail
from .view import View, next_view, view_from_query_string

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
GEOMETRY_ROUTE = "/_odop"
INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%23e65100'/%3E%3C/svg%3E">
        {%css%}
        {preloads}
    </head>
    <body>
        {%app_entry%}
        <footer hidden>{%config%}{%scripts%}{%renderer%}</footer>
    </body>
</html>"""
PLOTLY_BUNDLE_ENTRY = {"relative_package_path": "package_data/plotly.min.js", "namespace": "plotly"}


def serve_geometry(app: Dash, base: MapBase) -> dict[str, str]:
    """Serve each map geometry (districts, state outlines) from one cacheable, same-origin URL.

    The map figure references these URLs instead of embedding ~2 MB of coordinates, so the page
    layout stays small and the browser caches the geometry between visits. Returns trace name -> URL.
    """
    urls = {}
    for trace, field in GEOMETRY_TRACES.items():
        body = json.dumps(getattr(base, field), separators=(",", ":")).encode("utf-8")
        route = f"{GEOMETRY_ROUTE}/{field.removesuffix('_geojson')}.json"  # /_odop/districts.json
        app.server.add_url_rule(route, field, partial(_geometry_response, body))
        urls[trace] = f"{route}?v={hashlib.sha256(body).hexdigest()[:12]}"
    return urls


def _geometry_response(body: bytes) -> Response:
    return Response(body, mimetype="application/json", headers={"Cache-Control": "public, max-age=31536000"})


def serve_factsheets(app: Dash, atlas: Atlas) -> None:
    """``/factsheet/<district_id>?list=...``: a one-page, print-ready fact sheet of a district."""
    choices = choices_for(atlas)
    geometry = dict(zip(atlas.districts["district_id"], atlas.districts.geometry))
    tree = shapely.STRtree(atlas.districts.geometry.values)
    ids = atlas.districts["district_id"].to_numpy()

    def factsheet(district_id: str) -> Response:
        view, _ = view_from_query_string(f"?district={district_id}&list={request.args.get('list', '')}", choices)
        detail = district_detail(atlas, view.district_id, view.list_id) if view.district_id else None
        if detail is None:
            abort(404)
        shape = geometry[detail.district_id]
        neighbours = [geometry[ids[i]] for i in tree.query(shape.buffer(0.05)) if ids[i] != detail.district_id]
        page = factsheet_html(detail, shape, neighbours, atlas_version(atlas))
        return Response(page, mimetype="text/html")

    app.server.add_url_rule("/factsheet/<district_id>", "factsheet", factsheet)


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


def requested_view(choices) -> View:
    """The view the page asked for: Dash fetches the layout with the page's address as its Referer.

    Read exactly as the reducer reads the address on load, so the map the page comes with is the one
    the view store holds (without a Referer the page opens on the default view and the reducer moves it).
    """
    if not has_request_context() or not request.referrer:
        return View()
    return next_view(View(), "url", urlsplit(request.referrer).query, choices).view


def create_app(data: Atlas | None = None) -> Dash:
    """Build the app around ``data`` (loads the shipped data when ``None``).

    Everything is served locally (Dash bundles, Bootstrap CSS from ``assets/``): no CDN,
    tile server or web font is needed at run time.
    """
    atlas = data if data is not None else load_atlas_or_explain(Path(os.environ.get("ODOP_DATA_DIR") or DEFAULT_DATA_DIR))
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
    geometry_urls = serve_geometry(app, base)
    # The map's geometry downloads while the scripts do, not after the first render asks for it.
    app.index_string = INDEX_STRING.replace("{preloads}", "".join(
        f'<link rel="preload" href="{url}" as="fetch" crossorigin="anonymous">' for url in geometry_urls.values()))
    choices = choices_for(atlas)

    @lru_cache(maxsize=32)  # keyed by validated views: bounded
    def layout_for(view: View):
        page = build_layout(atlas, initial_map(atlas, base, view, geometry_urls), view)
        return with_props(page, initial_props(atlas, view))

    use_geo_plotly_bundle()
    app.layout = lambda: layout_for(requested_view(choices))
    app.validation_layout = skeleton(app.validation_layout)
    serve_factsheets(app, atlas)
    harden(app)
    serve_health(app, {"districts": int(atlas.districts["has_lgd"].sum()), "product_rows": len(atlas.products),
                       "rows_set_aside": atlas.issues.rows_set_aside(), "data_version": atlas_version(atlas)})
    register_callbacks(app, atlas, base)
    return app


def __getattr__(name: str):
    """``dashboard.app:server`` for other WSGI servers (``gunicorn dashboard.app:server``), built on first access.

    A data error exits with gunicorn's worker-boot-error code 3, so gunicorn halts with the reason instead of
    restarting the worker forever.
    """
    if name == "server":
        global server
        try:
            server = create_app().server
        except SystemExit as exc:
            print(exc, file=sys.stderr, flush=True)
            raise SystemExit(3) from exc
        return server
    raise AttributeError(name)
