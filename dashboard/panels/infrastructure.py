"""Support infrastructure in or near the district: PM MITRA parks and Mega Food Parks, with sourced status."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.panels.common import Section, empty, joined, section, source_link
from dashboard.queries import DistrictDetail
from dashboard.queries.investor import NEAR_KM
from dashboard.text import t


def _item(facility) -> html.Li:
    where = t("panel.infrastructure.inside") if facility.inside else t("panel.infrastructure.away", km=facility.km)
    status = t("panel.infrastructure.status", status=facility.status) + (
        f" ({facility.status_date})" if facility.status_date else "") if facility.status else ""
    return html.Li([html.Span(facility.facility_name, className="fw-semibold"), f" · {facility.kind} · {where}{status} ",
                    source_link(facility.source),
                    html.Div(facility.location_method, className="small text-muted") if facility.location_method
                    else None], className="mb-1")


def panel(detail: DistrictDetail) -> html.Section:
    """Facilities in the district and placed ones within ``NEAR_KM`` km (name, kind, distance, status, source)."""
    title = t("panel.infrastructure.title")
    if detail.facilities.empty:
        return section(title, empty(t("panel.infrastructure.none", km=NEAR_KM)))
    items = html.Ul([_item(f) for f in detail.facilities.itertuples(index=False)], className="list-unstyled mb-0",
                    id=ids.PANEL_FACILITIES)
    return section(title, items)


def facts(detail: DistrictDetail) -> dict[str, str]:
    """The parks in or near the district, with their distance."""
    return {"parks": joined(f"{f.facility_name} ({t('fact.in') if f.inside else t('fact.km', km=f.km)})"
                            for f in detail.facilities.itertuples(index=False))}


SECTION = Section("infrastructure", panel, facts)
