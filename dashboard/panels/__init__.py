"""District panels: the panel-section registry. Each section is one object (``Section``) that gives the district
panel its part and the comparison table and fact sheet their facts.

To add a section: write a module with ``SECTION = Section(key, panel, facts)``, list it in ``SECTIONS``, and add
its texts (``panel.<key>.*``, ``fact.<fact key>``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from dashboard import ids
from dashboard.panels import clusters, connectivity, exports, infrastructure, people, products, schemes, similar
from dashboard.panels.common import Section
from dashboard.queries import DistrictDetail
from dashboard.text import t


def _codes(detail: DistrictDetail) -> dict[str, str]:
    return {"state": detail.state, "lgd_code": detail.lgd_code or t("fact.none"),
            "census2011_code": detail.census2011_code or (t("fact.created", year=detail.created or "?")
                                                          if detail.parents or detail.created else t("fact.none"))}


DISTRICT = Section("district", None, _codes)
SECTIONS: tuple[Section, ...] = (DISTRICT, products.SECTION, exports.SECTION, connectivity.SECTION,
                                 people.SECTION, clusters.SECTION, infrastructure.SECTION, schemes.SECTION,
                                 similar.SECTION)


def district_panel(detail: DistrictDetail | None) -> list:
    """The heading and every section for one district, or the hint when none is selected."""
    if detail is None:
        return [html.P(t("panel.hint"), className="text-muted")]
    heading = [html.H3(detail.name, className="h5 mb-0", id=ids.PANEL_DISTRICT_NAME),
               html.Div(detail.state or t("panel.not_lgd"), className="text-muted small"), _code_line(detail)]
    if detail.has_lgd:
        heading.append(html.A(t("panel.factsheet"), id=ids.PANEL_FACTSHEET, target="_blank",
                              href=f"{factsheet_path(detail)}?{urlencode({'list': detail.list_id})}",
                              className="small d-inline-block mt-1"))
    return heading + [section.panel(detail) for section in SECTIONS if section.panel]


def _code_line(detail: DistrictDetail) -> html.Div | None:
    """"LGD code 187 · Census 2011 code 197" (or that the district was created since 2011)."""
    codes = _codes(detail)
    if not detail.lgd_code and not detail.census2011_code:
        return None
    return html.Div(t("panel.codes", lgd=codes["lgd_code"], census=codes["census2011_code"]),
                    className="text-muted small", id=ids.PANEL_CODES)


def factsheet_path(detail: DistrictDetail) -> str:
    """The fact sheet's address: by LGD code where the district has one."""
    return f"/factsheet/lgd/{detail.lgd_code}" if detail.lgd_code else f"/factsheet/{detail.district_id}"


def district_facts(detail: DistrictDetail) -> dict[str, str]:
    """Every section's facts of one district, in section order (fact key -> text)."""
    return {key: value for section in SECTIONS for key, value in section.facts(detail).items()}
