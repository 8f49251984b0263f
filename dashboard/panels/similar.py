"""Districts like this one: five districts with the most similar profile, each a link, with the reasons."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.panels.common import Section, empty, section
from dashboard.queries import DistrictDetail
from dashboard.text import t
from dashboard.view import BY_NAME


def panel(detail: DistrictDetail) -> html.Section:
    """The matches as links that open them, each with why it matches."""
    title = t("panel.similar.title")
    if not detail.similar:
        return section(title, html.Div(empty(t("panel.similar.none")), id=ids.PANEL_SIMILAR))
    key = BY_NAME["district_id"].url
    items = [html.Li([dcc.Link(f"{m.name}, {m.state}", href=f"?{key}={m.lgd_code}", className="similar-link"),
                      html.Div("; ".join(m.reasons), className="text-muted")], className="small mb-1")
             for m in detail.similar]
    return section(title, html.Div([html.Ol(items, className="ps-3 mb-1"),
                                    html.P(t("panel.similar.how"), className="small text-muted mb-0")],
                                   id=ids.PANEL_SIMILAR))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The similar districts' names (with their state where it is another), most similar first."""
    names = [m.name if m.state == detail.state else f"{m.name} ({m.state})" for m in detail.similar]
    return {"similar": ", ".join(names) or t("panel.similar.none")}


SECTION = Section("similar", panel, facts)
