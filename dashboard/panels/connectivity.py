"""Nearest airport, seaport and railway station (straight-line distances from a point inside the district)."""

from __future__ import annotations

from dash import html

from ..queries import DistrictDetail
from .common import empty, section

TITLE = "Connectivity"
FAR_KM = 300  # beyond this, "nearest" says little (islands, remote districts): say so


def _line(kind: str, place: tuple[str, str, float]) -> html.Li:
    name, code, km = place
    far = " (none close by)" if km > FAR_KM else ""
    return html.Li([html.Span(f"{kind}: ", className="fw-semibold"), f"{name} ({code}), {km:,.0f} km{far}"],
                   className="small")


def panel(detail: DistrictDetail) -> html.Section:
    """The three nearest places with codes and km, labelled as straight-line distances."""
    links = detail.connectivity
    if links is None:
        return section(TITLE, empty("No connectivity computed for this area."))
    return section(TITLE, html.Div([
        html.Ul([_line("Airport", links.airport), _line("Seaport", links.seaport),
                 _line("Railway station (2016 list)", links.station)], className="list-unstyled mb-1"),
        html.P("Straight-line distances from a point inside the district, not road or rail distances. Airports with "
               "an IATA code (airportsdata), seaports with a UN/LOCODE (searoute), stations from datameet (CC0).",
               className="small text-muted mb-0"),
    ], id="panel-connectivity"))
