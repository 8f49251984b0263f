"""Clusters the district belongs to, with their partner districts."""

from __future__ import annotations

from dash import html

from ..queries import DistrictDetail
from .common import empty, section, source_link

TITLE = "Clusters"


def panel(detail: DistrictDetail) -> html.Section:
    """Clusters (name, product, type, partner districts, source)."""
    if detail.clusters.empty:
        return section(TITLE, empty("No cluster recorded yet for this district."))
    items = html.Ul([html.Li([
        html.Span(c.cluster_name, className="fw-semibold"), f" · {c.product} · {c.cluster_type} ",
        html.Div(f"Also in: {c.partners}", className="small partner-list") if c.partners else None,
        source_link(c.source),
    ]) for c in detail.clusters.itertuples(index=False)], className="list-unstyled mb-0", id="panel-clusters")
    return section(TITLE, items)
