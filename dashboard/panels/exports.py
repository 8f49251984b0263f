"""The district's export profile (DGCI&S FY2024-25): total, top sectors, and where its ODOP sectors stand."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, section
from dashboard.queries import DistrictDetail
from dashboard.queries.investor import usd_text
from dashboard.text import t


def panel(detail: DistrictDetail) -> html.Section:
    """Total exports (USD and ₹ crore), the top five export sectors with shares, and the ODOP products' standing."""
    title = t("panel.exports.title")
    profile = detail.exports
    caveat = html.P(t("panel.exports.caveat"), className="small text-muted mb-0")
    if profile is None:
        return section(title, html.Div([empty(t("panel.exports.none")), caveat], id=ids.PANEL_EXPORTS))
    rows = [html.Tr([html.Td(r.label), html.Td(usd_text(r.export_usd), className="text-end"),
                     html.Td(f"{r.share:.0%}", className="text-end")]) for r in profile.top.itertuples(index=False)]
    table = dbc.Table([html.Thead(html.Tr([html.Th(t("panel.exports.top")),
                                           html.Th(t("panel.exports.usd"), className="text-end"),
                                           html.Th(t("panel.exports.share"), className="text-end")])),
                       html.Tbody(rows)], size="sm", className="mb-1 export-table")
    standing = html.Ul([html.Li(line, className="small") for line in profile.odop_standing], className="mb-1")
    return section(title, html.Div([
        html.Div([html.Span(usd_text(profile.total_usd), className="fw-semibold"),
                  t("panel.exports.total", crore=profile.total_inr_crore)], className="small mb-1"),
        table, html.Div(t("panel.exports.standing"), className="small fw-semibold")
        if profile.odop_standing else None, standing, caveat], id=ids.PANEL_EXPORTS))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """Total exports and the top export sector."""
    exports = detail.exports
    return {"exports": t("fact.exports_value", amount=usd_text(exports.total_usd), top=exports.top.iloc[0]["label"])
            if exports else t("fact.no_exports")}


SECTION = Section("exports", panel, facts)
