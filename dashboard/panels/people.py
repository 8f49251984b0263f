"""People and work (Census 2011): population, Scheduled Tribes and Castes, literacy, and the workers in household
industry (the artisans, weavers and home-based processors ODOP is for), with the district's rank."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.panels.common import Section, empty, section
from dashboard.queries import DistrictDetail
from dashboard.queries.census import People
from dashboard.text import t
from dashboard.view import BY_NAME

ROWS = ("population", "household_industry", "scheduled_tribes", "scheduled_castes", "literacy", "farm_work")


def _rank(people: People, state: str) -> str:
    ranks = people.ranks
    return t("panel.people.rank", state_rank=ranks["hh_rank_state"], state_count=ranks["hh_state_count"],
             state=state, india_rank=ranks["hh_rank_india"], india_count=ranks["hh_india_count"]) if ranks else ""


def _values(people: People, state: str) -> dict[str, str]:
    """Each figure as the panel prints it."""
    f = people.figures
    return {
        "population": t("panel.people.population_value", value=f["population"]),
        "household_industry": t("panel.people.household_value", pct=f["household_industry_pct"],
                                workers=f["household_industry_workers"]) + _rank(people, state),
        "scheduled_tribes": t("panel.people.pct_population", pct=f["st_pct"]),
        "scheduled_castes": t("panel.people.pct_population", pct=f["sc_pct"]),
        "literacy": t("panel.people.literacy_value", pct=f["literacy_pct"]),
        "farm_work": t("panel.people.farm_value", cultivators=f["cultivators_pct"],
                       labourers=f["agricultural_labourers_pct"]),
    }


def basis_text(people: People | None, short: bool = False) -> str:
    """Whose figures these are: '' for the district's own, else the parent district's (``short``: in a few words)
    or why there are none."""
    if people is None or people.basis == "own":
        return "" if people else t("panel.people.no_row")
    if people.basis == "parent":
        return t("panel.people.as_part_of_short" if short else "panel.people.as_part_of", parent=people.parent_name)
    parents = t("describe.and").join(people.parents.split("; "))
    return t("panel.people.carved", parents=parents) if parents else t("panel.people.no_row")


def panel(detail: DistrictDetail) -> html.Section:
    """The figures as a list, whose they are, and the Census caveat."""
    title = t("panel.people.title")
    people = detail.people
    caveat = html.P(t("panel.people.caveat"), className="small text-muted mb-0")
    if people is None or not people.figures:
        return section(title, html.Div([empty(basis_text(people)), caveat], id=ids.PANEL_PEOPLE))
    basis = basis_text(people)
    parent_link = dcc.Link(t("panel.exports.open_parent", parent=people.parent_name),
                           href=f"?{BY_NAME['district_id'].url}={people.parent_lgd}") if people.parent_lgd else None
    values = _values(people, detail.state)
    return section(title, html.Div([
        html.P([basis, " ", parent_link], className="small mb-1 people-basis") if basis else None,
        html.Ul([html.Li([html.Span(f"{t(f'fact.{key}')}: ", className="fw-semibold"), values[key]],
                         className="small") for key in ROWS], className="list-unstyled mb-1"),
        caveat], id=ids.PANEL_PEOPLE))


def facts(detail: DistrictDetail) -> dict[str, str]:
    """Two lines for the comparison table and the fact sheet: the people (population, Scheduled Tribes and Castes,
    literacy) and household industry with its ranks, each saying whose figures they are if not the district's."""
    people = detail.people
    if people is None or not people.figures:
        return {"people": basis_text(people), "household_industry": ""}
    basis = basis_text(people, short=True)
    f = people.figures
    lines = {"people": t("fact.people_value", population=f["population"], tribes=f["st_pct"], castes=f["sc_pct"],
                         literacy=f["literacy_pct"]),
             "household_industry": t("fact.household_value", pct=f["household_industry_pct"]) + _rank(people,
                                                                                                   detail.state)}
    return {key: f"{value} ({basis})" if basis else value for key, value in lines.items()}


SECTION = Section("people", panel, facts)
