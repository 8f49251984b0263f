"""The queries behind the map, table and panels: pure functions of the atlas and a :class:`View`.

No Dash here, so callbacks stay thin and everything is testable directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.data.convergence import matches_for_list
from dashboard.data.vocabulary import FACILITY_KINDS, SECTORS
from dashboard.queries.census import People, people_of
from dashboard.queries.clusters import Belt, belts_of, derived_partners, single_district_products
from dashboard.queries.similar import Match, similar_districts
from dashboard.queries.investor import (
    PORT_KINDS,
    SEAPORT_DISTANCES,
    Connectivity,
    ExportProfile,
    connectivity,
    export_profile,
    exports_by_district,
    nearby_facilities,
    seaport_filter,
)
from dashboard.text import LANGUAGES, language, t
from dashboard.view import Choices, View


def choices_for(atlas: Atlas, modes: tuple[str, ...]) -> Choices:
    """The values each view field may take with this data and these colour modes (for validating links and
    control values)."""
    named = atlas.districts[atlas.districts["state_name"] != ""]
    values = {
        "states": tuple(sorted(s for s in atlas.districts["state_name"].unique() if s)),
        "lists": tuple(atlas.lists["programme"]),
        "sectors": SECTORS,
        "modes": modes,
        "facility_kinds": FACILITY_KINDS,
        "seaport_distances": SEAPORT_DISTANCES,
        "port_kinds": PORT_KINDS,
        "schemes": tuple(atlas.schemes["scheme_id"]),
        "districts": tuple(atlas.districts["district_id"]),
        "languages": LANGUAGES,
    }
    return Choices(values, district_states=dict(zip(named["district_id"], named["state_name"])),
                   district_names=dict(zip(atlas.districts["district_id"], atlas.districts["district_name"])),
                   lgd_codes=dict(zip(atlas.districts["district_id"], atlas.districts["lgd_code"])))


def facility_districts(atlas: Atlas, kind: str) -> set[str]:
    """Districts with at least one facility of ``kind``."""
    facilities = atlas.facilities
    return set(facilities.loc[facilities["kind"] == kind, "district_id"])


GAP_COLUMNS = ["district_id", "district", "state", "missing", "within_km", "nearest_km", "needed_by", "why"]
USEFUL_GAP_SHARE = 0.8  # above this share of districts flagged, the view says more about the records than the gaps


@dataclass(frozen=True)
class Gaps:
    """One row per district x facility kind it lacks within reach, and what the counts say."""

    rows: pd.DataFrame
    needing: int        # districts with a product that needs some facility
    flagged: int        # of those, districts lacking at least one
    recorded: dict      # facility kind -> facilities recorded

    @property
    def useful(self) -> bool:
        """Whether the flagged share is low enough to point at real gaps rather than thin records."""
        return self.needing > 0 and self.flagged / self.needing <= USEFUL_GAP_SHARE


def gaps(atlas: Atlas, products: pd.DataFrame) -> Gaps:
    """Districts whose products need a facility kind (data/odop/needs.csv) that none lies within reach of."""
    needs = atlas.needs.assign(within_km=pd.to_numeric(atlas.needs["within_km"]))
    joined = products.merge(needs, on="sector")
    recorded = atlas.facilities["kind"].value_counts().to_dict()
    if joined.empty:
        return Gaps(pd.DataFrame(columns=GAP_COLUMNS), 0, 0, recorded)
    facts = atlas.district_facts
    joined["nearest_km"] = [facts.at[d, f"km:{k}"] if f"km:{k}" in facts else np.inf
                            for d, k in zip(joined["district_id"], joined["facility_kind"])]
    lacking = joined[joined["nearest_km"] > joined["within_km"]]
    rows = lacking.groupby(["district_id", "facility_kind"], as_index=False).agg(
        district=("district", "first"), state=("state", "first"), within_km=("within_km", "first"),
        nearest_km=("nearest_km", "first"), needed_by=("product", lambda p: "; ".join(dict.fromkeys(p))),
        why=("why", lambda w: "; ".join(dict.fromkeys(w)))).rename(columns={"facility_kind": "missing"})
    rows["nearest_km"] = rows["nearest_km"].replace(np.inf, np.nan).round(0)
    return Gaps(rows[GAP_COLUMNS].sort_values(["state", "district", "missing"]).reset_index(drop=True),
                joined["district_id"].nunique(), rows["district_id"].nunique(), recorded)


def filter_products(atlas: Atlas, view: View) -> pd.DataFrame:
    """Product x district rows that pass the view's filters (state, sectors, search, GI, facility, gaps)."""
    rows = atlas.list_products(view.list_id)
    if view.state:
        rows = rows[rows["state"] == view.state]
    if view.sectors:
        rows = rows[rows["sector"].isin(view.sectors)]
    if view.search:
        needle = view.search.lower()
        rows = rows[rows["product"].str.lower().str.contains(needle, regex=False)
                    | rows["district"].str.lower().str.contains(needle, regex=False)]
    if view.gi_only:
        rows = rows[rows["gi_tagged"]]
    rows = seaport_filter(atlas, rows, view.seaport_km, view.port_kind)
    if view.aspirational_only:
        rows = rows[rows["district_id"].isin(set(atlas.aspirational["district_id"]))]
    if view.facility_kind:
        rows = rows[rows["district_id"].isin(facility_districts(atlas, view.facility_kind))]
    return rows


def state_label(atlas: Atlas, state: str) -> str:
    """A state's name in the page's language (its Hindi name where one is known)."""
    return atlas.hindi.states.get(state, state) if language() == "hi" else state


def describe(atlas: Atlas, view: View, list_label: str = "", scheme_names: dict[str, str] | None = None) -> str:
    """One line naming the list and the active filters, for titles and exports (``scheme_names``: short names),
    the state in the page's language."""
    parts = ([list_label] if list_label else []) + [state_label(atlas, view.state) if view.state
                                                    else t("describe.all_india")]
    if view.sectors:
        parts.append(", ".join(view.sectors))
    if view.search:
        parts.append(t("describe.matching", text=view.search))
    if view.gi_only:
        parts.append(t("describe.gi_only"))
    if view.facility_kind:
        parts.append(t("describe.facility", kind=view.facility_kind))
    if view.seaport_km:
        parts.append(t(f"describe.{view.port_kind}_port", km=view.seaport_km))
    if view.aspirational_only:
        parts.append(t("describe.aspirational"))
    if view.schemes:
        names = scheme_names or {}
        parts.append(t("describe.schemes", names=t("describe.and").join(names.get(s, s) for s in view.schemes)))
    return " · ".join(parts)


@dataclass(frozen=True)
class Summary:
    """Headline counts for the current view."""

    districts: int
    districts_total: int
    products: int
    sectors: int
    states: int


def summarise(atlas: Atlas, rows: pd.DataFrame, view: View) -> Summary:
    """Counts of districts, distinct products, sectors and states in ``rows``."""
    lgd = atlas.lgd_districts
    total = int((lgd["state_name"] == view.state).sum()) if view.state else len(lgd)
    return Summary(
        districts=rows["district_id"].nunique(),
        districts_total=total,
        products=rows["product"].str.lower().nunique(),
        sectors=rows["sector"].nunique(),
        states=rows["state"].nunique(),
    )


@dataclass(frozen=True)
class Parent:
    """A district another was carved out of since the Census 2011 (sources that use the older districts, such as
    DGCI&S's exports, record the new district's figures under it)."""

    district_id: str
    name: str
    lgd_code: str
    exports_usd: float | None


@dataclass(frozen=True)
class DistrictDetail:
    """Everything the side panels show for one district."""

    district_id: str
    name: str
    state: str
    has_lgd: bool
    lgd_code: str             # the real LGD code ('' where the polygon has none)
    census2011_code: str      # '' for a district created since the Census 2011
    created: str              # the year a district created since 2011 was formed ('' otherwise, or not known)
    parents: tuple[Parent, ...]
    list_id: str
    list_label: str
    products: pd.DataFrame
    other_lists: pd.DataFrame
    gi_links: pd.DataFrame
    clusters: pd.DataFrame
    facilities: pd.DataFrame
    schemes: pd.DataFrame
    partners: list[str]
    aspirational: bool
    exports: ExportProfile | None
    connectivity: Connectivity | None
    people: People | None          # Census 2011 figures (own, a parent's, or none)
    similar: tuple[Match, ...]     # districts like this one
    belts: tuple[Belt, ...]        # derived clusters (2+ adjacent districts of the state, one product family)
    single_products: list[str]     # national-list products no adjacent district of the state shares
    hindi_name: str = ""           # LGD's own Hindi name of the district ('' if it gives none)
    hindi_translation: str = ""    # a third party's Hindi translation of its name, where LGD gives none
    state_hindi: str = ""          # the state's Hindi name


def cluster_partners(atlas: Atlas, district_id: str | None) -> list[str]:
    """Districts that share a cluster, recorded or derived, with ``district_id`` (outlined on the map when it is
    selected)."""
    if not district_id:
        return []
    links = atlas.cluster_districts
    clusters = set(links.loc[links["district_id"] == district_id, "cluster_id"])
    recorded = set(links.loc[links["cluster_id"].isin(clusters), "district_id"]) - {district_id}
    return sorted(recorded | derived_partners(atlas, district_id))


def parents_of(atlas: Atlas, lgd_code: str) -> tuple[str, tuple[Parent, ...]]:
    """The year a district created since the Census 2011 was formed, and the districts it was carved out of."""
    changes = atlas.district_changes
    row = changes[changes["lgd_code"] == lgd_code] if lgd_code else changes.iloc[0:0]
    if row.empty:
        return "", ()
    by_code = atlas.districts[atlas.districts["lgd_code"] != ""].set_index("lgd_code")
    exports = exports_by_district(atlas)
    parents = tuple(Parent(by_code.at[code, "district_id"], by_code.at[code, "district_name"], code,
                           exports.get(by_code.at[code, "district_id"]))
                    for code in row.iloc[0]["parents_lgd"].split(";") if code in by_code.index)
    return row.iloc[0]["year"], parents


def district_detail(atlas: Atlas, district_id: str, list_id: str = "") -> DistrictDetail | None:
    """Products (of the chosen list, and of the others), clusters, facilities and scheme links of a district."""
    districts = atlas.by_id
    if district_id not in districts.index:
        return None
    row = districts.loc[district_id]
    programme = list_id if list_id in set(atlas.lists["programme"]) else atlas.default_list
    here = atlas.products[atlas.products["district_id"] == district_id]
    products = here[here["programme"] == programme]
    cluster_ids = atlas.cluster_districts.loc[atlas.cluster_districts["district_id"] == district_id, "cluster_id"]
    clusters = atlas.clusters[atlas.clusters["cluster_id"].isin(set(cluster_ids))]
    members = atlas.cluster_districts[atlas.cluster_districts["cluster_id"].isin(set(cluster_ids))]
    names = districts["district_name"]
    clusters = clusters.assign(partners=[
        ", ".join(names[d] for d in members.loc[(members["cluster_id"] == cid) & (members["district_id"] != district_id),
                                               "district_id"])
        for cid in clusters["cluster_id"]])
    created, parents = parents_of(atlas, row["lgd_code"])
    belts = belts_of(atlas, district_id)
    return DistrictDetail(
        hindi_name=atlas.hindi.own(district_id), hindi_translation=atlas.hindi.translation(district_id),
        state_hindi=atlas.hindi.states.get(row["state_name"], ""),
        district_id=district_id,
        name=row["district_name"],
        state=row["state_name"],
        has_lgd=bool(row["has_lgd"]),
        lgd_code=row["lgd_code"],
        census2011_code=row["census2011_code"],
        created=created,
        parents=parents,
        list_id=programme,
        list_label=atlas.list_label(programme),
        products=products,
        other_lists=here[here["programme"] != programme],
        gi_links=atlas.investor.gi_links[(atlas.investor.gi_links["district_id"] == district_id)
                                         & (atlas.investor.gi_links["programme"] == programme)],
        clusters=clusters,
        facilities=nearby_facilities(atlas, district_id),
        schemes=scheme_links(atlas, [district_id], programme, products),
        partners=cluster_partners(atlas, district_id),
        aspirational=district_id in set(atlas.aspirational["district_id"]),
        exports=export_profile(atlas, district_id, products),
        connectivity=connectivity(atlas, district_id),
        people=people_of(atlas, district_id),
        similar=tuple(similar_districts(atlas, district_id)),
        belts=belts,
        single_products=single_district_products(atlas, here, belts),
    )


SCHEME_LINK_COLUMNS = ["product", "scheme_id", "scheme", "short_name", "url", "ministry", "basis", "rule_kind", "reasoning",
                       "source", "also_reported_by", "status"]


def scheme_links(atlas: Atlas, district_ids, programme: str, products: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scheme links of districts for one list: product links (of ``products`` when given) and district-wide ones
    (``product`` empty), each with its basis (the clause of the rule that matched), reasoning and source."""
    matches = matches_for_list(atlas.scheme_matches, programme)
    matches = matches[matches["district_id"].isin(set(district_ids))]
    if products is not None:
        wanted = set(zip(products["district_id"], products["product"]))
        matches = matches[(matches["product"] == "") | pd.Series(
            [pair in wanted for pair in zip(matches["district_id"], matches["product"])], index=matches.index,
            dtype=bool)]
    schemes = atlas.schemes.rename(columns={"name": "scheme"})
    joined = matches.merge(schemes, on="scheme_id", how="left")
    return joined.reindex(columns=["district_id", *SCHEME_LINK_COLUMNS])


LOGISTICS_KINDS = ("airport", "seaport", "major port", "inland depot")  # points shown whatever the facility filter


def places_shown(atlas: Atlas, view: View) -> pd.DataFrame:
    """The points on the map: none when switched off; with a facility-kind filter, that kind's facilities."""
    places = atlas.investor.places if view.show_facilities else atlas.investor.places.iloc[0:0]
    if view.facility_kind:
        places = places[places["kind"].isin([view.facility_kind, *LOGISTICS_KINDS])]
    return places


def district_of_product_row(atlas: Atlas, row_id: object) -> str | None:
    """The district of a product-table row (rows are identified by their position in the product table)."""
    if not isinstance(row_id, str) or not row_id.isdigit() or int(row_id) >= len(atlas.products):
        return None
    return atlas.products.iloc[int(row_id)]["district_id"]


def known_district(atlas: Atlas, district_id: object) -> str | None:
    """``district_id`` if it names a polygon of the atlas (investor-table rows are identified by it)."""
    return district_id if isinstance(district_id, str) and district_id in atlas.by_id.index else None


def scheme_short_names(atlas: Atlas) -> dict[str, str]:
    """scheme_id -> the scheme's short name."""
    return dict(zip(atlas.schemes["scheme_id"], atlas.schemes["short_name"]))
