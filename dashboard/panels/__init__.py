"""District panels: one module per section, each a pure function from a district's detail to components.

To add a panel: write a module with ``TITLE`` and ``panel(detail)``, and list it in ``SECTIONS``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from ..queries import DistrictDetail
from . import clusters, connectivity, exports, infrastructure, products, schemes

SECTIONS = (products, exports, connectivity, clusters, infrastructure, schemes)
HINT = ("Click a district on the map to see its products, clusters, infrastructure and the schemes that converge "
        "there.")


def district_panel(detail: DistrictDetail | None) -> list:
    """The heading and every section for one district, or the hint when none is selected."""
    if detail is None:
        return [html.P(HINT, className="text-muted")]
    heading = [html.H3(detail.name, className="h5 mb-0", id="panel-district-name"),
               html.Div(detail.state or "Not an LGD district", className="text-muted small")]
    if detail.has_lgd:
        heading.append(html.A("Fact sheet (print or save as PDF)", id="panel-factsheet", target="_blank",
                              href=f"/factsheet/{detail.district_id}?{urlencode({'list': detail.list_id})}",
                              className="small d-inline-block mt-1"))
    return heading + [module.panel(detail) for module in SECTIONS]
