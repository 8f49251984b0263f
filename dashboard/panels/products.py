"""The district's ODOP products in the chosen list: sector, category, GI status, description, ministry, source."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, joined, section, source_link
from dashboard.queries import DistrictDetail
from dashboard.text import t

def gi_statement(status: str, registry_names: list[str], short: bool = False) -> str:
    """One statement of a product's GI standing: the national list's GI status and, labelled apart, a registered
    GI whose name matches (a name match, not an official mapping); ``short`` for the fact sheet."""
    form = "short_" if short else ""
    listed = t(f"panel.products.gi_{form}{status if status in ('yes', 'no') else 'unknown'}")
    matched = t(f"panel.products.gi_{form}registry", names="; ".join(registry_names)) if registry_names else ""
    return f"{listed} {matched}".strip()


def registry_names(product: str, links: pd.DataFrame) -> list[str]:
    """The registered GIs whose name matches the product's (with their goods class)."""
    matched = links[links["product"] == product]
    return [f"{r.gi_name} ({r.goods_class})" for r in matched.itertuples(index=False)]


def _placement(product) -> html.Div | None:
    """Where a row was listed under another name, or on a parent polygon, say so."""
    if product.match in ("alias", "parent") or product.listed_as != product.district:
        note = t("panel.products.listed_as", name=product.listed_as) + (
            f": {product.match_note}" if product.match_note else "")
        return html.Div(note, className="small text-muted placement-note")
    return None


def _gi(product, links) -> html.Div:
    return html.Div(gi_statement(product.gi_status, registry_names(product.product, links)),
                    className="small gi-statement")


def _source(product) -> html.Div:
    online = product.source.startswith("http")
    return html.Div([
        html.Span(t("panel.products.source") + ("" if online else f" {product.source}"),
                  className="small text-muted me-1"),
        source_link(product.source) if online else None,
        html.A(t("panel.products.photo"), href=product.photo_url, target="_blank", rel="noopener",
               className="small ms-2") if product.photo_url else None])


def _item(product, links) -> html.Li:
    details = [
        html.Div([html.Span(product.product, className="fw-semibold product-name"), " ",
                  dbc.Badge(product.sector, color="light", text_color="dark", className="me-1 sector-badge"),
                  dbc.Badge(product.category, color="light", text_color="dark", className="me-1",
                            title=t("panel.products.category_note")) if product.category else None,
                  dbc.Badge(t("panel.products.gi_badge"), color="warning", text_color="dark", className="me-1")
                  if product.gi_status == "yes" else None]),
        html.Details([html.Summary(t("panel.products.description"), className="small"),
                      html.P(product.description, className="small")],
                     className="product-description") if product.description else None,
        _gi(product, links),
        html.Div(t("panel.products.ministry", ministry=product.ministry), className="small")
        if product.ministry else None,
        _placement(product),
        _source(product),
    ]
    return html.Li(details, className="mb-2")


def _other_lists(others: pd.DataFrame) -> html.Div | None:
    if others.empty:
        return None
    listed = others.groupby("programme")["product"].apply(lambda p: ", ".join(p))
    return html.Div([html.Div(t("panel.products.other_lists"), className="small fw-semibold"),
                     html.Ul([html.Li(f"{programme}: {names}", className="small") for programme, names in
                              listed.items()], className="mb-0")], id=ids.PANEL_OTHER_LISTS)


def panel(detail: DistrictDetail) -> html.Section:
    """Products of the district in the chosen list, or the honest empty state, then the other lists' products."""
    if detail.products.empty:
        body = [empty(t("panel.products.none", list=detail.list_label))]
    else:
        categories = detail.products["category"].astype(bool).any()
        body = [html.Div(detail.list_label, className="small text-muted mb-1"),
                html.Ul([_item(p, detail.gi_links) for p in detail.products.itertuples(index=False)],
                        className="list-unstyled mb-0", id=ids.PANEL_PRODUCTS),
                html.P(t("panel.products.category_note"), className="small text-muted mb-1 category-note")
                if categories else None]
    return section(t("panel.products.title"), html.Div(body + [_other_lists(detail.other_lists)]))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The products of the list, their sectors and the GI-tagged ones."""
    products = detail.products
    return {"products": joined(products["product"]), "sectors": joined(products["sector"]),
            "gi": joined(products.loc[products["gi_status"] == "yes", "product"])}


SECTION = Section("products", panel, facts)
