"""Clusters the district belongs to, with their partner districts."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, joined, section, source_link
from dashboard.queries import DistrictDetail
from dashboard.text import t


def panel(detail: DistrictDetail) -> html.Section:
    """Clusters (name, product, type, partner districts, source)."""
    title = t("panel.clusters.title")
    if detail.clusters.empty:
        return section(title, empty(t("panel.clusters.none")))
    items = html.Ul([html.Li([
        html.Span(c.cluster_name, className="fw-semibold"), f" · {c.product} · {c.cluster_type} ",
        html.Div(t("panel.clusters.also_in", partners=c.partners), className="small partner-list")
        if c.partners else None,
        source_link(c.source),
    ]) for c in detail.clusters.itertuples(index=False)], className="list-unstyled mb-0", id=ids.PANEL_CLUSTERS)
    return section(title, items)


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The cluster names."""
    return {"clusters": joined(detail.clusters["cluster_name"])}


SECTION = Section("clusters", panel, facts)
