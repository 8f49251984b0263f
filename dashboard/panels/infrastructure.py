"""Support infrastructure recorded in the district."""

from __future__ import annotations

from dash import html

from ..queries import DistrictDetail
from .common import empty, section, source_link

TITLE = "Infrastructure"


def panel(detail: DistrictDetail) -> html.Section:
    """Facilities (name, kind, source)."""
    if detail.facilities.empty:
        return section(TITLE, empty("No support infrastructure recorded yet for this district."))
    items = html.Ul([html.Li([html.Span(f.facility_name, className="fw-semibold"), f" · {f.kind} ",
                              source_link(f.source)])
                     for f in detail.facilities.itertuples(index=False)],
                    className="list-unstyled mb-0", id="panel-facilities")
    return section(TITLE, items)
