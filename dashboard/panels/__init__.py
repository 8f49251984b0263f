"""District panels: the panel-section registry. Each section is one object (``Section``) that gives the district
panel its part and the comparison table and fact sheet their facts.

To add a section: write a module with ``SECTION = Section(key, panel, facts)``, list it in ``SECTIONS``, and add
its texts (``panel.<key>.*``, ``fact.<fact key>``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from dashboard import ids
from dashboard.panels import clusters, connectivity, exports, infrastructure, products, schemes
from dashboard.panels.common import Section
from dashboard.queries import DistrictDetail
from dashboard.text import t

DISTRICT = Section("district", None, lambda detail: {"state": detail.state})
SECTIONS: tuple[Section, ...] = (DISTRICT, products.SECTION, exports.SECTION, connectivity.SECTION,
                                 clusters.SECTION, infrastructure.SECTION, schemes.SECTION)


def district_panel(detail: DistrictDetail | None) -> list:
    """The heading and every section for one district, or the hint when none is selected."""
    if detail is None:
        return [html.P(t("panel.hint"), className="text-muted")]
    heading = [html.H3(detail.name, className="h5 mb-0", id=ids.PANEL_DISTRICT_NAME),
               html.Div(detail.state or t("panel.not_lgd"), className="text-muted small")]
    if detail.has_lgd:
        heading.append(html.A(t("panel.factsheet"), id=ids.PANEL_FACTSHEET, target="_blank",
                              href=f"/factsheet/{detail.district_id}?{urlencode({'list': detail.list_id})}",
                              className="small d-inline-block mt-1"))
    return heading + [section.panel(detail) for section in SECTIONS if section.panel]


def district_facts(detail: DistrictDetail) -> dict[str, str]:
    """Every section's facts of one district, in section order (fact key -> text)."""
    return {key: value for section in SECTIONS for key, value in section.facts(detail).items()}
