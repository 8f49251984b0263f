"""The district's export profile (DGCI&S FY2024-25): total, top sectors, and where its ODOP sectors stand."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from ..investor import CAVEAT, usd_text
from ..queries import DistrictDetail
from .common import empty, section

TITLE = "Export profile"


def panel(detail: DistrictDetail) -> html.Section:
    """Total exports (USD and ₹ crore), the top five export sectors with shares, and the ODOP products' standing."""
    profile = detail.exports
    caveat = html.P(CAVEAT, className="small text-muted mb-0")
    if profile is None:
        return section(TITLE, html.Div([empty("No recorded exports in the DGCI&S FY2024-25 data (not the same as "
                                              "zero: the district may export through exporters registered "
                                              "elsewhere)."), caveat], id="panel-exports"))
    rows = [html.Tr([html.Td(r.label), html.Td(usd_text(r.export_usd), className="text-end"),
                     html.Td(f"{r.share:.0%}", className="text-end")]) for r in profile.top.itertuples(index=False)]
    table = dbc.Table([html.Thead(html.Tr([html.Th("Top export sectors"), html.Th("USD", className="text-end"),
                                           html.Th("share", className="text-end")])), html.Tbody(rows)],
                      size="sm", className="mb-1 export-table")
    standing = html.Ul([html.Li(line, className="small") for line in profile.odop_standing], className="mb-1")
    return section(TITLE, html.Div([
        html.Div([html.Span(usd_text(profile.total_usd), className="fw-semibold"),
                  f" (₹{profile.total_inr_crore:,.0f} crore) exported in FY2024-25"], className="small mb-1"),
        table, html.Div("Where the ODOP products' export sectors stand:", className="small fw-semibold")
        if profile.odop_standing else None, standing, caveat], id="panel-exports"))
