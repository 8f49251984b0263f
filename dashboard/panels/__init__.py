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
from dashboard.text import DEFAULT_LANGUAGE, language, t


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
    heading = [*_name_lines(detail), _code_line(detail)]
    if detail.has_lgd:
        heading.append(html.A(t("panel.factsheet"), id=ids.PANEL_FACTSHEET, target="_blank",
                              href=f"{factsheet_path(detail)}?{urlencode(_sheet_query(detail))}",
                              className="small d-inline-block mt-1"))
    return heading + [section.panel(detail) for section in SECTIONS if section.panel]


def _code_line(detail: DistrictDetail) -> html.Div | None:
    """"LGD code 187 · Census 2011 code 197" (or that the district was created since 2011)."""
    codes = _codes(detail)
    if not detail.lgd_code and not detail.census2011_code:
        return None
    return html.Div(t("panel.codes", lgd=codes["lgd_code"], census=codes["census2011_code"]),
                    className="text-muted small", id=ids.PANEL_CODES)


def _name_lines(detail: DistrictDetail) -> list:
    """The district's name and state: in Hindi, LGD's own Hindi name with the English one under it; a name only a
    third party translated is given as such, never as the heading."""
    hindi = language() == "hi"
    own = hindi and detail.hindi_name
    lines = [html.H3(own or detail.name, className="h5 mb-0", id=ids.PANEL_DISTRICT_NAME)]
    if own:
        lines.append(html.Div(detail.name, lang="en", className="small"))
    elif hindi and detail.hindi_translation:
        lines.append(html.Div(t("panel.hindi_translated", name=detail.hindi_translation), className="small"))
    state = (detail.state_hindi if hindi and detail.state_hindi else detail.state) or t("panel.not_lgd")
    return lines + [html.Div(state, className="text-muted small")]


def _sheet_query(detail: DistrictDetail) -> dict[str, str]:
    """The fact sheet link's query: the list, and the language when it is not the default."""
    return {"list": detail.list_id, **({"lang": language()} if language() != DEFAULT_LANGUAGE else {})}


def factsheet_path(detail: DistrictDetail) -> str:
    """The fact sheet's address: by LGD code where the district has one."""
    return f"/factsheet/lgd/{detail.lgd_code}" if detail.lgd_code else f"/factsheet/{detail.district_id}"


def district_facts(detail: DistrictDetail) -> dict[str, str]:
    """Every section's facts of one district, in section order (fact key -> text)."""
    return {key: value for section in SECTIONS for key, value in section.facts(detail).items()}
