"""Every name the page, the callbacks, ``assets/odop.js`` and the tests share: component ids, store names, map
trace names, tab keys, download names and the keys of the exported image's metadata.

JavaScript reads the same names from ``assets/ids.js``, written from this module by
``python -m dashboard.ids`` (``tests/test_structure.py`` fails when it is stale).
"""

from __future__ import annotations

import json
import sys

# Component ids (stores included).
ACTIVE_TAB = "active-tab"
ASPIRATIONAL_ONLY = "aspirational-only"
CLEAR_FILTERS = "clear-filters"
CLEAR_SELECTION = "clear-selection"
COMPARE_ADD = "compare-add"
COMPARE_GRID = "compare-grid"
COMPARE_PICKER = "compare-picker"
COMPARE_TABLE = "compare-table"
COVERAGE = "coverage"
LANGUAGE_SWITCH = "language-switch"  # the header's English / हिन्दी links (assets/odop.js keeps the page's view in them)
DATA_BANNER = "data-banner"
DISTRICT_PICKER = "district-picker"
DOWNLOAD_PNG = "download-png"
EMPTY_RESULT = "empty-result"
FACILITY_KIND = "facility-kind"
FILTERS = "filters"
FILTERS_COLLAPSE = "filters-collapse"
FILTERS_TOGGLE = "filters-toggle"
GAPS = "gaps"
CLUSTERS = "clusters-table"
CLUSTERS_NOTE = "clusters-note"
GAPS_SUMMARY = "gaps-summary"
GEOMETRY_LINK = "odop-geometry"  # the page's preload of the map's TopoJSON, which assets/odop.js decodes
PAGE_HOOKS = "odopHooks"  # window.<this>: the functions of assets/odop.js that Dash's renderer hooks call
GI_ONLY = "gi-only"
GRID_LOADED = "grid-loaded"  # set by assets/lazy-grid.js once AG Grid has loaded: the products table's rows follow
LEGEND = "legend"
LEGEND_TITLE = "legend-title"
LIST = "list"
MAIN = "main"
MAP = "map"
MAP_CARD = "map-card"
MAP_DESCRIPTION = "map-description"
MAP_HEADING = "map-heading"
MAP_PREVIEW = "map-preview"
MAP_REGION = "map-region"
MAP_SOURCES = "map-sources"
MODE = "mode"
OPPORTUNITIES = "opportunities"
OPPORTUNITIES_NOTE = "opportunities-note"
PANEL = "panel"
PANEL_CLUSTERS = "panel-clusters"
PANEL_CODES = "panel-codes"
PANEL_CONNECTIVITY = "panel-connectivity"
PANEL_DISTRICT_NAME = "panel-district-name"
PANEL_EXPORTS = "panel-exports"
PANEL_FACILITIES = "panel-facilities"
PANEL_FACTSHEET = "panel-factsheet"
PANEL_OTHER_LISTS = "panel-other-lists"
PANEL_PEOPLE = "panel-people"
PANEL_PRODUCTS = "panel-products"
PANEL_REGION = "panel-region"
PANEL_SCHEMES = "panel-schemes"
PANEL_SIMILAR = "panel-similar"
PORT_KIND = "port-kind"
PRODUCT_NAMES = "product-names"
PRODUCT_NAMES_META = "odop-product-names"  # the page's meta tag naming the URL of the search box's suggestions
# The district pickers: each comes with the options of its value only; the whole list (its URL in the page's meta tag
# DISTRICT_OPTIONS_META-<language>) is given to a picker by assets/odop.js when the pointer or focus comes to it.
PICKERS = (DISTRICT_PICKER, COMPARE_PICKER)
DISTRICT_OPTIONS_META = "odop-district-options"
RESET = "reset"
SCHEMES = "schemes"
SEAPORT_KM = "seaport-km"
SEARCH = "search"
SECTORS = "sectors"
SHOW_ASPIRATIONAL = "show-aspirational"
SHOW_FACILITIES = "show-facilities"
SHOW_TRIBAL = "show-tribal"
SHOW_CLUSTERS = "show-clusters"
STAT_DISTRICTS = "stat-districts"
STAT_PRODUCTS = "stat-products"
STAT_SECTORS = "stat-sectors"
STAT_STATES = "stat-states"
STATE = "state"
SUMMARY = "summary"
TABLE = "table"
TABLE_NOTE = "table-note"
TABLES = "tables"
TABS = "tabs"
URL = "url"
URL_MESSAGE = "url-message"
VIEW = "view"

# Map traces, found by name (never by position).
DISTRICTS_TRACE = "districts"
STATES_TRACE = "state borders"
ASPIRATIONAL_TRACE = "aspirational districts"
TRIBAL_MAJORITY_TRACE = "tribal-majority"  # Plotly uses a uid in CSS selectors: letters and hyphens
TRIBAL_TRACE = "tribal-significant"
CLUSTERS_TRACE = "odop-clusters"
STATE_TRACE = "chosen-state"
LABELS_TRACE = "district-labels"
PARTNERS_TRACE = "cluster partner districts"
SELECTED_TRACE = "selected district"
PLACES_TRACE = "facilities, airports and seaports"

# The tables' tabs, in order; each has a button ``tab_id(key)`` and a panel ``tabpanel_id(key)``.
TAB_KEYS = ("products", "opportunities", "clusters", "compare", "gaps")

# CSV downloads: each has a ``dcc.Download`` (``download_id``) and a button (``download_button_id``).
DOWNLOADS = ("csv", "brief", "opportunities", "clusters", "compare")

# dcc's lazily loaded components on the first screen: their chunks load with the page's scripts
# (dashboard/web/bundles.py) and assets/odop.js renders each once before Dash renders the layout.
LAZY_COMPONENTS = ("Graph", "Dropdown")

# The keys of the map figure's ``layout.meta``, which the PNG export reads.
META_KEYS = ("district", "summary", "mode", "version", "coverage", "sources", "title", "selected", "footer",
             "symbols")

def tab_id(key: str) -> str:
    """The id of a tab's button."""
    return f"tab-{key}"


def tab_source_id(key: str) -> str:
    """The id of the store a tab's table is made from (the filters, or the view for the comparison), which
    ``assets/odop.js`` (gateTabs) fills only while the tab can show it."""
    return f"tab-{key}-source"


def tabpanel_id(key: str) -> str:
    """The id of a tab's panel."""
    return f"tabpanel-{key}"


def download_id(name: str) -> str:
    """The id of a download's ``dcc.Download``."""
    return f"download-{name}"


def download_button_id(name: str) -> str:
    """The id of a download's button."""
    return f"download-{name}-button"


def names() -> dict[str, object]:
    """Every shared name, by its constant's name (what ``assets/ids.js`` holds)."""
    return {key: value for key, value in globals().items() if key.isupper() and isinstance(value, (str, tuple))}


def javascript() -> str:
    """The text of ``assets/ids.js``: the same names for ``assets/odop.js``."""
    body = json.dumps(names(), indent=1, sort_keys=True)
    return ("// Written by `python -m dashboard.ids` from dashboard/ids.py: do not edit.\n"
            f"window.odopIds = {body};\n")


if __name__ == "__main__":
    from dashboard.settings import ASSETS_DIR

    (ASSETS_DIR / "ids.js").write_text(javascript(), encoding="utf-8")
    sys.exit(0)
