"""Nearest airport, seaport and railway station (straight-line distances from a point inside the district)."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, section
from dashboard.queries import DistrictDetail
from dashboard.text import t

FAR_KM = 300  # beyond this, "nearest" says little (islands, remote districts): say so
KINDS = ("airport", "seaport", "station")  # Connectivity's fields; labels are fact.<kind>


def _place(place: tuple[str, str, float]) -> str:
    name, code, km = place
    return t("panel.connectivity.place", name=name, code=code, km=km)


def _line(kind: str, place: tuple[str, str, float]) -> html.Li:
    far = t("panel.connectivity.far") if place[2] > FAR_KM else ""
    return html.Li([html.Span(f"{t(f'panel.connectivity.{kind}')}: ", className="fw-semibold"), _place(place) + far],
                   className="small")


def panel(detail: DistrictDetail) -> html.Section:
    """The three nearest places with codes and km, labelled as straight-line distances."""
    title = t("panel.connectivity.title")
    links = detail.connectivity
    if links is None:
        return section(title, empty(t("panel.connectivity.none")))
    return section(title, html.Div([
        html.Ul([_line(kind, getattr(links, kind)) for kind in KINDS], className="list-unstyled mb-1"),
        html.P(t("panel.connectivity.note"), className="small text-muted mb-0"),
    ], id=ids.PANEL_CONNECTIVITY))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The nearest airport, seaport and railway station with km."""
    links = detail.connectivity
    return {kind: _place(getattr(links, kind)) if links else "" for kind in KINDS}


SECTION = Section("connectivity", panel, facts)
