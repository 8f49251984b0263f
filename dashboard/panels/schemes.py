"""Scheme convergence: which schemes meet in the district, on which product, and why (rule, reasoning, source)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, joined, section
from dashboard.queries import DistrictDetail
from dashboard.text import t


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def _chip(link, chip_id: str) -> list:
    """A scheme as a link chip; hovering or focusing it shows the basis, the reasoning and the source."""
    ours = link.rule_kind == "our rule"
    label = [link.short_name, html.Sup(t("panel.schemes.ours"), className="ms-1") if ours else None]
    basis = t("panel.schemes.basis", basis=link.basis, kind=link.rule_kind, reasoning=link.reasoning,
              source=_host(link.source)) + (t("panel.schemes.status", status=link.status) if link.status else "")
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
    ministry = t("panel.schemes.responsible", ministry=product.ministry) if product.ministry else ""
    return html.Li([html.Div([html.Span(product.product, className="fw-semibold"),
                              html.Span(ministry, className="small text-muted")]),
                    _chips(mine, f"scheme-{detail.district_id}-{index}") if not mine.empty
                    else empty(t("panel.schemes.none_for_product"))], className="mb-2")


def panel(detail: DistrictDetail) -> html.Section:
    """Per product: the schemes that can apply (chips, basis on hover/focus) and its ministry; then district-wide."""
    links = detail.schemes
    district_wide = links[links["product"] == ""].drop_duplicates("scheme_id")
    products = html.Ul([_product_row(detail, p, links, i) for i, p in
                        enumerate(detail.products.drop_duplicates("product").itertuples(index=False))],
                       className="list-unstyled mb-1") if not detail.products.empty else \
        empty(t("panel.schemes.no_products"))
    wide = html.Div([html.Div(t("panel.schemes.district_wide") + (t("panel.schemes.aspirational")
                                                                   if detail.aspirational else ""),
                              className="small fw-semibold"),
                     _chips(district_wide, f"scheme-{detail.district_id}-district")]) if not district_wide.empty \
        else None
    note = html.P(t("panel.schemes.note", count=links["scheme_id"].nunique()), className="small text-muted mb-0")
    return section(t("panel.schemes.title"), html.Div([products, wide, note], id=ids.PANEL_SCHEMES))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """How many schemes can apply, and which."""
    schemes = detail.schemes.drop_duplicates("scheme_id")
    return {"schemes": f"{len(schemes)}: " + joined(schemes["short_name"]),
            "aspirational": t("fact.yes") if detail.aspirational else t("fact.no")}


SECTION = Section("schemes", panel, facts)
