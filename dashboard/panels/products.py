"""The district's ODOP products in the chosen list: sector, category, GI status, description, ministry, source."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from ..queries import DistrictDetail
from .common import empty, section, source_link

TITLE = "Products"
GI_BADGES = {"yes": ("GI-tagged", "warning"), "no": ("no GI tag", "light"), "unknown": ("GI status not known", "light")}


def _gi_badge(status: str) -> dbc.Badge:
    label, color = GI_BADGES.get(status, GI_BADGES["unknown"])
    return dbc.Badge(label, color=color, text_color="dark", className="me-1")


def _placement(product) -> html.Div | None:
    """Where a row was listed under another name, or on a parent polygon, say so."""
    if product.match in ("alias", "parent") or product.listed_as != product.district:
        note = f"Listed as “{product.listed_as}”" + (f": {product.match_note}" if product.match_note else "")
        return html.Div(note, className="small text-muted placement-note")
    return None


def _gi_registry(product, links) -> html.Div | None:
    """Registered GIs whose name matches the product's (a name match, not an official mapping)."""
    matched = links[links["product"] == product.product]
    if matched.empty:
        return None
    return html.Div([html.Span("Registered GI (matched by name): ", className="fw-semibold"),
                     "; ".join(f"{r.gi_name} ({r.goods_class})" for r in matched.itertuples(index=False))],
                    className="small gi-registry", title=" | ".join(matched["basis"]))


def _item(product, links) -> html.Li:
    details = [
        html.Div([html.Span(product.product, className="fw-semibold product-name"), " ",
                  dbc.Badge(product.sector, color="light", text_color="dark", className="me-1 sector-badge"),
                  dbc.Badge(product.category, color="light", text_color="dark", className="me-1")
                  if product.category else None,
                  _gi_badge(product.gi_status)]),
        html.Details([html.Summary("Description", className="small"), html.P(product.description, className="small")],
                     className="product-description") if product.description else None,
        _gi_registry(product, links),
        html.Div(f"Ministry/department: {product.ministry}", className="small") if product.ministry else None,
        _placement(product),
        html.Div([html.Span(f"Source: {product.source}" if not product.source.startswith("http") else "Source: ",
                            className="small text-muted me-1"),
                  source_link(product.source) if product.source.startswith("http") else None,
                  html.A("photo (online)", href=product.photo_url, target="_blank", rel="noopener",
                         className="small ms-2") if product.photo_url else None]),
    ]
    return html.Li(details, className="mb-2")


def _other_lists(others: pd.DataFrame) -> html.Div | None:
    if others.empty:
        return None
    listed = others.groupby("programme")["product"].apply(lambda p: ", ".join(p))
    return html.Div([html.Div("Also on other lists:", className="small fw-semibold"),
                     html.Ul([html.Li(f"{programme}: {names}", className="small") for programme, names in
                              listed.items()], className="mb-0")], id="panel-other-lists")


def panel(detail: DistrictDetail) -> html.Section:
    """Products of the district in the chosen list, or the honest empty state, then the other lists' products."""
    if detail.products.empty:
        body = [empty(f"No product recorded for this district in the {detail.list_label}.")]
    else:
        body = [html.Div(detail.list_label, className="small text-muted mb-1"),
                html.Ul([_item(p, detail.gi_links) for p in detail.products.itertuples(index=False)],
                        className="list-unstyled mb-0",
                        id="panel-products")]
    return section(TITLE, html.Div(body + [_other_lists(detail.other_lists)]))
