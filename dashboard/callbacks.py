"""Dash wiring: the view reducer, the map patch, the table and counts, the district panel and exports.

Callbacks decode what the browser sent, call the pure functions of ``view``, ``queries``,
``figures`` and ``panels``, and encode the result. Every input and output is addressed by
name: the control inputs and outputs are derived from the fields of :class:`View`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd
from dash import ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, html, no_update

from .data.atlas import Atlas
from .figures import (DISTRICTS_TRACE, PLACES_TRACE, SELECTION_OVERLAYS, MapBase, Overlays, choropleth_style, footnote,
                      map_title,
                      overlay_traces, trace_index, view_ranges)
from .investor import export_scope, opportunities
from .panels import district_panel
from .queries import (choices_for, cluster_partners, describe, district_detail, filter_products, scheme_links,
                      summarise, view_values)
from .view import CONTROL_FIELDS, Transition, View, control_values, next_view, view_from_dict

EXPORT_COLUMNS = ["state", "district", "district_id", "listed_as", "product", "sector", "category", "gi_status",
                  "description", "ministry", "programme", "source", "source_note", "match", "match_note"]
CONTROL_INPUTS = {spec.name: Input(spec.control, spec.prop) for spec in CONTROL_FIELDS}
CONTROL_OUTPUTS = {spec.name: Output(spec.control, spec.prop) for spec in CONTROL_FIELDS}
EVENTS = {"url": "url", "map": "select", "table": "select", "opportunities": "select", "clear-selection": "clear",
          "reset": "reset"}


def clicked_district(click_data: object) -> str | None:
    """The district_id of a map click on a district, or on a place point (its district); other traces are ignored."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    curve = point.get("curveNumber")
    district = point.get("location") if curve == trace_index(DISTRICTS_TRACE) else (
        point.get("customdata") if curve == trace_index(PLACES_TRACE) else None)
    return district if isinstance(district, str) and district else None


def clicked_row_district(atlas: Atlas, cell: object) -> str | None:
    """The district of a clicked table row (rows are identified by their position in the product table)."""
    row_id = cell.get("rowId") if isinstance(cell, dict) else None
    if not isinstance(row_id, str) or not row_id.isdigit() or int(row_id) >= len(atlas.products):
        return None
    return atlas.products.iloc[int(row_id)]["district_id"]


def event_payload(atlas: Atlas, trigger: str | None, inputs: dict) -> tuple[str, object]:
    """The reducer event for the component that fired, and what it carries."""
    if trigger in CONTROL_INPUTS.keys() or trigger in {spec.control for spec in CONTROL_FIELDS}:
        return "controls", inputs["controls"]
    event = EVENTS.get(trigger or "url", "url")
    payload = {"url": inputs["url"], "map": clicked_district(inputs["click"]),
               "table": clicked_row_district(atlas, inputs["row"]),
               "opportunities": clicked_district_row(atlas, inputs.get("district_row"))}.get(trigger or "url")
    return event, payload


def clicked_district_row(atlas: Atlas, cell: object) -> str | None:
    """The district of a clicked investor-table row (rows are identified by their district_id)."""
    row_id = cell.get("rowId") if isinstance(cell, dict) else None
    return row_id if isinstance(row_id, str) and row_id in set(atlas.districts["district_id"]) else None


def transition_outputs(current: View, transition: Transition) -> dict:
    """The reducer's outputs: the view store, the controls, the page address and the message area."""
    changed = transition.view != current
    messages = [html.Div(p, className="alert alert-warning py-1 mb-2", role="status") for p in transition.problems]
    controls = control_values(transition.view)
    return {
        "view": transition.view.to_dict() if changed else no_update,
        "controls": controls if transition.controls_follow else {name: no_update for name in controls},
        "url": transition.view.to_query_string() if transition.url_follows and changed else no_update,
        "message": messages if messages or transition.controls_follow else no_update,
    }


def map_patch(atlas: Atlas, base: MapBase, view: View, drawn: View | None, rows: pd.DataFrame) -> Patch:
    """Patch the map from the view it shows (``drawn``) to ``view``: only the selection, or everything."""
    patch = Patch()
    overlays = Overlays(selected=view.district_id, partners=tuple(cluster_partners(atlas, view.district_id)),
                        places=places_shown(atlas, view),
                        aspirational=tuple(atlas.aspirational["district_id"]) if view.show_aspirational else ())
    only_selection = drawn is not None and drawn.to_dict() | {"district_id": None} == view.to_dict() | {
        "district_id": None}
    names = SELECTION_OVERLAYS if only_selection else None
    for name, trace in overlay_traces(base, overlays, names).items():
        patch["data"][trace_index(name)] = trace.to_plotly_json()
    if only_selection:
        return patch
    districts = trace_index(DISTRICTS_TRACE)
    for key, value in choropleth_style(base, rows, view.mode, view_values(atlas, view, rows)).items():
        patch["data"][districts][key] = value
    summary = describe(view, atlas.list_label(view.list_id), dict(zip(atlas.schemes["scheme_id"], atlas.schemes["name"])))
    if view.mode == "exports":
        summary += f" · {export_scope(atlas, view.sectors)}"
    patch["layout"]["title"]["text"] = map_title(view.mode, summary)
    patch["layout"]["annotations"][0]["text"] = footnote(atlas.coverage_sentence(view.list_id))
    for axis, value in view_ranges(base, view.state).items():
        patch["layout"]["geo"][axis] = value
    return patch


def places_shown(atlas: Atlas, view: View) -> pd.DataFrame:
    """The points on the map: none when switched off; with a facility-kind filter, that kind's facilities."""
    places = atlas.investor.places if view.show_facilities else atlas.investor.places.iloc[0:0]
    if view.facility_kind:
        places = places[places["kind"].isin([view.facility_kind, "airport", "seaport"])]
    return places





def table_records(rows: pd.DataFrame) -> list[dict]:
    """Rows for the results table (``row_id`` identifies the product row; source as a markdown link)."""
    return [{
        "row_id": str(row_id), "state": r.state, "district": r.district, "product": r.product, "sector": r.sector,
        "category": r.category, "gi": r.gi_status, "programme": r.programme,
        "source": f"[{_short_source(r.source)}]({r.source})" if r.source.startswith(("http://", "https://"))
        else r.source,
    } for row_id, r in zip(rows.index, rows.itertuples(index=False))]


def _short_source(url: str) -> str:
    host = url.split("//", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def results_outputs(atlas: Atlas, view: View, rows: pd.DataFrame) -> dict:
    """Table rows, the four headline counts, the coverage badge and the note under the table."""
    summary = summarise(atlas, rows, view)
    label = atlas.list_label(view.list_id)
    coverage = f"{label}: {atlas.coverage_sentence(view.list_id)}"
    note = f"{len(rows)} product x district rows · {describe(view, label)} · {coverage}."
    return {"rows": table_records(rows), "districts": f"{summary.districts} of {summary.districts_total}",
            "products": str(summary.products), "sectors": str(summary.sectors), "states": str(summary.states),
            "coverage": coverage, "note": note}


def opportunity_records(table: pd.DataFrame) -> list[dict]:
    """Rows for the investor table: USD in millions, distances rounded."""
    shown = table.assign(sector_exports_usd=(table["sector_exports_usd"] / 1e6).round(2),
                         exports_usd=(table["exports_usd"] / 1e6).round(2))
    return shown.astype(object).where(shown.notna(), None).to_dict("records")


def shown_ids(shown: object, limit: int) -> set[str] | None:
    """Row ids the browser says a table shows (after its own filters), validated; ``None`` when not given."""
    if not isinstance(shown, list):
        return None
    return {r["row_id"] if "row_id" in r else r.get("district_id") for r in shown[:limit] if isinstance(r, dict)
            and isinstance(r.get("row_id", r.get("district_id")), str)}


def exported_rows(atlas: Atlas, rows: pd.DataFrame, shown: object) -> pd.DataFrame:
    """The rows to export: those the table shows after its own column filters, else every row of the view."""
    ids = shown_ids(shown, len(atlas.products))
    if ids is None:
        return rows[EXPORT_COLUMNS]
    return rows[rows.index.isin({int(i) for i in ids if i.isdigit()})][EXPORT_COLUMNS]


BRIEF_COLUMNS = ["state", "district", "district_id", "product", "scheme", "basis", "rule_kind", "ministry", "source"]


def convergence_brief(atlas: Atlas, view: View, rows: pd.DataFrame) -> pd.DataFrame:
    """District x product x scheme rows for a district committee: the view's products and the districts' own
    schemes, each with the basis (the rule's clause that matched), whether the rule is ours, and its source."""
    links = scheme_links(atlas, rows["district_id"].unique(), view.list_id, rows)
    names = atlas.districts.set_index("district_id")[["district_name", "state_name"]]
    brief = links.join(names, on="district_id").rename(columns={"district_name": "district", "state_name": "state"})
    brief["product"] = brief["product"].replace("", "(district-wide)")
    return brief.sort_values(["state", "district", "product", "scheme"])[BRIEF_COLUMNS]


def register_callbacks(app: Dash, atlas: Atlas, base: MapBase) -> None:
    """Attach every callback of the app to ``app``."""
    choices = choices_for(atlas)

    # Keys are validated views (known values, search text clamped), so the caches stay small and bounded.
    @lru_cache(maxsize=64)
    def rows_for(filters: View) -> pd.DataFrame:
        return filter_products(atlas, filters)

    def filters_of(view: View) -> View:
        return replace(view, district_id=None, mode="sector", show_facilities=True)

    def rows_of(view: View) -> pd.DataFrame:
        return rows_for(filters_of(view))

    @lru_cache(maxsize=32)
    def opportunities_for(filters: View) -> pd.DataFrame:
        rows = rows_for(filters)
        links = scheme_links(atlas, rows["district_id"].unique(), filters.list_id, rows)
        schemes = links.groupby("district_id")["scheme"].apply(lambda s: sorted(set(s))).to_dict()
        return opportunities(atlas, rows, filters.sectors, schemes)

    @lru_cache(maxsize=64)
    def detail_of(district_id: str | None, list_id: str):
        return district_detail(atlas, district_id, list_id) if district_id else None

    @app.callback(
        output={"view": Output("view", "data"), "controls": CONTROL_OUTPUTS, "url": Output("url", "search"),
                "message": Output("url-message", "children")},
        inputs={"url": Input("url", "search"), "controls": CONTROL_INPUTS, "click": Input("map", "clickData"),
                "row": Input("table", "cellClicked"), "district_row": Input("opportunities", "cellClicked"),
                "clear": Input("clear-selection", "n_clicks"),
                "reset": Input("reset", "n_clicks")},
        state={"current": State("view", "data")},
    )
    def update_view(url, controls, click, row, district_row, clear, reset, current):
        view, _ = view_from_dict(current, choices)
        event, payload = event_payload(atlas, ctx.triggered_id, {"url": url, "controls": controls, "click": click,
                                                                 "row": row, "district_row": district_row})
        return transition_outputs(view, next_view(view, event, payload, choices))

    @app.callback(
        output={"figure": Output("map", "figure"), "drawn": Output("map-view", "data")},
        inputs={"view": Input("view", "data")},
        state={"drawn": State("map-view", "data")},
        prevent_initial_call=True,
    )
    def update_map(view, drawn):
        view, _ = view_from_dict(view, choices)
        drawn_view, problems = view_from_dict(drawn, choices)
        patch = map_patch(atlas, base, view, None if problems else drawn_view, rows_of(view))
        return {"figure": patch, "drawn": view.to_dict()}

    @app.callback(
        output={"rows": Output("table", "rowData"), "districts": Output("stat-districts", "children"),
                "products": Output("stat-products", "children"), "sectors": Output("stat-sectors", "children"),
                "states": Output("stat-states", "children"), "coverage": Output("coverage", "children"),
                "note": Output("table-note", "children")},
        inputs={"view": Input("view", "data")},
    )
    def update_results(view):
        view, _ = view_from_dict(view, choices)
        return results_outputs(atlas, view, rows_of(view))

    @app.callback(
        output={"rows": Output("opportunities", "rowData"), "note": Output("opportunities-note", "children")},
        inputs={"view": Input("view", "data"), "tab": Input("tabs", "active_tab")},
    )
    def update_opportunities(view, tab):
        if tab != "tab-opportunities":
            return {"rows": no_update, "note": no_update}
        view, _ = view_from_dict(view, choices)
        table = opportunities_for(filters_of(view))
        sectors = ", ".join(view.sectors) or "no sector chosen (choose one to see its exports)"
        return {"rows": opportunity_records(table), "note": f"{len(table)} districts · sector: {sectors}"}

    @app.callback(
        Output("download-opportunities", "data"),
        Input("download-opportunities-button", "n_clicks"),
        State("view", "data"), State("opportunities", "virtualRowData"),
        prevent_initial_call=True,
    )
    def download_opportunities(_clicks, view, shown):
        view, _ = view_from_dict(view, choices)
        table = opportunities_for(filters_of(view))
        ids = shown_ids(shown, len(atlas.districts))
        table = table if ids is None else table[table["district_id"].isin(ids)]
        return dcc.send_data_frame(table.to_csv, "odop-atlas-districts-for-investors.csv", index=False)

    @app.callback(Output("panel", "children"), Input("view", "data"))
    def update_panel(view):
        view, _ = view_from_dict(view, choices)
        return district_panel(detail_of(view.district_id, view.list_id))

    @app.callback(
        Output("download-csv", "data"),
        Input("download-csv-button", "n_clicks"),
        State("view", "data"), State("table", "virtualRowData"),
        prevent_initial_call=True,
    )
    def download_csv(_clicks, view, shown):
        view, _ = view_from_dict(view, choices)
        rows = exported_rows(atlas, rows_of(view), shown)
        return dcc.send_data_frame(rows.to_csv, "odop-atlas-products.csv", index=False)

    @app.callback(
        Output("download-brief", "data"),
        Input("download-brief-button", "n_clicks"),
        State("view", "data"),
        prevent_initial_call=True,
    )
    def download_brief(_clicks, view):
        view, _ = view_from_dict(view, choices)
        brief = convergence_brief(atlas, view, rows_of(view))
        return dcc.send_data_frame(brief.to_csv, "odop-atlas-convergence-brief.csv", index=False)

    app.clientside_callback(
        ClientsideFunction(namespace="odop", function_name="downloadMap"),
        Output("download-png", "title"),
        Input("download-png", "n_clicks"),
        prevent_initial_call=True,
    )
