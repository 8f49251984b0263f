"""Application factory: ``create_app()`` builds the Dash app; ``server`` is the WSGI entry point."""

from __future__ import annotations

import sys
from functools import lru_cache
from urllib.parse import urlsplit

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component suite before layout use)
from dash import Dash
from flask import Flask, has_request_context, request

from dashboard import ids
from dashboard.callbacks import register_callbacks
from dashboard.data.atlas import Atlas, load_atlas_or_explain
from dashboard.maps.figures import build_map_base
from dashboard.maps.modes import view_choices
from dashboard.maps.update import initial_map
from dashboard.settings import ASSETS_DIR, data_dir_from_env
from dashboard.text import t, use_language
from dashboard.ui.layout import build_layout, skeleton, with_props
from dashboard.ui.outputs import initial_props
from dashboard.view import View, next_view
from dashboard.web.bundles import defer_grid_bundle, drop_unused_bundles, load_with_page, use_geo_plotly_bundle
from dashboard.web.headers import harden
from dashboard.web.routes import (refuse_unfit_callback_requests, serve_district_options, serve_factsheets,
                                  serve_geometry, serve_health, serve_languages, serve_not_found, serve_product_names)

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


# Run by Dash's renderer just before it asks for the layout (assets/odop.js: ids.LAZY_COMPONENTS rendered once).
LAYOUT_PRE = f"function () {{ if (window.{ids.PAGE_HOOKS}) {{ window.{ids.PAGE_HOOKS}.layoutPre(); }} }}"
GRID_SCRIPT_META = "odop-grid-script"  # the meta tag naming AG Grid's deferred bundle (read by assets/lazy-grid.js)


def requested_view(choices) -> View:
    """The view the page asked for: Dash fetches the layout with the page's address as its Referer.

    Read exactly as the reducer reads the address on load, so the map the page comes with is the one
    the view store holds (without a Referer the page opens on the default view and the reducer moves it).
    """
    if not has_request_context() or not request.referrer:
        return View()
    return next_view(View(), "url", urlsplit(request.referrer).query, choices).view


def create_app(data: Atlas | None = None) -> Dash:
    """Build the app around ``data`` (loads the data of ``ODOP_DATA_DIR``, else the shipped data, when ``None``).

    Everything is served locally (Dash bundles, Bootstrap CSS from ``assets/``): no CDN,
    tile server or web font is needed at run time.
    """
    atlas = data if data is not None else load_atlas_or_explain(data_dir_from_env())
    base = build_map_base(atlas)
    server = Flask(__name__)
    # Answers made per request (static files are compressed once: web/static.py): brotli before zstd, which
    # Flask-Compress prefers at level 3 and Chromium accepts (the page's 614 KB layout: 72 KB with zstd 3, 63 KB with
    # brotli 5 in 7 ms; brotli 11 would take 0.7 s); streamed answers get gzip too for gzip-only browsers.
    server.config["COMPRESS_ALGORITHM"] = server.config["COMPRESS_ALGORITHM_STREAMING"] = ["br", "zstd", "gzip",
                                                                                         "deflate"]
    server.config["COMPRESS_BR_LEVEL"] = 5
    app = Dash(__name__, server=server, title=t("app.title"), assets_folder=str(ASSETS_DIR), serve_locally=True,
               compress=True, update_title=None,
               meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                          {"name": GRID_SCRIPT_META, "content": defer_grid_bundle()}],  # for assets/lazy-grid.js
               hooks={"layout_pre": LAYOUT_PRE})
    geometry_urls, topology_url = serve_geometry(app, base)
    # The map's geometry, the page's layout and its callbacks download while the scripts do, not after Dash's
    # renderer has started and asks for them (~100 ms later); the search suggestions and the pickers' district lists
    # are named for assets/odop.js, which fetches them when needed.
    prefix = app.config.requests_pathname_prefix
    preloads = [(f'id="{ids.GEOMETRY_LINK}" ', topology_url), ("", f"{prefix}_dash-layout"),
                ("", f"{prefix}_dash-dependencies")]
    named = {ids.PRODUCT_NAMES_META: serve_product_names(app, atlas),
             **{f"{ids.DISTRICT_OPTIONS_META}-{lang}": url for lang, url in serve_district_options(app, atlas).items()}}
    app.index_string = INDEX_STRING.replace("{preloads}", "".join(
        f'<link {key}rel="preload" href="{url}" as="fetch" crossorigin="anonymous">' for key, url in preloads) +
        "".join(f'<meta name="{name}" content="{url}">' for name, url in named.items()))
    choices = view_choices(atlas)

    @lru_cache(maxsize=32)  # keyed by validated views: bounded
    def layout_for(view: View):
        use_language(view.lang)
        page = build_layout(atlas, initial_map(atlas, base, view, geometry_urls), view)
        return with_props(page, initial_props(atlas, view))

    use_geo_plotly_bundle()
    drop_unused_bundles()
    load_with_page(ids.LAZY_COMPONENTS)
    app.layout = lambda: layout_for(requested_view(choices))
    app.validation_layout = skeleton(app.validation_layout)
    serve_factsheets(app, atlas, choices)
    serve_languages(app)
    serve_not_found(app)
    refuse_unfit_callback_requests(app)
    harden(app)
    serve_health(app, {"districts": int(atlas.districts["has_lgd"].sum()),
                       "districts_with_lgd_code": int((atlas.districts["lgd_code"] != "").sum()),
                       "product_rows": len(atlas.products),
                       "rows_set_aside": atlas.issues.rows_set_aside(), "data_version": atlas.version})
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
