"""Support infrastructure in or near the district: PM MITRA parks and Mega Food Parks, with sourced status."""

from __future__ import annotations

from dash import html

from ..investor import NEAR_KM
from ..queries import DistrictDetail
from .common import empty, section, source_link

TITLE = "Infrastructure"


def _item(facility) -> html.Li:
    where = "in the district" if facility.inside else f"{facility.km:,.0f} km away"
    status = f" · status: {facility.status}" + (f" ({facility.status_date})" if facility.status_date else "") \
        if facility.status else ""
    return html.Li([html.Span(facility.facility_name, className="fw-semibold"), f" · {facility.kind} · {where}{status} ",
                    source_link(facility.source),
                    html.Div(facility.location_method, className="small text-muted") if facility.location_method
                    else None], className="mb-1")


def panel(detail: DistrictDetail) -> html.Section:
    """Facilities in the district and placed ones within ``NEAR_KM`` km (name, kind, distance, status, source)."""
    if detail.facilities.empty:
        return section(TITLE, empty(f"No support infrastructure recorded in or within {NEAR_KM} km of this district."))
    items = html.Ul([_item(f) for f in detail.facilities.itertuples(index=False)], className="list-unstyled mb-0",
                    id="panel-facilities")
    return section(TITLE, items)
