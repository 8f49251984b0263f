"""Dash wiring: the view-state reducer, map/table/summary updates, the district panel and exports."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, html, no_update

from .data.atlas import Atlas
from .figures import MapBase, choropleth_style, map_title, overlay_traces, view_ranges
from .query import (DistrictDetail, View, describe, district_detail, filter_products, parse_query_string,
                    summarise, toggle_district)

CONTROLS = ["state", "sectors", "query", "gi-only", "mode", "facility-kind", "gaps"]
EXPORT_COLUMNS = ["state", "district", "district_id", "product", "sector", "gi_tagged", "programme", "source"]


def view_from_controls(state, sectors, query, gi_only, mode, facility_kind, gaps, district) -> View:
    """Build a :class:`View` from raw control values (None-safe)."""
    return View(state=state or None, sectors=tuple(sectors or ()), query=(query or "").strip()[:200],
                gi_only=bool(gi_only), mode=mode or "sector", facility_kind=facility_kind or None, gaps=bool(gaps),
                district=district or None)


def controls_from_view(view: View) -> list:
    """Control values for a :class:`View`, in ``CONTROLS`` order."""
    return [view.state, list(view.sectors), view.query, view.gi_only, view.mode, view.facility_kind, view.gaps]


def clicked_district(click_data: dict | None) -> str | None:
    """The district_id of a map click on the choropleth (other traces are ignored)."""
    points = (click_data or {}).get("points") or []
    if not points or points[0].get("curveNumber") != 0:
        return None
    return points[0].get("location")


def table_records(rows: pd.DataFrame) -> list[dict]:
    """Rows for the results table (source as a markdown link)."""
    return [{
        "state": r.state, "district": r.district, "product": r.product, "sector": r.sector,
        "gi": "yes" if r.gi_tagged else "", "programme": r.programme,
        "source": f"[{_short_source(r.source)}]({r.source})" if r.source.startswith("http") else r.source,
    } for r in rows.itertuples(index=False)]


def _short_source(url: str) -> str:
    host = url.split("//", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def next_view_outputs(atlas: Atlas, trigger: str | None, search: str | None, controls: list, click: dict | None,
                      selected: str | None) -> list:
    """The view-state reducer: URL <-> controls <-> selection.

    On page load (or back/forward) the URL wins and sets the controls; afterwards the
    controls and clicks win and the URL follows. Returns the outputs of ``sync_view``.
    """
    if trigger in (None, "url"):
        parsed = parse_query_string(search, atlas)
        message = [dbc.Alert(p, color="warning", dismissable=True, className="py-1 mb-2") for p in parsed.problems]
        return controls_from_view(parsed.view) + [parsed.view.district, no_update, message]
    view = view_from_controls(*controls, selected)
    if trigger == "reset":
        view = View()
    elif trigger == "clear-selection":
        view = replace(view, district=None)
    elif trigger == "map":
        district = clicked_district(click)
        if district is None:
            return [no_update] * (len(CONTROLS) + 3)
        view = toggle_district(view, district)
    outputs = controls_from_view(view) if trigger == "reset" else [no_update] * len(CONTROLS)
    return outputs + [view.district, view.to_query_string(), no_update]


def map_patch(atlas: Atlas, base: MapBase, view: View, rows: pd.DataFrame, show_facilities: bool = True) -> Patch:
    """Patch the map for a view without re-sending the geometry."""
    detail = district_detail(atlas, view.district) if view.district else None
    patch = Patch()
    for key, value in choropleth_style(base, rows, view.mode).items():
        patch["data"][0][key] = value
    facilities = atlas.facilities if show_facilities else atlas.facilities.iloc[0:0]
    if view.facility_kind:
        facilities = facilities[facilities["kind"] == view.facility_kind]
    overlays = overlay_traces(base, view.district, detail.partners if detail else [], facilities)
    for index, trace in enumerate(overlays[1:], start=2):
        patch["data"][index] = trace.to_plotly_json()
    patch["layout"]["title"]["text"] = map_title(view.mode, describe(view))
    for axis, value in view_ranges(base, view.state).items():
        patch["layout"]["geo"][axis] = value
    return patch


def results_outputs(atlas: Atlas, view: View, rows: pd.DataFrame) -> tuple:
    """Table rows, the four headline counts and the note under the table."""
    summary = summarise(atlas, rows, view)
    note = f"{len(rows)} product x district rows · {describe(view)} · {atlas.coverage_sentence()}."
    return (table_records(rows), f"{summary.districts} of {summary.districts_total}", str(summary.products),
            str(summary.sectors), str(summary.states), note)


def panel_children(atlas: Atlas, district_id: str | None):
    """Side panels for the selected district, or the hint when none is selected."""
    detail = district_detail(atlas, district_id) if district_id else None
    if detail is None:
        return html.P("Click a district on the map to see its products, clusters, infrastructure and the schemes "
                      "that converge there.", className="text-muted")
    return district_panel(detail)


def register_callbacks(app: Dash, atlas: Atlas, base: MapBase) -> None:
    """Attach every callback of the app to ``app``."""

    @lru_cache(maxsize=128)
    def rows_for(view: View) -> pd.DataFrame:
        return filter_products(atlas, replace(view, district=None, mode="sector"))

    @app.callback(
        [Output(c, "value") for c in CONTROLS] + [Output("selected", "data"), Output("url", "search"),
                                                   Output("url-message", "children")],
        [Input("url", "search")] + [Input(c, "value") for c in CONTROLS]
        + [Input("map", "clickData"), Input("clear-selection", "n_clicks"), Input("reset", "n_clicks")],
        State("selected", "data"),
    )
    def sync_view(search, *values):
        *controls, click, _clear, _reset, selected = values
        return next_view_outputs(atlas, ctx.triggered_id, search, controls, click, selected)

    @app.callback(
        Output("map", "figure"),
        [Input(c, "value") for c in CONTROLS] + [Input("selected", "data"), Input("show-facilities", "value")],
        prevent_initial_call=True,
    )
    def update_map(*values):
        *view_values, show_facilities = values
        view = view_from_controls(*view_values)
        return map_patch(atlas, base, view, rows_for(view), bool(show_facilities))

    @app.callback(
        [Output("table", "data"), Output("stat-districts", "children"), Output("stat-products", "children"),
         Output("stat-sectors", "children"), Output("stat-states", "children"), Output("table-note", "children")],
        [Input(c, "value") for c in CONTROLS],
    )
    def update_results(*values):
        view = view_from_controls(*values, None)
        return results_outputs(atlas, view, rows_for(view))

    @app.callback(Output("panel", "children"), Input("selected", "data"))
    def update_panel(district_id):
        return panel_children(atlas, district_id)

    @app.callback(
        Output("download-csv", "data"),
        Input("download-csv-button", "n_clicks"),
        [State(c, "value") for c in CONTROLS],
        prevent_initial_call=True,
    )
    def download_csv(_clicks, *values):
        rows = rows_for(view_from_controls(*values, None))[EXPORT_COLUMNS]
        return dcc.send_data_frame(rows.to_csv, "odop-atlas-products.csv", index=False)

    app.clientside_callback(
        ClientsideFunction(namespace="odop", function_name="downloadMap"),
        Output("download-png", "title"),
        Input("download-png", "n_clicks"),
        prevent_initial_call=True,
    )


def _section(title: str, body) -> html.Section:
    return html.Section([html.H3(title, className="h6 mt-3 mb-1 panel-heading"), body])


def _source_link(url: str) -> html.A | str:
    return html.A("source", href=url, target="_blank", rel="noopener", className="small") if url.startswith("http") \
        else html.Span(url, className="small text-muted")


def _empty(text: str) -> html.P:
    return html.P(text, className="text-muted small fst-italic mb-1")


def district_panel(detail: DistrictDetail) -> list:
    """Products, clusters, infrastructure and scheme convergence for one district."""
    heading = [html.H3(detail.name, className="h5 mb-0", id="panel-district-name"),
               html.Div(detail.state or "Not an LGD district", className="text-muted small")]
    if detail.products.empty:
        products = _empty("No ODOP product recorded for this district in the shipped lists.")
    else:
        products = html.Ul([html.Li([
            html.Span(p.product, className="fw-semibold product-name"), " ",
            dbc.Badge(p.sector, color="light", text_color="dark", className="me-1"),
            dbc.Badge("GI", color="warning", text_color="dark", className="me-1") if p.gi_tagged else None,
            html.Span(p.programme, className="small text-muted me-1"), _source_link(p.source),
        ]) for p in detail.products.itertuples(index=False)], className="list-unstyled mb-0", id="panel-products")
    if detail.clusters.empty:
        clusters = _empty("No cluster recorded yet for this district.")
    else:
        clusters = html.Ul([html.Li([
            html.Span(c.cluster_name, className="fw-semibold"), f" · {c.product} · {c.cluster_type} ",
            html.Div(f"Also in: {c.partners}", className="small partner-list") if c.partners else None,
            _source_link(c.source),
        ]) for c in detail.clusters.itertuples(index=False)], className="list-unstyled mb-0", id="panel-clusters")
    if detail.facilities.empty:
        facilities = _empty("No support infrastructure recorded yet for this district.")
    else:
        facilities = html.Ul([html.Li([html.Span(f.facility_name, className="fw-semibold"), f" · {f.kind} ",
                                       _source_link(f.source)])
                              for f in detail.facilities.itertuples(index=False)],
                             className="list-unstyled mb-0", id="panel-facilities")
    return heading + [
        _section("Products", products),
        _section("Clusters", clusters),
        _section("Infrastructure", facilities),
        _section("Scheme convergence", scheme_matrix(detail)),
    ]


def scheme_matrix(detail: DistrictDetail):
    """Scheme x product matrix (a row per scheme, linking to its public page; the rule on hover)."""
    links = detail.schemes
    if links.empty:
        everywhere = [html.Li(html.A(s.name, href=s.url, target="_blank", rel="noopener", title=s.source))
                      for s in detail.district_wide_schemes.itertuples(index=False)]
        return html.Div([_empty("No product recorded, so no product-specific scheme link."),
                         html.Div("Applies in every district:", className="small") if everywhere else None,
                         html.Ul(everywhere, className="small mb-0") if everywhere else None])
    schemes = links.drop_duplicates("scheme_id")
    products = list(links["product"].unique())
    present = set(zip(links["scheme_id"], links["product"]))
    header = html.Tr([html.Th("Scheme (can apply)")] + [html.Th(p, className="small") for p in products])
    body = [html.Tr([html.Td(html.A(s.scheme, href=s.url, target="_blank", rel="noopener", title=f"Rule: {s.rule}"))]
                    + [html.Td("✓" if (s.scheme_id, p) in present else "", className="text-center") for p in products])
            for s in schemes.itertuples(index=False)]
    return dbc.Table([html.Thead(header), html.Tbody(body)], size="sm", bordered=True, responsive=True,
                     className="scheme-matrix mb-0", id="panel-schemes")
