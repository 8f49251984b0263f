"""The district's ODOP products: name, sector, GI flag, list and source."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from ..queries import DistrictDetail
from .common import empty, section, source_link

TITLE = "Products"


def panel(detail: DistrictDetail) -> html.Section:
    """Products of the district, or the honest empty state."""
    if detail.products.empty:
        return section(TITLE, empty("No ODOP product recorded for this district in the shipped lists."))
    items = html.Ul([html.Li([
        html.Span(p.product, className="fw-semibold product-name"), " ",
        dbc.Badge(p.sector, color="light", text_color="dark", className="me-1"),
        dbc.Badge("GI", color="warning", text_color="dark", className="me-1") if p.gi_tagged else None,
        html.Span(p.programme, className="small text-muted me-1"), source_link(p.source),
    ]) for p in detail.products.itertuples(index=False)], className="list-unstyled mb-0", id="panel-products")
    return section(TITLE, items)
