"""Routes besides the page: the map geometry, district fact sheets, ``/healthz``, the 404 page, and the 400 answer to
a callback request no page of the app sends."""

from __future__ import annotations

import hashlib
import json
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import shapely
from dash import Dash
from dash.exceptions import DependencyException
from flask import Response, request

from dashboard.data.atlas import Atlas
from dashboard.data.stored import stored
from dashboard.maps.figures import GEOMETRY_TRACES, MapBase, json_text
from dashboard.maps import topology as topologies
from dashboard.panels.factsheet import error_html, factsheet_html
from dashboard.queries import district_detail
from dashboard.settings import COMPRESSED_DIR
from dashboard.text import LANGUAGES, language, t, use_language
from dashboard.ui.layout import district_options
from dashboard.view import BY_NAME, Choices, view_from_query_string

GEOMETRY_ROUTE = "/_odop"
# Every address the app answers besides "/": Dash's own routes, static files, geometry, fact sheets, /healthz.
APP_PATHS = ("/_dash-", "/_reload-hash", "/_favicon.ico", "/assets/", f"{GEOMETRY_ROUTE}/", "/factsheet/", "/healthz")


def request_language() -> str:
    """The language a request asks for: ``lang`` in its address, else in its page's (Dash fetches the layout with
    the page's address as its Referer); the default when neither names one."""
    if "lang" in request.args:
        return request.args["lang"]
    return parse_qs(urlsplit(request.referrer or "").query).get("lang", [""])[0]


def serve_languages(app: Dash) -> None:
    """Answer every request in the language it asks for (callbacks then follow their view's ``lang``), and give
    the page's ``<html lang>`` that language."""
    app.server.before_request(lambda: use_language(request_language()))
    index = app.interpolate_index
    app.interpolate_index = lambda **parts: index(**parts).replace('<html lang="en">', f'<html lang="{language()}">',
                                                                  1)


def serve_health(app: Dash, facts: dict) -> None:
    """``/healthz``: 200 with what loaded (the process only runs when the data loaded)."""
    body = json.dumps({"status": "ok", **facts}, sort_keys=True)
    app.server.add_url_rule("/healthz", "healthz", lambda: Response(body, mimetype="application/json"))


def serve_geometry(app: Dash, base: MapBase) -> tuple[dict[str, str], str]:
    """Serve the map's geometry from cacheable, same-origin URLs: one TopoJSON topology, which the page preloads and
    ``assets/odop.js`` decodes into each geometry trace's GeoJSON, and each trace's GeoJSON at the URL its figure
    names (what Plotly fetches itself should the decoding fail).

    The map figure references these URLs instead of embedding ~2 MB of coordinates, so the page layout stays small
    and the browser caches the geometry between visits. Returns (trace name -> GeoJSON URL, topology URL).
    """
    urls, bodies = {}, []
    for trace, field in GEOMETRY_TRACES.items():
        body = getattr(base, field)
        urls[trace] = _serve_json(app, field.removesuffix("_geojson"), body)  # /_odop/districts.json?v=...
        bodies.append(body)
    made_by = Path(topologies.__file__).read_bytes()  # a change to how it is made makes it anew
    topology = stored(COMPRESSED_DIR / f"{_digest(*bodies, made_by)}.topo.json",  # made at install: takes seconds
                      lambda: json_text(topologies.district_topology(base)))
    return urls, _serve_json(app, "geometry.topo", topology)


def serve_product_names(app: Dash, atlas: Atlas) -> str:
    """Serve the search box's suggestions, the lists' product names (A-Z), from one cacheable URL; returns it."""
    names = sorted(atlas.list_products()["product"].unique(), key=str.lower)
    return _serve_json(app, "product-names", json_text(names))


def serve_district_options(app: Dash, atlas: Atlas) -> dict[str, str]:
    """Serve every district as a picker option, in each language, from cacheable URLs (a picker comes with its
    value's options only; ``assets/odop.js`` fetches the whole list when it is about to be used). Returns language
    -> URL."""
    urls, current = {}, language()
    for lang in LANGUAGES:
        use_language(lang)
        urls[lang] = _serve_json(app, f"district-options-{lang}", json_text(district_options(atlas)))
    use_language(current)
    return urls


def _serve_json(app: Dash, name: str, body: bytes) -> str:
    """Answer ``/_odop/<name>.json`` with ``body`` (cacheable for a year); returns its URL, versioned by content."""
    route = f"{GEOMETRY_ROUTE}/{name}.json"
    app.server.add_url_rule(route, name, partial(_cacheable_json, body))
    return f"{route}?v={_digest(body)}"


def _digest(*bodies: bytes) -> str:
    return hashlib.sha256(b"".join(bodies)).hexdigest()[:12]


def _cacheable_json(body: bytes) -> Response:
    return Response(body, mimetype="application/json", headers={"Cache-Control": "public, max-age=31536000"})


def not_found(message_key: str) -> Response:
    """A 404 page in the app's words, with a way back to the map."""
    return Response(error_html(404, t(message_key)), status=404, mimetype="text/html")


def serve_factsheets(app: Dash, atlas: Atlas, choices: Choices) -> None:
    """``/factsheet/lgd/<LGD code>?list=...`` (and ``/factsheet/<district id>`` for links made before): a one-page,
    print-ready fact sheet of a district (404 page if none)."""
    geometry = dict(zip(atlas.districts["district_id"], atlas.districts.geometry))
    tree = shapely.STRtree(atlas.districts.geometry.values)
    ids = atlas.districts["district_id"].to_numpy()

    def factsheet(district_id: str, by_lgd: bool = False) -> Response:
        key = BY_NAME["district_id"]
        query = urlencode({key.url if by_lgd else key.legacy: district_id, "list": request.args.get("list", "")})
        view, _ = view_from_query_string(query, choices)
        detail = district_detail(atlas, view.district_id, view.list_id) if view.district_id else None
        if detail is None:
            return not_found("error.no_district")
        shape = geometry[detail.district_id]
        neighbours = [geometry[ids[i]] for i in tree.query(shape.buffer(0.05)) if ids[i] != detail.district_id]
        return Response(factsheet_html(detail, shape, neighbours, atlas.version), mimetype="text/html")

    app.server.add_url_rule("/factsheet/<district_id>", "factsheet", factsheet)  # links made before LGD codes
    app.server.add_url_rule("/factsheet/lgd/<district_id>", "factsheet_lgd", partial(factsheet, by_lgd=True))


def _dependencies_fit(sent: object, declared: list[dict]) -> bool:
    """Whether ``sent`` lists exactly the declared dependencies (each ``{"id", "property", ...}``), in order."""
    return isinstance(sent, list) and len(sent) == len(declared) and all(
        isinstance(item, dict) and (item.get("id"), item.get("property")) == (want["id"], want["property"])
        for item, want in zip(sent, declared))


def _output_key(outputs: object) -> str | None:
    """The key Dash gives a callback from the outputs a request lists (``id.property``, or ``..a.p...b.q..``)."""
    listed = outputs if isinstance(outputs, list) else [outputs]
    if not listed or not all(isinstance(o, dict) and isinstance(o.get("id"), str) and isinstance(o.get("property"), str)
                             for o in listed):
        return None
    keys = [f"{o['id']}.{o['property']}" for o in listed]
    return keys[0] if not isinstance(outputs, list) else "..{}..".format("...".join(keys))


def callback_request_fits(callbacks: dict, body: object) -> bool:
    """Whether a callback request is one the page sends: it names a callback the server runs, and lists exactly its
    outputs, inputs and state (Dash answers anything else with a 500 and a traceback in the log)."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    spec = callbacks.get(body["output"])
    changed = body.get("changedPropIds", [])
    return (spec is not None and "callback" in spec and _output_key(body.get("outputs")) == body["output"]
            and _dependencies_fit(body.get("inputs"), spec["inputs"])
            and _dependencies_fit(body.get("state", []), spec.get("state", []))
            and isinstance(changed, list) and all(isinstance(prop, str) for prop in changed))


def refuse_unfit_callback_requests(app: Dash) -> None:
    """A callback request that does not fit a callback of the app (:func:`callback_request_fits`) gets a 400 with a
    one-line reason, before Dash reads it."""
    route = f"{app.config.routes_pathname_prefix}_dash-update-component"

    @app.server.before_request
    def refuse() -> Response | None:
        if request.method == "POST" and request.path == route and not callback_request_fits(
                app.callback_map, request.get_json(silent=True)):
            return Response(json_text({"error": t("error.bad_callback")}), status=400, mimetype="application/json")
        return None


def serve_not_found(app: Dash) -> None:
    """Any other address answers the 404 page (Dash would answer it with the app, as if it were a page of it), and
    so does every other "not found" (a missing asset or library script, say)."""
    app.server.register_error_handler(404, lambda _error: not_found("error.no_page"))
    # a script of a component library that is not one (Dash raises instead of answering 404)
    app.server.register_error_handler(DependencyException, lambda _error: not_found("error.no_page"))

    @app.server.before_request
    def unknown_address() -> Response | None:
        if request.path != "/" and not request.path.startswith(APP_PATHS):
            return not_found("error.no_page")
        return None
