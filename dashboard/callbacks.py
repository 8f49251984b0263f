"""Dash wiring: the view reducer, the map patch and legend, the tables, the district panel and the downloads.

Callbacks decode what the browser sent, call the pure functions of ``view``, ``queries``,
``figures``, ``panels`` and ``exporting``, and encode the result. Every input and output is
addressed by name; the control inputs and outputs are derived from the fields of :class:`View`.
Two stores carry the state: ``view`` (everything, and what the map shows: the reducer patches the
map in the same response) and ``filters`` (the view without the selection), so a click never
recomputes the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, html, no_update

from .compare import compare_table
from .data.atlas import Atlas
from .exporting import csv_text, data_version, export_filename, product_export
from .figures import (COLOR_MODES, DISTRICTS_TRACE, PLACES_TRACE, MapBase, MapClasses, Overlays, changed_overlays,
                      choropleth_style, district_classes, map_figure, overlay_traces, trace_index, view_ranges)
from .investor import export_scope, opportunities
from .layout import TABS
from .legend import SOURCE_LINES, coverage_note, map_text
from .panels import district_panel
from .queries import (choices_for, cluster_partners, describe, district_detail, filter_products, gaps, scheme_links,
                      summarise, view_values)
from .view import CONTROL_FIELDS, Transition, View, control_values, filters_of, next_view, view_from_dict

CONTROL_INPUTS = {spec.name: Input(spec.control, spec.prop) for spec in CONTROL_FIELDS}
CONTROL_OUTPUTS = {spec.name: Output(spec.control, spec.prop) for spec in CONTROL_FIELDS}
CONTROL_IDS = {spec.control for spec in CONTROL_FIELDS}
EVENTS = {"url": "url", "map": "click", "table": "select", "opportunities": "select", "compare-add": "compare-add",
          "clear-selection": "clear", "reset": "reset", "clear-filters": "reset"}


def clicked_district(click_data: object) -> str | None:
    """The district_id of a map click on a district, or on a place point (its district); other traces are ignored."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    curve = point.get("curveNumber")
    district = point.get("location") if curve == trace_index(DISTRICTS_TRACE) else (
        point.get("customdata") if curve == trace_index(PLACES_TRACE) else None)
    return district if isinstance(district, str) and district else None


def clicked_row_district(atlas: Atlas, cell: object) -> str | None:
    """The district of a clicked product-table row (rows are identified by their position in the product table)."""
    row_id = cell.get("rowId") if isinstance(cell, dict) else None
    if not isinstance(row_id, str) or not row_id.isdigit() or int(row_id) >= len(atlas.products):
        return None
    return atlas.products.iloc[int(row_id)]["district_id"]


def clicked_district_row(atlas: Atlas, cell: object) -> str | None:
    """The district of a clicked investor-table row (rows are identified by their district_id)."""
    row_id = cell.get("rowId") if isinstance(cell, dict) else None
    return row_id if isinstance(row_id, str) and row_id in set(atlas.districts["district_id"]) else None


def event_payload(atlas: Atlas, trigger: object, inputs: dict) -> tuple[str, object]:
    """The reducer event for the component that fired, and what it carries."""
    if trigger in CONTROL_IDS:
        return "controls", inputs["controls"]
    trigger = trigger if isinstance(trigger, str) and trigger in EVENTS else "url"
    payload = {"url": inputs.get("url"), "map": clicked_district(inputs.get("click")),
               "table": clicked_row_district(atlas, inputs.get("row")),
               "opportunities": clicked_district_row(atlas, inputs.get("district_row"))}.get(trigger)
    return EVENTS[trigger], payload


def _same(shown: object, value: object) -> bool:
    return (list(shown) if isinstance(shown, (list, tuple)) else shown) == value


def transition_outputs(current: View, transition: Transition, shown: dict | None = None) -> dict:
    """The reducer's outputs: the stores, the controls that must change, the page address and the message area.

    ``shown`` holds what each control shows now: a control is only written when the new view
    differs from it, so typing is never interrupted and a click updates just the picker.
    """
    view = transition.view
    changed = view != current
    messages = [html.Div(p, className="alert alert-warning py-1 mb-2") for p in transition.problems]
    controls = control_values(view)
    shown = shown or {}
    return {
        "view": view.to_dict() if changed else no_update,
        "filters": filters_of(view).to_dict() if filters_of(view) != filters_of(current) else no_update,
        "controls": {name: no_update if name in shown and _same(shown[name], value) else value
                     for name, value in controls.items()},
        "url": view.to_query_string() if transition.url_follows and changed else no_update,
        "message": messages if messages or transition.url_follows is False else no_update,
    }


def places_shown(atlas: Atlas, view: View) -> pd.DataFrame:
    """The points on the map: none when switched off; with a facility-kind filter, that kind's facilities."""
    places = atlas.investor.places if view.show_facilities else atlas.investor.places.iloc[0:0]
    if view.facility_kind:
        places = places[places["kind"].isin([view.facility_kind, "airport", "seaport"])]
    return places


def overlays_of(atlas: Atlas, view: View) -> Overlays:
    """What the map's overlay traces show for ``view``: selection, cluster partners, places, aspirational outlines."""
    return Overlays(selected=view.district_id, partners=tuple(cluster_partners(atlas, view.district_id)),
                    places=places_shown(atlas, view),
                    aspirational=tuple(atlas.aspirational["district_id"]) if view.show_aspirational else ())


@dataclass(frozen=True)
class MapUpdate:
    """A map patch and the heading and legend that go with it (``None``: they did not change)."""

    patch: Patch
    text: dict | None


def _selection_changed_only(view: View, drawn: View | None) -> bool:
    keep = {"district_id": None, "zoom": False, "compare": ()}
    return drawn is not None and replace(view, **keep) == replace(drawn, **keep)


def map_patch(atlas: Atlas, base: MapBase, view: View, drawn: View | None, rows: pd.DataFrame,
              classes: MapClasses | None = None) -> Patch:
    """Patch the map from the view it shows (``drawn``; ``None``: unknown) to ``view``: only what changed."""
    return map_update(atlas, base, view, drawn, rows, classes).patch


def map_update(atlas: Atlas, base: MapBase, view: View, drawn: View | None, rows: pd.DataFrame,
               classes: MapClasses | None = None) -> MapUpdate:
    """The map patch for ``view`` (only the selection outlines and zoom when nothing else changed), its heading
    and its legend."""
    patch = Patch()
    overlays = overlays_of(atlas, view)
    only_selection = _selection_changed_only(view, drawn)
    changed = changed_overlays(None if drawn is None else overlays_of(atlas, drawn), overlays)
    for name, trace in overlay_traces(base, overlays, changed).items():
        patch["data"][trace_index(name)] = trace.to_plotly_json()
    patch["layout"]["meta"] = export_meta(atlas, view)
    if not only_selection or view.zoom or (drawn is not None and drawn.zoom):
        for axis, value in view_ranges(base, view.state, view.district_id if view.zoom else None).items():
            patch["layout"]["geo"][axis] = value
    if only_selection:
        return MapUpdate(patch, None)
    values = view_values(atlas, view, rows)
    classes = classes or district_classes(base, rows, view.mode, values)
    for key, value in choropleth_style(base, rows, view.mode, values, classes).items():
        patch["data"][trace_index(DISTRICTS_TRACE)][key] = value
    return MapUpdate(patch, drawn_text(atlas, view, classes))


def drawn_text(atlas: Atlas, view: View, classes: MapClasses) -> dict:
    """The heading and legend of the map drawn for ``view``."""
    return map_text(view.mode, view_summary(atlas, view), classes, atlas.coverage_sentence(view.list_id))


def initial_map(atlas: Atlas, base: MapBase, view: View, geojson_urls: dict[str, str]) -> tuple[dict, dict]:
    """The map as the page first draws it for ``view`` (later changes are patches), with its heading and legend."""
    rows = filter_products(atlas, filters_of(view))
    overlays = overlays_of(atlas, view)
    values = view_values(atlas, view, rows)
    figure = map_figure(base, rows, view.mode, geojson_urls=geojson_urls, state=view.state, overlays=overlays,
                        values=values, zoom_to=view.district_id if view.zoom else None, meta=export_meta(atlas, view))
    return figure, drawn_text(atlas, view, district_classes(base, rows, view.mode, values))


def view_summary(atlas: Atlas, view: View) -> str:
    """The line under the map's title: the list, the filters and, for exports, what is counted."""
    summary = describe(view, atlas.list_label(view.list_id), dict(zip(atlas.schemes["scheme_id"],
                                                                      atlas.schemes["name"])))
    return summary + (f" · {export_scope(atlas, view.sectors)}" if view.mode == "exports" else "")


def export_meta(atlas: Atlas, view: View) -> dict:
    """What an exported image states besides the map: the selected district, the view, the data version."""
    names = atlas.districts.set_index("district_id")
    district = (f"{names.at[view.district_id, 'district_name']}, {names.at[view.district_id, 'state_name']}"
                if view.district_id in names.index else "")
    return {"district": district, "summary": view_summary(atlas, view), "mode": COLOR_MODES[view.mode],
            "version": atlas_version(atlas), "coverage": coverage_note(atlas.coverage_sentence(view.list_id)),
            "sources": list(SOURCE_LINES)}


_VERSIONS: dict[int, str] = {}


def atlas_version(atlas: Atlas) -> str:
    """The data version of the shipped data (computed once per atlas)."""
    return _VERSIONS.setdefault(id(atlas), data_version())


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


def empty_state(rows: pd.DataFrame) -> bool:
    """Whether the "no districts match: clear filters" notice is hidden (it shows when nothing matches)."""
    return not rows.empty


def results_outputs(atlas: Atlas, view: View, rows: pd.DataFrame) -> dict:
    """Table rows, the four headline counts, the coverage badge, the note under the table and the empty notice."""
    summary = summarise(atlas, rows, view)
    label = atlas.list_label(view.list_id)
    coverage = f"{label}: {atlas.coverage_sentence(view.list_id)}"
    note = f"{len(rows)} product x district rows · {describe(view, label)} · {coverage}."
    return {"rows": table_records(rows), "districts": f"{summary.districts} of {summary.districts_total}",
            "products": str(summary.products), "sectors": str(summary.sectors), "states": str(summary.states),
            "coverage": coverage, "note": note, "empty": empty_state(rows)}


def opportunity_records(table: pd.DataFrame) -> list[dict]:
    """Rows for the investor table: USD in millions, distances rounded."""
    shown = table.assign(sector_exports_usd=(table["sector_exports_usd"] / 1e6).round(2),
                         exports_usd=(table["exports_usd"] / 1e6).round(2))
    return shown.astype(object).where(shown.notna(), None).to_dict("records")


def shown_ids(shown: object, limit: int, key: str) -> set[str] | None:
    """Row ids the browser says a table shows (after its own filters), validated; ``None`` when not given."""
    if not isinstance(shown, list):
        return None
    return {r[key] for r in shown[:limit] if isinstance(r, dict) and isinstance(r.get(key), str)}


def exported_rows(atlas: Atlas, rows: pd.DataFrame, shown: object) -> pd.DataFrame:
    """The rows to export: those the table shows after its own column filters, else every row of the view."""
    ids = shown_ids(shown, len(atlas.products), "row_id")
    picked = rows if ids is None else rows[rows.index.isin({int(i) for i in ids if i.isdigit()})]
    return product_export(picked)


BRIEF_COLUMNS = ["state", "district", "district_id", "product", "scheme", "basis", "rule_kind", "ministry", "source"]


def convergence_brief(atlas: Atlas, view: View, rows: pd.DataFrame) -> pd.DataFrame:
    """District x product x scheme rows for a district committee: the view's products and the districts' own
    schemes, each with the basis (the rule's clause that matched), whether the rule is ours, and its source."""
    links = scheme_links(atlas, rows["district_id"].unique(), view.list_id, rows)
    names = atlas.districts.set_index("district_id")[["district_name", "state_name"]]
    brief = links.join(names, on="district_id").rename(columns={"district_name": "district", "state_name": "state"})
    brief["product"] = brief["product"].replace("", "(district-wide)")
    return brief.sort_values(["state", "district", "product", "scheme"])[BRIEF_COLUMNS]


def gap_outputs(atlas: Atlas, rows: pd.DataFrame) -> dict:
    """The gap table and what its counts say (or that today's facility records cannot support it)."""
    found = gaps(atlas, rows)
    recorded = ", ".join(f"{n} {kind}s" for kind, n in found.recorded.items()) or "no facilities"
    head = (f"{found.flagged} of {found.needing} districts whose products need a facility lack one within reach "
            f"({len(found.rows)} district x facility rows). Recorded: {recorded}; a gap means 'none recorded within "
            "reach', and the rule is ours (data/odop/needs.csv).")
    if not found.useful:
        return {"rows": [], "summary": [html.P(head), html.P(
            "With the facilities recorded today this would flag nearly every district, which says more about the "
            "records than about gaps: the table stays empty until facility coverage grows.", className="fw-semibold")]}
    records = found.rows.assign(row_id=found.rows["district_id"] + ":" + found.rows["missing"])
    return {"rows": records.astype(object).where(records.notna(), None).to_dict("records"), "summary": head}


def compare_outputs(atlas: Atlas, details: list) -> list:
    """The comparison table as a Bootstrap table (facts as rows, districts as columns)."""
    if len(details) < 2:
        return [html.P("Choose at least two districts.", className="small text-muted")]
    table = compare_table(details)
    head = html.Thead(html.Tr([html.Th("", scope="col")] + [html.Th(c, scope="col") for c in table.columns[1:]]))
    body = html.Tbody([html.Tr([html.Th(r[0], scope="row")] + [html.Td(v) for v in r[1:]])
                       for r in table.itertuples(index=False)])
    return [dbc.Table([head, body], bordered=True, size="sm", responsive=True, className="compare-table",
                      id="compare-grid")]


class Served:
    """The atlas, its map base and the bounded caches the callbacks share (keys are validated views)."""

    def __init__(self, atlas: Atlas, base: MapBase):
        self.atlas, self.base, self.choices = atlas, base, choices_for(atlas)
        self.rows_for = lru_cache(maxsize=64)(lambda filters: filter_products(atlas, filters))
        self.classes_for = lru_cache(maxsize=64)(self._classes)
        self.opportunities_for = lru_cache(maxsize=32)(self._opportunities)
        self.detail_of = lru_cache(maxsize=64)(
            lambda district_id, list_id: district_detail(atlas, district_id, list_id) if district_id else None)

    def stored(self, data: object) -> View:
        """A view from the browser's store, validated (bad values fall back to defaults)."""
        return view_from_dict(data, self.choices)[0]

    def rows_of(self, view: View) -> pd.DataFrame:
        """The product rows of a view's filters (cached)."""
        return self.rows_for(filters_of(view))

    def compared(self, view: View) -> list:
        """Details of the districts in the comparison."""
        return [d for d in (self.detail_of(i, view.list_id) for i in view.compare) if d]

    def _classes(self, filters: View, mode: str, schemes: tuple[str, ...]) -> MapClasses:
        view = replace(filters, mode=mode, schemes=schemes)
        rows = self.rows_for(filters)
        return district_classes(self.base, rows, mode, view_values(self.atlas, view, rows))

    def _opportunities(self, filters: View) -> pd.DataFrame:
        rows = self.rows_for(filters)
        links = scheme_links(self.atlas, rows["district_id"].unique(), filters.list_id, rows)
        schemes = links.groupby("district_id")["scheme"].apply(lambda s: sorted(set(s))).to_dict()
        return opportunities(self.atlas, rows, filters.sectors, schemes)


def map_outputs(served: Served, shown: View, view: View, shown_valid: bool = True) -> dict:
    """The map patch, heading and legend that take the map from the view it shows to ``view`` (no-ops if equal)."""
    if view == shown and shown_valid:
        return {"figure": no_update, "heading": no_update, "legend": no_update}
    update = map_update(served.atlas, served.base, view, shown if shown_valid else None, served.rows_of(view),
                        served.classes_for(filters_of(view), view.mode, view.schemes))
    return {"figure": update.patch, **(update.text or {"heading": no_update, "legend": no_update})}


def register_view(app: Dash, served: Served) -> None:
    """The reducer: every control, click and button in; the stores, controls, address, messages and the map patch
    out. The map follows the view in the same response (one round trip per click or filter), so the ``view``
    store always holds what the map shows."""
    @app.callback(
        output={"view": Output("view", "data"), "filters": Output("filters", "data"), "controls": CONTROL_OUTPUTS,
                "url": Output("url", "search"), "message": Output("url-message", "children"),
                "figure": Output("map", "figure"), "heading": Output("map-heading", "children"),
                "legend": Output("legend", "children")},
        inputs={"url": Input("url", "search"), "controls": CONTROL_INPUTS, "click": Input("map", "clickData"),
                "row": Input("table", "cellClicked"), "district_row": Input("opportunities", "cellClicked"),
                "compare": Input("compare-add", "n_clicks"), "clear": Input("clear-selection", "n_clicks"),
                "reset": Input("reset", "n_clicks"), "clear_filters": Input("clear-filters", "n_clicks")},
        state={"current": State("view", "data")},
    )
    def update_view(url, controls, click, row, district_row, compare, clear, reset, clear_filters, current):
        view, problems = view_from_dict(current, served.choices)
        event, payload = event_payload(served.atlas, ctx.triggered_id, {"url": url, "controls": controls,
                                                                        "click": click, "row": row,
                                                                        "district_row": district_row})
        transition = next_view(view, event, payload, served.choices)
        return {**transition_outputs(view, transition, controls if isinstance(controls, dict) else {}),
                **map_outputs(served, view, transition.view, not problems)}


RESULTS_OUTPUTS = {"rows": Output("table", "rowData"), "districts": Output("stat-districts", "children"),
                   "products": Output("stat-products", "children"), "sectors": Output("stat-sectors", "children"),
                   "states": Output("stat-states", "children"), "coverage": Output("coverage", "children"),
                   "note": Output("table-note", "children"), "empty": Output("empty-result", "hidden")}
PANEL_OUTPUT = Output("panel", "children")


def initial_props(atlas: Atlas, view: View) -> dict[tuple[str, str], object]:
    """What the table, counts and panel show for ``view`` when the page opens, by (component id, property):
    the page comes with them, so loading it fires no callback but the reducer's (the other tabs fill when
    opened)."""
    results = results_outputs(atlas, view, filter_products(atlas, filters_of(view)))
    detail = district_detail(atlas, view.district_id, view.list_id) if view.district_id else None
    return {**{(o.component_id, o.component_property): results[name] for name, o in RESULTS_OUTPUTS.items()},
            (PANEL_OUTPUT.component_id, PANEL_OUTPUT.component_property): district_panel(detail)}


def register_tables(app: Dash, served: Served) -> None:
    """The products table and counts, the investor, gap and comparison tabs, and the district panel."""
    atlas = served.atlas

    @app.callback(output=RESULTS_OUTPUTS, inputs={"filters": Input("filters", "data")}, prevent_initial_call=True)
    def update_results(filters):
        view = served.stored(filters)
        return results_outputs(atlas, view, served.rows_of(view))

    @app.callback(
        output={"rows": Output("opportunities", "rowData"), "note": Output("opportunities-note", "children")},
        inputs={"filters": Input("filters", "data"), "tab": Input("active-tab", "data")}, prevent_initial_call=True,
    )
    def update_opportunities(filters, tab):
        if tab != "opportunities":
            return {"rows": no_update, "note": no_update}
        view = served.stored(filters)
        table = served.opportunities_for(filters_of(view))
        sectors = ", ".join(view.sectors) or "no sector chosen (choose one to see its exports)"
        return {"rows": opportunity_records(table), "note": f"{len(table)} districts · sector: {sectors}"}

    @app.callback(
        output={"rows": Output("gaps", "rowData"), "summary": Output("gaps-summary", "children")},
        inputs={"filters": Input("filters", "data"), "tab": Input("active-tab", "data")}, prevent_initial_call=True,
    )
    def update_gaps(filters, tab):
        if tab != "gaps":
            return {"rows": no_update, "summary": no_update}
        return gap_outputs(atlas, served.rows_of(served.stored(filters)))

    @app.callback(Output("compare-table", "children"), Input("view", "data"), Input("active-tab", "data"),
                  prevent_initial_call=True)
    def update_compare(view, tab):
        return compare_outputs(atlas, served.compared(served.stored(view))) if tab == "compare" else no_update

    @app.callback(PANEL_OUTPUT, Input("view", "data"), prevent_initial_call=True)
    def update_panel(view):
        view = served.stored(view)
        return district_panel(served.detail_of(view.district_id, view.list_id))


def register_downloads(app: Dash, served: Served) -> None:
    """CSV downloads (metadata header, no formulas) and the client-side PNG."""
    atlas = served.atlas

    def download(name: str, title: str, frame_of, grid: str | None = None) -> None:
        states = [State("view", "data")] + ([State(grid, "virtualRowData")] if grid else [])

        @app.callback(Output(f"download-{name}", "data"), Input(f"download-{name}-button", "n_clicks"), *states,
                      prevent_initial_call=True)
        def send(_clicks, view, shown=None):
            view = served.stored(view)
            text = csv_text(frame_of(view, shown), title, view_summary(atlas, view), atlas_version(atlas))
            return dcc.send_string(text, export_filename(name))

    def opportunity_frame(view: View, shown: object) -> pd.DataFrame:
        table = served.opportunities_for(filters_of(view))
        ids = shown_ids(shown, len(atlas.districts), "district_id")
        return table if ids is None else table[table["district_id"].isin(ids)]

    download("csv", "products in this view", lambda view, shown: exported_rows(atlas, served.rows_of(view), shown),
             "table")
    download("opportunities", "districts for investors", opportunity_frame, "opportunities")
    download("brief", "convergence brief", lambda view, _: convergence_brief(atlas, view, served.rows_of(view)))
    download("compare", "district comparison", lambda view, _: compare_table(served.compared(view)))


CLIENTSIDE = [  # (function in assets/odop.js, output, inputs and states)
    ("downloadMap", Output("download-png", "title"), [Input("download-png", "n_clicks")]),
    ("toggleFilters", Output("filters-collapse", "is_open"),
     [Input("filters-toggle", "n_clicks"), State("filters-collapse", "is_open")]),
    ("revealPanel", Output("panel-region", "title"), [Input("view", "data")]),
    ("showTab", [Output("active-tab", "data")] + [Output(f"tab-{key}", prop) for prop in ("className", "aria-selected")
                                                   for key, _ in TABS] + [Output(f"tabpanel-{key}", "hidden")
                                                                          for key, _ in TABS],
     [Input(f"tab-{key}", "n_clicks") for key, _ in TABS]),
]


def register_callbacks(app: Dash, atlas: Atlas, base: MapBase) -> None:
    """Attach every callback of the app to ``app``."""
    served = Served(atlas, base)
    for register in (register_view, register_tables, register_downloads):
        register(app, served)
    for function, output, inputs in CLIENTSIDE:
        app.clientside_callback(ClientsideFunction(namespace="odop", function_name=function), output, *inputs,
                                prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction(namespace="odop", function_name="fillDatalist"),  # on load
                            Output("product-names", "title"), Input("product-name-list", "data"))
