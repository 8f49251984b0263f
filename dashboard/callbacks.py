"""Dash wiring only: each callback names its inputs and outputs and makes one call to a function of
``dashboard/ui/outputs.py``. The control inputs and outputs are derived from the fields of :class:`View`.

Two stores carry the state: ``view`` (everything, and what the map shows: the reducer patches the map in the same
response) and ``filters`` (the view without the selection), so a click never recomputes the tables.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, ctx

from dashboard import ids
from dashboard.data.atlas import Atlas
from dashboard.maps.figures import MapBase
from dashboard.ui import outputs
from dashboard.ui.outputs import DOWNLOADS, RESULTS_TARGETS, ViewCache
from dashboard.view import CONTROL_FIELDS, PICKER_FIELDS

CONTROL_INPUTS = {spec.name: Input(spec.control, spec.prop) for spec in CONTROL_FIELDS}
CONTROL_OUTPUTS = {spec.name: Output(spec.control, spec.prop) for spec in CONTROL_FIELDS}
VIEW_OUTPUTS = {"view": Output(ids.VIEW, "data"), "filters": Output(ids.FILTERS, "data"), "controls": CONTROL_OUTPUTS,
                "url": Output(ids.URL, "search"), "message": Output(ids.URL_MESSAGE, "children"),
                "figure": Output(ids.MAP, "figure"), "heading": Output(ids.MAP_HEADING, "children"),
                "legend": Output(ids.LEGEND, "children"), "sources": Output(ids.MAP_SOURCES, "children"),
                "panel": Output(ids.PANEL, "children"),
                "options": {spec.name: Output(spec.control, "options") for spec in PICKER_FIELDS}}
VIEW_INPUTS = {"url": Input(ids.URL, "search"), "controls": CONTROL_INPUTS, "click": Input(ids.MAP, "clickData"),
               "row": Input(ids.TABLE, "cellClicked"), "district_row": Input(ids.OPPORTUNITIES, "cellClicked"),
               "compare": Input(ids.COMPARE_ADD, "n_clicks"), "clear": Input(ids.CLEAR_SELECTION, "n_clicks"),
               "reset": Input(ids.RESET, "n_clicks"), "clear_filters": Input(ids.CLEAR_FILTERS, "n_clicks")}
FILTERS = Input(ids.FILTERS, "data")


def register_view(app: Dash, cache: ViewCache) -> None:
    """The reducer: every control, click and button in; the stores, controls, address, messages and the map patch
    out, and the district panel (one round trip per click or filter)."""
    @app.callback(output=VIEW_OUTPUTS, inputs=VIEW_INPUTS, state={"current": State(ids.VIEW, "data")})
    def update_view(url, controls, click, row, district_row, compare, clear, reset, clear_filters, current):
        return outputs.view_outputs(cache, ctx.triggered_id, {"url": url, "controls": controls, "click": click,
                                                              "row": row, "district_row": district_row}, current)


def register_tables(app: Dash, cache: ViewCache) -> None:
    """The counts, and the products table and the investor, clusters, gap and comparison tabs, each made from its
    tab's source (filled by gateTabs only while the tab can show it: a filter or a click asks nothing for the rest)."""
    app.callback(output={k: Output(*target) for k, target in RESULTS_TARGETS.items()}, inputs={"filters": FILTERS},
                 prevent_initial_call=True)(lambda filters: outputs.results_for(cache, filters))
    tables = {"products": (Output(ids.TABLE, "rowData"), outputs.table_rows),
              "opportunities": ({"rows": Output(ids.OPPORTUNITIES, "rowData"),
                                 "note": Output(ids.OPPORTUNITIES_NOTE, "children")}, outputs.opportunity_outputs),
              "clusters": ({"rows": Output(ids.CLUSTERS, "rowData"), "note": Output(ids.CLUSTERS_NOTE, "children")},
                           outputs.cluster_outputs),
              "gaps": ({"rows": Output(ids.GAPS, "rowData"), "summary": Output(ids.GAPS_SUMMARY, "children")},
                       outputs.gaps_for),
              "compare": (Output(ids.COMPARE_TABLE, "children"), outputs.compare_for)}
    for key, (output, make) in tables.items():
        app.callback(output=output, inputs={"source": Input(ids.tab_source_id(key), "data")},
                     prevent_initial_call=True)(lambda source, make=make: make(cache, source))


def register_downloads(app: Dash, cache: ViewCache) -> None:
    """CSV downloads (metadata header, no formulas); the PNG is made in the browser (``assets/odop.js``)."""
    for download in DOWNLOADS:
        states = [State(ids.VIEW, "data")] + ([State(download.grid, "virtualRowData")] if download.grid else [])
        app.callback(Output(ids.download_id(download.name), "data"),
                     Input(ids.download_button_id(download.name), "n_clicks"), *states, prevent_initial_call=True)(
            lambda _clicks, view, shown=None, download=download: outputs.download_output(cache, download, view, shown))


TAB_OUTPUTS = ([Output(ids.ACTIVE_TAB, "data")] + [Output(ids.tab_id(key), prop) for prop in ("className",
                                                                                               "aria-selected")
                                                   for key in ids.TAB_KEYS]
               + [Output(ids.tabpanel_id(key), "hidden") for key in ids.TAB_KEYS])
CLIENTSIDE = [  # (function in assets/odop.js, output, inputs and states)
    ("downloadMap", Output(ids.DOWNLOAD_PNG, "title"), [Input(ids.DOWNLOAD_PNG, "n_clicks")]),
    ("toggleFilters", Output(ids.FILTERS_COLLAPSE, "is_open"),
     [Input(ids.FILTERS_TOGGLE, "n_clicks"), State(ids.FILTERS_COLLAPSE, "is_open")]),
    ("revealPanel", Output(ids.PANEL_REGION, "title"), [Input(ids.VIEW, "data")]),
    ("showTab", TAB_OUTPUTS, [Input(ids.tab_id(key), "n_clicks") for key in ids.TAB_KEYS]),
    ("gateTabs", [Output(ids.tab_source_id(key), "data") for key in ids.TAB_KEYS],
     [FILTERS, Input(ids.VIEW, "data"), Input(ids.ACTIVE_TAB, "data"), Input(ids.GRID_LOADED, "data")]),
]


def register_callbacks(app: Dash, atlas: Atlas, base: MapBase) -> None:
    """Attach every callback of the app to ``app``."""
    cache = ViewCache(atlas, base)
    for register in (register_view, register_tables, register_downloads):
        register(app, cache)
    for function, output, inputs in CLIENTSIDE:
        app.clientside_callback(ClientsideFunction(namespace="odop", function_name=function), output, *inputs,
                                prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction(namespace="odop", function_name="notePickerOptions"),  # no output
                            *(Input(picker, "options") for picker in ids.PICKERS))
