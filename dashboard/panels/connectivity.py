"""Nearest cargo seaport, major port, airport, inland container depot or freight station, and railway station:
straight-line km to the district itself ("in the district" when the place lies inside it)."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, section
from dashboard.queries import DistrictDetail
from dashboard.queries.investor import Connectivity, Place
from dashboard.text import t

FAR_KM = 300  # beyond this, "nearest" says little (islands, remote districts): say so
KINDS = ("seaport", "major_port", "airport", "depot", "station")  # Connectivity's fields; labels are fact.<kind>


def place_text(place: Place | None, kind: str, links: Connectivity) -> str:
    """"Paradip (INPPT), in the district" / "Baleshwar, 576 km" / "no railway"."""
    if place is None:
        return t("panel.connectivity.no_railway") if kind == "station" and "no railway" in links.note else \
            t("panel.none_recorded")
    name = f"{place.name} ({place.code})" if place.code else place.name
    where = t("panel.connectivity.inside") if place.inside else t("panel.connectivity.km", km=place.km)
    return f"{name}, {where}" + (t("panel.connectivity.approximate") if kind == "depot" else "")


def _line(kind: str, links: Connectivity) -> html.Li:
    place = getattr(links, kind)
    far = t("panel.connectivity.far") if place is not None and place.km > FAR_KM else ""
    return html.Li([html.Span(f"{t(f'panel.connectivity.{kind}')}: ", className="fw-semibold"),
                    place_text(place, kind, links) + far], className="small")


def panel(detail: DistrictDetail) -> html.Section:
    """The nearest places with codes and km, labelled as straight-line distances to the district."""
    title = t("panel.connectivity.title")
    links = detail.connectivity
    if links is None:
        return section(title, empty(t("panel.connectivity.none")))
    return section(title, html.Div([
        html.Ul([_line(kind, links) for kind in KINDS], className="list-unstyled mb-1"),
        html.P(t("panel.connectivity.note"), className="small text-muted mb-0"),
    ], id=ids.PANEL_CONNECTIVITY))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The nearest seaport, major port, airport, ICD/CFS and railway station with km."""
    links = detail.connectivity
    return {kind: place_text(getattr(links, kind), kind, links) if links else "" for kind in KINDS}


SECTION = Section("connectivity", panel, facts)
