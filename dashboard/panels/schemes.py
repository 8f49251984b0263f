"""Scheme convergence: which schemes can apply to the district's products, by documented rule."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from ..queries import DistrictDetail
from .common import empty, section

TITLE = "Scheme convergence"


def _district_wide(detail: DistrictDetail) -> html.Div:
    everywhere = [html.Li(html.A(s.name, href=s.url, target="_blank", rel="noopener", title=s.source))
                  for s in detail.district_wide_schemes.itertuples(index=False)]
    return html.Div([empty("No product recorded, so no product-specific scheme link."),
                     html.Div("Applies in every district:", className="small") if everywhere else None,
                     html.Ul(everywhere, className="small mb-0") if everywhere else None])


def panel(detail: DistrictDetail) -> html.Section:
    """Scheme x product matrix (a row per scheme, linking to its public page; the rule on hover)."""
    links = detail.schemes
    if links.empty:
        return section(TITLE, _district_wide(detail))
    schemes = links.drop_duplicates("scheme_id")
    products = list(links["product"].unique())
    present = set(zip(links["scheme_id"], links["product"]))
    header = html.Tr([html.Th("Scheme (can apply)")] + [html.Th(p, className="small") for p in products])
    body = [html.Tr([html.Td(html.A(s.scheme, href=s.url, target="_blank", rel="noopener", title=f"Rule: {s.rule}"))]
                    + [html.Td("✓" if (s.scheme_id, p) in present else "", className="text-center") for p in products])
            for s in schemes.itertuples(index=False)]
    table = dbc.Table([html.Thead(header), html.Tbody(body)], size="sm", bordered=True, responsive=True,
                      className="scheme-matrix mb-0", id="panel-schemes")
    return section(TITLE, table)
