"""Page layout: header, the map (first on a phone), filters, the district panel and the tabs below.

Landmarks: one ``header`` (banner), one ``main``, labelled regions inside it, one ``footer``. Every word comes from
the text catalogue (``dashboard/text``), every id from ``dashboard/ids.py``.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.data.atlas import Atlas
from dashboard.data.vocabulary import FACILITY_KINDS, SECTORS
from dashboard.maps.figures import map_preview
from dashboard.maps.modes import MODES
from dashboard.queries import state_label
from dashboard.queries.investor import PORT_KINDS, SEAPORT_DISTANCES
from dashboard.text import LANGUAGES, language, t
from dashboard.view import View, filters_of

# The results table's columns: (field, extra column options); headers are ``table.<field>``.
TABLE_COLUMNS: list[tuple[str, dict]] = [
    ("district", {"pinned": "left", "minWidth": 130}),
    ("state", {"minWidth": 120}),
    ("product", {"minWidth": 180, "flex": 2}),
    ("sector", {"minWidth": 130}),
    ("category", {"minWidth": 110}),
    ("gi", {"maxWidth": 110}),
    ("programme", {"minWidth": 110}),
    ("source", {"cellRenderer": "markdown", "minWidth": 140}),
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
# One line per row (long text ends in an ellipsis; its tooltip, and the district's panel, hold it whole); headers
# wrap instead of being cut.
DEFAULT_COLUMN = {"sortable": True, "filter": True, "floatingFilter": True, "resizable": True, "wrapText": False,
                  "autoHeight": False, "wrapHeaderText": True, "autoHeaderHeight": True, "flex": 1, "minWidth": 110}


def _labelled(label_key: str, control) -> html.Div:
    return html.Div([dbc.Label(t(label_key), html_for=control.id, className="fw-semibold small mb-1"), control],
                    className="mb-3")


def _stat(stat_id: str, label_key: str) -> dbc.Col:
    return dbc.Col(html.Div([html.Div("–", id=stat_id, className="stat-value"),
                             html.Div(t(label_key), className="stat-label")], className="stat"), xs=6, md=3)


def _group(title_key: str, *children) -> html.Fieldset:
    return html.Fieldset([html.Legend(t(title_key), className="filter-group-title"), *children], className="mb-2")


def _switch(control_id: str, label_key: str, value: bool, spacing: str = "mb-2") -> dbc.Switch:
    return dbc.Switch(id=control_id, label=t(label_key), value=value, className=spacing)


def _search(view: View) -> html.Div:
    return html.Div([
        dcc.Input(id=ids.SEARCH, type="search", value=view.search, placeholder=t("filters.search_placeholder"),
                  debounce=0.4, list=ids.PRODUCT_NAMES, className="form-control", autoComplete="off", maxLength=200),
        # Filled by assets/odop.js when the box is first focused (web/routes.py, serve_product_names), outside React:
        # ~850 Option components made every Dash update (a click's panel, a filter) cost over half a second.
        html.Datalist([], id=ids.PRODUCT_NAMES)])


def filters(atlas: Atlas) -> list:
    """The filter controls, grouped: what, where, for investors, for planners, the map."""
    view = View()
    states = [{"label": state_label(atlas, s), "value": s, **({"search": s} if state_label(atlas, s) != s else {})}
              for s in sorted(s for s in atlas.districts["state_name"].unique() if s)]
    kinds_present = [k for k in FACILITY_KINDS if k in set(atlas.facilities["kind"])] or list(FACILITY_KINDS)
    lists = [{"label": label, "value": programme} for programme, label in zip(atlas.lists["programme"],
                                                                                atlas.lists["label"])]
    schemes = [{"label": name, "value": sid} for sid, name in zip(atlas.schemes["scheme_id"], atlas.schemes["name"])]
    return [
        _group("filters.what",
               _labelled("filters.list", dcc.Dropdown(lists, view.list_id, id=ids.LIST, clearable=False)),
               _labelled("filters.sector", dcc.Dropdown(list(SECTORS), list(view.sectors), id=ids.SECTORS, multi=True,
                                                        placeholder=t("filters.sector_placeholder"))),
               html.Div([dbc.Label(t("filters.search"), html_for=ids.SEARCH, className="fw-semibold small mb-1"),
                         _search(view)], className="mb-3"),
               _switch(ids.GI_ONLY, "filters.gi_only", view.gi_only)),
        _group("filters.where",
               _labelled("filters.state", dcc.Dropdown(states, view.state, id=ids.STATE,
                                                       placeholder=t("filters.state_placeholder"), clearable=True)),
               _switch(ids.ASPIRATIONAL_ONLY, "filters.aspirational_only", view.aspirational_only)),
        _group("filters.investors",
               _labelled("filters.seaport", dcc.Dropdown(
                   [{"label": t("filters.km", km=km), "value": km} for km in SEAPORT_DISTANCES], view.seaport_km,
                   id=ids.SEAPORT_KM, clearable=True, placeholder=t("filters.seaport_placeholder"))),
               _labelled("filters.port_kind", dbc.RadioItems(
                   options=[{"label": t(f"filters.port_{kind}"), "value": kind} for kind in PORT_KINDS],
                   value=view.port_kind, id=ids.PORT_KIND, inline=True)),
               _labelled("filters.facility", dcc.Dropdown(kinds_present, view.facility_kind, id=ids.FACILITY_KIND,
                                                          clearable=True,
                                                          placeholder=t("filters.facility_placeholder")))),
        _group("filters.planners", _labelled("filters.schemes", dcc.Dropdown(
            schemes, list(view.schemes), id=ids.SCHEMES, multi=True, placeholder=t("filters.schemes_placeholder")))),
        _group("filters.map",
               _labelled("filters.mode", dbc.RadioItems(
                   options=[{"label": mode.label, "value": key} for key, mode in MODES.items()], value=view.mode,
                   id=ids.MODE)),
               _switch(ids.SHOW_FACILITIES, "filters.show_facilities", view.show_facilities, "mb-1"),
               _switch(ids.SHOW_ASPIRATIONAL, "filters.show_aspirational", view.show_aspirational, "mb-1"),
               _switch(ids.SHOW_TRIBAL, "filters.show_tribal", view.show_tribal, "mb-1"),
               _switch(ids.SHOW_CLUSTERS, "filters.show_clusters", view.show_clusters)),
        dbc.Button(t("filters.reset"), id=ids.RESET, color="secondary", outline=True, size="sm"),
    ]


def filters_card(atlas: Atlas) -> html.Section:
    """Filters in a card; on a phone they fold away behind a button so the map comes first."""
    return html.Section(dbc.Card(dbc.CardBody([
        html.Div([html.H2(t("filters.title"), className="h6 text-uppercase text-muted mb-0"),
                  html.Button(t("filters.show"), id=ids.FILTERS_TOGGLE,
                              className="btn btn-outline-primary btn-sm d-lg-none",
                              **{"aria-controls": ids.FILTERS_COLLAPSE, "aria-expanded": "false",
                                 "data-show": t("filters.show"), "data-hide": t("filters.hide")})],
                 className="d-flex justify-content-between align-items-center mb-2"),
        dbc.Collapse(filters(atlas), id=ids.FILTERS_COLLAPSE, is_open=False, className="filters-collapse"),
    ]), className="h-100 filters-card"), **{"aria-label": t("filters.title")})


def district_label(atlas: Atlas, district_id: str, name: str) -> str:
    """A district's name in the page's language: in Hindi, LGD's own Hindi name with the English one beside it
    ("दरभंगा (Darbhanga)"); a name only a third party translated is not shown as the district's name."""
    own = atlas.hindi.own(district_id)
    return f"{own} ({name})" if language() == "hi" and own else name


def district_options(atlas: Atlas) -> list[dict]:
    """Every LGD district as a dropdown option labelled "District, State", sorted by name; found by its English
    or Hindi name (the Hindi one, where known, is searched in either language)."""
    lgd = atlas.lgd_districts.sort_values(["district_name", "state_name"])
    options = []
    for d, n, s in zip(lgd["district_id"], lgd["district_name"], lgd["state_name"]):
        label, hindi = f"{district_label(atlas, d, n)}, {state_label(atlas, s)}", atlas.hindi.district(d)
        # the label is searched; only a Hindi name it does not show is added (each word indexed costs page load)
        options.append({"label": label, "value": d, **({"search": hindi} if hindi and hindi not in label else {})})
    return options


def picked_options(options: list[dict], value: object) -> list[dict]:
    """The options of the districts a picker's ``value`` names (one id, or a list): a picker comes with these
    only, since Dash's dropdown indexes every option it is given for search as it renders (777 districts: ~0.4 s of a
    page load) and drops a value it has no option for; the whole list comes on demand (``assets/odop.js``)."""
    chosen = set(value) if isinstance(value, (list, tuple)) else {value}
    return [option for option in options if option["value"] in chosen]


def district_picker(options: list[dict]) -> html.Div:
    """Type-ahead over every LGD district ("Ernakulam, Kerala"): opens its panel and zooms the map to it."""
    return html.Div([dbc.Label(t("picker.label"), html_for=ids.DISTRICT_PICKER, className="visually-hidden"),
                     dcc.Dropdown(options, None, id=ids.DISTRICT_PICKER, placeholder=t("picker.placeholder"),
                                  clearable=True, searchable=True)], className="mb-2 district-picker")


def _download_button(name: str, label_key: str, outline: bool = True) -> dbc.Button:
    return dbc.Button(t(label_key), id=ids.download_button_id(name), color="primary", outline=outline, size="sm",
                      className="me-2 mb-1")


def map_card(picker_options: list[dict], figure: dict, text: dict) -> html.Section:
    """District picker, the map's heading, the map (with an accessible name; a preview of it shows until Plotly has
    drawn it: ``map_preview``), its legend, sources and downloads."""
    return html.Section(dbc.Card(dbc.CardBody([
        district_picker(picker_options),
        html.H2(text["heading"], id=ids.MAP_HEADING, className="h6 mb-1 map-heading"),
        html.Div([
            html.P(t("map.description"), className="visually-hidden", id=ids.MAP_DESCRIPTION),
            html.Div([html.Div(id=ids.MAP_PREVIEW, **{"data-preview": map_preview(figure), "aria-hidden": "true"}),
                      dcc.Graph(id=ids.MAP, figure=figure, config=GRAPH_CONFIG, responsive=True,
                                style={"height": "100%"})], className="map-graph"),
        ], id=ids.MAP_REGION, role="group", **{"aria-label": t("map.label"),
                                               "aria-describedby": ids.MAP_DESCRIPTION}),
        html.Div(text["legend"], id=ids.LEGEND, className="map-legend", role="group",
                 **{"aria-label": t("legend.label")}),
        html.P(text["sources"], className="small text-muted mb-0 mt-1", id=ids.MAP_SOURCES),
        html.Div(dbc.Alert([t("map.empty"),
                            dbc.Button(t("map.clear_filters"), id=ids.CLEAR_FILTERS, color="warning", size="sm",
                                       className="ms-2")], color="warning", className="py-2 mt-2 mb-0"),
                 id=ids.EMPTY_RESULT, role="status", hidden=True),
        html.Div([
            dbc.Button(t("map.download_png"), id=ids.DOWNLOAD_PNG, color="primary", size="sm", className="me-2 mb-1"),
            _download_button("csv", "map.download_csv"),
            _download_button("brief", "map.download_brief"),
            html.Span(t("map.share"), className="small text-muted"),
        ], className="mt-2"),
    ]), className="h-100", id=ids.MAP_CARD), **{"aria-label": t("map.region")})


def panel_card() -> html.Aside:
    """The district panel: filled by a click, the picker or a table row."""
    return html.Aside(dbc.Card(dbc.CardBody([
        html.Div([
            html.H2(t("panel.region"), className="h6 text-uppercase text-muted mb-0"),
            html.Div([dbc.Button(t("panel.compare"), id=ids.COMPARE_ADD, color="link", size="sm", className="p-0 me-2",
                                 title=t("panel.compare_title")),
                      dbc.Button(t("panel.clear"), id=ids.CLEAR_SELECTION, color="link", size="sm",
                                 className="p-0")]),
        ], className="d-flex justify-content-between align-items-center mb-2"),
        html.Div(html.P(t("panel.hint"), className="text-muted"), id=ids.PANEL, **{"aria-live": "polite"}),
    ]), className="h-100 panel-card"), id=ids.PANEL_REGION, **{"aria-label": t("panel.region_label")})


def _grid(grid_id: str, columns: list[dict], row_id: str) -> dag.AgGrid:
    """A one-line-per-row grid; every text column shows its whole value as a tooltip."""
    columns = [column if column.get("type") == "numericColumn" or "tooltipField" in column
               else {**column, "tooltipField": column["field"]} for column in columns]
    return dag.AgGrid(id=grid_id, columnDefs=columns, defaultColDef=DEFAULT_COLUMN, rowData=[],
                      getRowId=f"params.data.{row_id}", dashGridOptions=GRID_OPTIONS, className="ag-theme-quartz",
                      style={"width": "100%"})


def results_table() -> dag.AgGrid:
    """The product table (AG Grid): sortable, filterable per column; clicking a row selects its district."""
    return _grid(ids.TABLE, [{"field": key, "headerName": t(f"table.{key}"), **options}
                             for key, options in TABLE_COLUMNS], "row_id")


# The investor table's columns: (field, extra column options); header ``opportunities.<field>``, tooltip
# ``opportunities.<field>_tip``.
OPPORTUNITY_COLUMNS: list[tuple[str, dict]] = [
    ("district", {"pinned": "left"}), ("state", {}), ("lgd_code", {"maxWidth": 110}), ("products", {"flex": 2}),
    ("sector_exports_usd", {"type": "numericColumn"}), ("exports_usd", {"type": "numericColumn"}),
    ("seaport", {}), ("seaport_km", {"type": "numericColumn"}), ("major_port", {}),
    ("major_port_km", {"type": "numericColumn"}), ("airport", {}),
    ("airport_km", {"type": "numericColumn"}), ("station_km", {"type": "numericColumn"}),
    ("household_industry_pct", {"type": "numericColumn"}), ("facilities", {}),
    ("schemes_count", {"type": "numericColumn", "tooltipField": "schemes", "maxWidth": 140}),
]
# The clusters table's columns: (field, extra column options); header ``clusters.<field>``, tooltip ``_tip``.
CLUSTER_COLUMNS: list[tuple[str, dict]] = [
    ("cluster", {"pinned": "left", "minWidth": 220}), ("product", {}), ("state", {}),
    ("districts", {"type": "numericColumn", "maxWidth": 120}), ("district_names", {"flex": 2}), ("sector", {}),
    ("exports_usd", {"type": "numericColumn"}), ("gi_tagged", {"maxWidth": 120}), ("rule", {"flex": 2}),
]
GAP_COLUMNS = ("district", "state", "missing", "within_km", "nearest_km", "needed_by", "why")  # gaps.<field>(_tip)


def _tab_intro(text_key: str) -> html.P:
    return html.P(t(text_key), className="small text-muted mt-2 mb-1")


def _table_tab(key: str, grid_id: str, columns: list[tuple[str, dict]], row_id: str, note_id: str) -> html.Div:
    """A tab holding one grid: its intro, the grid (header ``<key>.<field>``, tooltip ``<key>.<field>_tip``), and
    its CSV download button (``ids.DOWNLOADS`` name ``key``) with a note."""
    return html.Div([
        _tab_intro(f"{key}.intro"),
        _grid(grid_id, [{"field": field, "headerName": t(f"{key}.{field}"), "headerTooltip": t(f"{key}.{field}_tip"),
                         **options} for field, options in columns], row_id),
        html.Div([dbc.Button(t(f"{key}.download"), id=ids.download_button_id(key), color="primary", outline=True,
                             size="sm", className="mt-2 me-2"),
                  html.Span(id=note_id, className="small text-muted")]),
    ])


def opportunities_tab() -> html.Div:
    """Districts with a product in the view, side by side: exports, distances, parks and schemes (no score)."""
    return _table_tab("opportunities", ids.OPPORTUNITIES, OPPORTUNITY_COLUMNS, "district_id", ids.OPPORTUNITIES_NOTE)


def clusters_tab() -> html.Div:
    """Every derived multi-district cluster in the view: product, state, districts, exports and GI status."""
    return _table_tab("clusters", ids.CLUSTERS, CLUSTER_COLUMNS, "cluster_id", ids.CLUSTERS_NOTE)


def compare_tab(options: list[dict]) -> html.Div:
    """Two to four districts side by side (also from each panel's Compare button); shareable by URL."""
    return html.Div([
        _tab_intro("compare.intro"),
        _labelled("compare.picker", dcc.Dropdown(options, [], id=ids.COMPARE_PICKER, multi=True,
                                                 placeholder=t("compare.placeholder"))),
        html.Div(id=ids.COMPARE_TABLE),
        dbc.Button(t("compare.download"), id=ids.download_button_id("compare"), color="primary", outline=True,
                   size="sm", className="mt-2"),
    ])


def gaps_tab() -> html.Div:
    """Districts lacking, within reach, a facility their products need (one row per district and kind)."""
    return html.Div([
        html.Div(id=ids.GAPS_SUMMARY, className="small mt-2 mb-1"),
        _grid(ids.GAPS, [{"field": key, "headerName": t(f"gaps.{key}"), "headerTooltip": t(f"gaps.{key}_tip")}
                         for key in GAP_COLUMNS], "row_id"),
    ])


def tab_button(key: str, active: bool) -> html.Button:
    """One tab (a button: every tab is reachable with Tab; arrow keys also move between them)."""
    return html.Button(t(f"tabs.{key}"), id=ids.tab_id(key), role="tab", type="button",
                       className="nav-link active" if active else "nav-link",
                       **{"aria-selected": "true" if active else "false", "aria-controls": ids.tabpanel_id(key)})


def tabs_card(compare_options: list[dict]) -> html.Section:
    """The products table and the investors', comparison and gap tabs (``assets/odop.js`` switches them)."""
    contents = {"products": [results_table(), html.Div(id=ids.TABLE_NOTE, className="small text-muted mt-1")],
                "opportunities": opportunities_tab(), "clusters": clusters_tab(),
                "compare": compare_tab(compare_options), "gaps": gaps_tab()}
    first = ids.TAB_KEYS[0]
    return html.Section(dbc.Card(dbc.CardBody([
        dcc.Store(id=ids.ACTIVE_TAB, data=first), dcc.Store(id=ids.GRID_LOADED, data=False),
        *(dcc.Store(id=ids.tab_source_id(key)) for key in ids.TAB_KEYS),
        html.Div([tab_button(key, key == first) for key in ids.TAB_KEYS], role="tablist", id=ids.TABS,
                 className="nav nav-tabs", **{"aria-label": t("tabs.label")}),
        *(html.Div(contents[key], id=ids.tabpanel_id(key), role="tabpanel", hidden=key != first, className="pt-2",
                   **{"aria-labelledby": ids.tab_id(key)}) for key in ids.TAB_KEYS),
    ]), className="mb-3"), id=ids.TABLES, **{"aria-label": t("tabs.label")})


def data_banner(atlas: Atlas) -> list:
    """A visible notice when loading set rows aside: how many, in which files, and where to read why."""
    set_aside = [issue for issue in atlas.issues.entries if not issue.kept and issue.row is not None]
    if not set_aside:
        return []
    files = sorted({issue.file for issue in set_aside})
    rows = t("banner.rows_one") if len(set_aside) == 1 else t("banner.rows_many", count=len(set_aside))
    return [dbc.Alert([t("banner.set_aside", rows=rows, files=", ".join(files)), t("banner.not_shown"),
                       html.Code("python -m dashboard.data check --all"), "."], color="warning", className="py-2")]


def language_switch(atlas: Atlas, view: View) -> html.Nav:
    """English / हिन्दी: links to this view in each language (``assets/odop.js`` keeps them following the view)."""
    codes = dict(zip(atlas.districts["district_id"], atlas.districts["lgd_code"]))
    links = [html.A(t(f"language.{code}"), href="/" + replace(view, lang=code).to_query_string(codes), lang=code,
                    hrefLang=code, className="language-link", **({"aria-current": "true"} if code == view.lang else {}))
             for code in LANGUAGES]
    return html.Nav(links, id=ids.LANGUAGE_SWITCH, className="language-switch", **{"aria-label": t("language.label")})


def header(atlas: Atlas, view: View) -> html.Header:
    """The banner: title, what it is, the language switch and the current list's coverage."""
    return html.Header(dbc.Navbar(dbc.Container([
        html.Div([html.H1(t("app.title"), className="h5 mb-0 text-white"),
                  html.P(t("app.subtitle"), className="small mb-0 subtitle")]),
        html.Div([language_switch(atlas, view),
                  html.Div(f"{atlas.list_label()}: {atlas.coverage_sentence()}", id=ids.COVERAGE,
                           className="badge bg-light text-dark coverage-badge")], className="header-end"),
    ], fluid=True), color="primary", dark=True, className="mb-2 py-1"))


def build_layout(atlas: Atlas, initial_map: tuple[dict, dict], view: View | None = None) -> html.Div:
    """The whole page (``view``: the view the page opens with, from its address; ``initial_map``: the map drawn
    for it, and its heading, legend and sources)."""
    view = view or View()
    districts = district_options(atlas)
    return html.Div([
        html.A(t("app.skip"), href=f"#{ids.MAP_REGION}", className="visually-hidden-focusable skip-link"),
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.VIEW, data=view.to_dict()),
        dcc.Store(id=ids.FILTERS, data=filters_of(view).to_dict()),
        *(dcc.Download(id=ids.download_id(name)) for name in ids.DOWNLOADS),
        header(atlas, view),
        html.Main(dbc.Container([
            html.Div(id=ids.URL_MESSAGE, role="status"),
            html.Div(data_banner(atlas), id=ids.DATA_BANNER),
            html.Section(dbc.Row([
                _stat(ids.STAT_DISTRICTS, "stats.districts"),
                _stat(ids.STAT_PRODUCTS, "stats.products"),
                _stat(ids.STAT_SECTORS, "stats.sectors"),
                _stat(ids.STAT_STATES, "stats.states"),
            ], className="g-2 mb-2 stats-row", id=ids.SUMMARY), **{"aria-label": t("stats.label")}),
            dbc.Row([
                dbc.Col(map_card(picked_options(districts, view.district_id), *initial_map), lg=6,
                        className="mb-2 order-1 order-lg-2"),
                dbc.Col(filters_card(atlas), lg=3, className="mb-2 order-2 order-lg-1"),
                dbc.Col(panel_card(), lg=3, className="mb-2 order-3"),
            ], className="g-2"),
            tabs_card(picked_options(districts, view.compare)),
        ], fluid=True, className="px-3"), id=ids.MAIN),
        html.Footer(dbc.Container(html.Small(t("app.footer"), className="text-muted"), fluid=True,
                                  className="px-3 mb-3")),
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
