"""The district's export profile (DGCI&S FY2024-25): total, top sectors, and where its ODOP sectors stand."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.panels.common import Section, empty, section
from dashboard.queries import DistrictDetail, Parent
from dashboard.queries.investor import usd_text
from dashboard.text import t
from dashboard.view import BY_NAME


def panel(detail: DistrictDetail) -> html.Section:
    """Total exports (USD and ₹ crore), the top five export sectors with shares, and the ODOP products' standing."""
    title = t("panel.exports.title")
    profile = detail.exports
    caveat = html.P(t("panel.exports.caveat"), className="small text-muted mb-0")
    if profile is None:
        body = [_under_parent(parent) for parent in detail.parents] or [empty(t("panel.exports.none"))]
        return section(title, html.Div(body + [caveat], id=ids.PANEL_EXPORTS))
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


def _parent_amount(parent: Parent) -> str:
    return usd_text(parent.exports_usd) if parent.exports_usd else t("fact.no_exports")


def _under_parent(parent: Parent) -> html.P:
    """A district created since 2011: its exports are recorded under the district it was carved out of."""
    return html.P([t("panel.exports.under_parent", parent=parent.name, amount=_parent_amount(parent)), " ",
                   dcc.Link(t("panel.exports.open_parent", parent=parent.name), href=f"?{BY_NAME['district_id'].url}={parent.lgd_code}")],
                  className="small mb-1 exports-parent")


def facts(detail: DistrictDetail) -> dict[str, str]:
    """Total exports and the top export sector (or the parent district's, for a district created since 2011)."""
    exports = detail.exports
    if exports:
        return {"exports": t("fact.exports_value", amount=usd_text(exports.total_usd),
                             top=exports.top.iloc[0]["label"])}
    under = [t("fact.exports_parent", parent=p.name, amount=_parent_amount(p)) for p in detail.parents]
    return {"exports": "; ".join(under) or t("fact.no_exports")}


SECTION = Section("exports", panel, facts)
