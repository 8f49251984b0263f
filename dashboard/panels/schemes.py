"""Scheme convergence: which schemes meet in the district, on which product, and why (rule, reasoning, source)."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, joined, section
from dashboard.queries import DistrictDetail
from dashboard.text import t


def host(url: str) -> str:
    """The site of a web address ("pib.gov.in")."""
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def _link(url: str, label: str) -> html.A | html.Span:
    if not url.startswith(("http://", "https://")):
        return html.Span(url)
    return html.A(label, href=url, target="_blank", rel="noopener")


def _scheme(link) -> html.Details:
    """A scheme as an expandable row (tap, click, Enter or Space): why it applies, its status, its official page,
    the source of the rule and who else reported it."""
    ours = link.rule_kind == "our rule"
    summary = [link.short_name, html.Span(t("panel.schemes.ours"), className="scheme-ours ms-1") if ours else None]
    also = [s for s in str(getattr(link, "also_reported_by", "") or "").split(";") if s.strip()]
    sources = [t("panel.schemes.source"), " ", _link(link.source, host(link.source))]
    for url in also:
        sources += [" · ", t("panel.schemes.also"), " ", _link(url.strip(), host(url.strip()))]
    return html.Details([
        html.Summary(summary, className="scheme-summary"),
        html.Div([
            html.P(t("panel.schemes.basis", basis=link.basis, kind=link.rule_kind, reasoning=link.reasoning),
                   className="mb-1"),
            html.P(t("panel.schemes.status", status=link.status), className="mb-1") if link.status else None,
            html.P([_link(link.url, t("panel.schemes.official_page", host=host(link.url))), " · ", *sources],
                   className="mb-0 scheme-sources"),
        ], className="small scheme-body")], className="scheme-row" + (" scheme-row-ours" if ours else ""))


def _rows(links: pd.DataFrame) -> html.Div:
    return html.Div([_scheme(link) for link in links.itertuples(index=False)], className="scheme-rows")


def _product_row(product, links: pd.DataFrame) -> html.Li:
    mine = links[links["product"] == product.product]
    ministry = t("panel.schemes.responsible", ministry=product.ministry) if product.ministry else ""
    return html.Li([html.Div([html.Span(product.product, className="fw-semibold"),
                              html.Span(ministry, className="small text-muted")]),
                    _rows(mine) if not mine.empty
                    else empty(t("panel.schemes.none_for_product"))], className="mb-2")


def panel(detail: DistrictDetail) -> html.Section:
    """Per product: the schemes that can apply (rows that open to say why) and its ministry; then district-wide."""
    links = detail.schemes
    district_wide = links[links["product"] == ""].drop_duplicates("scheme_id")
    products = html.Ul([_product_row(p, links) for p in
                        detail.products.drop_duplicates("product").itertuples(index=False)],
                       className="list-unstyled mb-1") if not detail.products.empty else \
        empty(t("panel.schemes.no_products"))
    wide = html.Div([html.Div(t("panel.schemes.district_wide") + (t("panel.schemes.aspirational")
                                                                   if detail.aspirational else ""),
                              className="small fw-semibold"),
                     _rows(district_wide)]) if not district_wide.empty \
        else None
    note = html.P(t("panel.schemes.note", count=links["scheme_id"].nunique()), className="small text-muted mb-0")
    return section(t("panel.schemes.title"), html.Div([products, wide, note], id=ids.PANEL_SCHEMES))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """How many schemes can apply, and which."""
    schemes = detail.schemes.drop_duplicates("scheme_id")
    return {"schemes": f"{len(schemes)}: " + joined(schemes["short_name"]),
            "aspirational": t("fact.yes") if detail.aspirational else t("fact.no")}


SECTION = Section("schemes", panel, facts)
