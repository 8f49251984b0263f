"""Clusters the district is part of: the derived multi-district clusters (with partner links) and the recorded,
sourced clusters, and which of its products no adjacent district shares."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.panels.common import Section, empty, joined, section, source_link
from dashboard.queries import Belt, DistrictDetail
from dashboard.text import t
from dashboard.view import BY_NAME


def _belt(belt: Belt) -> html.Li:
    key = BY_NAME["district_id"].url
    links = [dcc.Link(name, href=f"?{key}={code}", className="partner-link") for name, code in belt.partners]
    partners = [item for i, link in enumerate(links) for item in ((", ",) if i else ()) + (link,)]
    return html.Li([html.Span(t("panel.clusters.part_of", name=belt.name), className="fw-semibold"),
                    html.Div([t("panel.clusters.partners"), " ", *partners], className="small partner-list"),
                    html.Div(belt.rule, className="small text-muted")], className="mb-1")


def _recorded(detail: DistrictDetail) -> list:
    derived = {belt.cluster_id: belt.name for belt in detail.belts}
    return [html.Li([
        html.Span(c.cluster_name, className="fw-semibold"), f" · {c.product} · {c.cluster_type} ",
        html.Div(t("panel.clusters.also_in", partners=c.partners), className="small partner-list")
        if c.partners else None,
        html.Div(t("panel.clusters.overlaps", names=", ".join(derived.get(i, i) for i in c.derived.split(";"))),
                 className="small") if c.derived else None,
        source_link(c.source),
    ]) for c in detail.clusters.itertuples(index=False)]


def panel(detail: DistrictDetail) -> html.Section:
    """Derived clusters with their partner districts as links, single-district products, recorded clusters."""
    title = t("panel.clusters.title")
    body = []
    if detail.belts:
        body += [html.Ul([_belt(belt) for belt in detail.belts], className="list-unstyled mb-1"),
                 html.P(t("panel.clusters.derived_note"), className="small text-muted mb-1")]
    if detail.single_products:
        body.append(html.P(t("panel.clusters.single", products=", ".join(detail.single_products)),
                           className="small mb-1"))
    if not detail.clusters.empty:
        body += [html.Div(t("panel.clusters.recorded"), className="small fw-semibold"),
                 html.Ul(_recorded(detail), className="list-unstyled mb-0")]
    return section(title, html.Div(body or [empty(t("panel.clusters.none"))], id=ids.PANEL_CLUSTERS))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The derived clusters (with partners) and the recorded cluster names."""
    belts = [f"{belt.name} ({', '.join(name for name, _ in belt.partners)})" for belt in detail.belts]
    return {"clusters": joined([*belts, *detail.clusters["cluster_name"]])}


SECTION = Section("clusters", panel, facts)
