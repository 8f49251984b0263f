"""Scheme convergence: which schemes meet in the district, on which product, and why (rule, reasoning, source)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from ..queries import DistrictDetail
from .common import empty, section

TITLE = "Scheme convergence"


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def _chip(link, chip_id: str) -> list:
    """A scheme as a link chip; hovering or focusing it shows the basis, the reasoning and the source."""
    ours = link.rule_kind == "our rule"
    label = [link.scheme.split(" (")[0], html.Sup(" our rule", className="ms-1") if ours else None]
    basis = (f"Applies because: {link.basis} ({link.rule_kind}). {link.reasoning} "
             f"Source: {_host(link.source)}." + (f" Status: {link.status}." if link.status else ""))
    return [html.A(label, href=link.url, target="_blank", rel="noopener", id=chip_id, title=basis,
                   className="badge rounded-pill scheme-chip" + (" scheme-chip-ours" if ours else ""),
                   **{"aria-label": f"{link.scheme}: {basis}"}),
            dbc.Tooltip(basis, target=chip_id, placement="left")]


def _chips(links: pd.DataFrame, prefix: str) -> html.Div:
    children = []
    for index, link in enumerate(links.itertuples(index=False)):
        children += _chip(link, f"{prefix}-{index}")
    return html.Div(children, className="scheme-chips")


def _product_row(detail: DistrictDetail, product, links: pd.DataFrame, index: int) -> html.Li:
    mine = links[links["product"] == product.product]
    ministry = f" · responsible: {product.ministry}" if product.ministry else ""
    return html.Li([html.Div([html.Span(product.product, className="fw-semibold"),
                              html.Span(ministry, className="small text-muted")]),
                    _chips(mine, f"scheme-{detail.district_id}-{index}") if not mine.empty
                    else empty("No product scheme linked by our rules.")], className="mb-2")


def panel(detail: DistrictDetail) -> html.Section:
    """Per product: the schemes that can apply (chips, basis on hover/focus) and its ministry; then district-wide."""
    links = detail.schemes
    district_wide = links[links["product"] == ""].drop_duplicates("scheme_id")
    products = html.Ul([_product_row(detail, p, links, i) for i, p in
                        enumerate(detail.products.drop_duplicates("product").itertuples(index=False))],
                       className="list-unstyled mb-1") if not detail.products.empty else \
        empty("No product recorded in this list, so no product scheme link.")
    wide = html.Div([html.Div("District-wide" + (" (an Aspirational District)" if detail.aspirational else ""),
                              className="small fw-semibold"),
                     _chips(district_wide, f"scheme-{detail.district_id}-district")]) if not district_wide.empty \
        else None
    count = links["scheme_id"].nunique()
    note = html.P(f"{count} schemes can apply here. \"Can apply\" by the rule shown on each scheme, not \"funded\"; "
                  "\"our rule\" marks rules that are our reading of the guidelines (hover or focus a scheme).",
                  className="small text-muted mb-0")
    return section(TITLE, html.Div([products, wide, note], id="panel-schemes"))
