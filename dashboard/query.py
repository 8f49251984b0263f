"""What the user is looking at (filters + selection) and the queries behind each panel.

Pure functions over the tidy tables of :class:`~dashboard.data.atlas.Atlas`; no Dash here,
so callbacks stay thin and everything is testable directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

import pandas as pd

from .data.atlas import Atlas
from .data.names import name_key
from .data.schema import FACILITY_KINDS, SECTORS
from .figures import COLOR_MODES


@dataclass(frozen=True)
class View:
    """Filters, colour mode and selected district; serialises to the page URL."""

    state: str | None = None
    sectors: tuple[str, ...] = ()
    query: str = ""
    gi_only: bool = False
    mode: str = "sector"
    facility_kind: str | None = None
    gaps: bool = False
    district: str | None = None

    def to_query_string(self) -> str:
        """``?state=...&sector=...`` (empty string for the default view)."""
        params: list[tuple[str, str]] = []
        if self.state:
            params.append(("state", self.state))
        params.extend(("sector", s) for s in self.sectors)
        if self.query:
            params.append(("q", self.query))
        if self.gi_only:
            params.append(("gi", "1"))
        if self.mode != "sector":
            params.append(("mode", self.mode))
        if self.facility_kind:
            params.append(("facility", self.facility_kind))
        if self.gaps:
            params.append(("gaps", "1"))
        if self.district:
            params.append(("district", self.district))
        return "?" + urlencode(params) if params else ""


@dataclass
class ParsedView:
    """A view read from a URL, with a message for every part that had to be ignored."""

    view: View
    problems: list[str] = field(default_factory=list)


def parse_query_string(search: str | None, atlas: Atlas) -> ParsedView:
    """Read a shared link; unknown states, sectors, modes or districts are reported, not fatal."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    problems: list[str] = []
    states = {name_key(s): s for s in atlas.districts["state_name"] if s}

    def one(key: str) -> str:
        return (params.get(key) or [""])[0].strip()[:200]

    state = None
    if one("state"):
        state = states.get(name_key(one("state")))
        if state is None:
            problems.append(f"Unknown state {one('state')!r} in the link; showing all states.")
    sectors = []
    for sector in params.get("sector", []):
        if sector in SECTORS:
            sectors.append(sector)
        else:
            problems.append(f"Unknown sector {sector[:60]!r} in the link; ignored.")
    mode = one("mode") or "sector"
    if mode not in COLOR_MODES:
        problems.append(f"Unknown colour mode {mode[:60]!r} in the link; using sector.")
        mode = "sector"
    facility = one("facility") or None
    if facility and facility not in FACILITY_KINDS:
        problems.append(f"Unknown facility kind {facility[:60]!r} in the link; ignored.")
        facility = None
    district = one("district") or None
    if district and district not in set(atlas.districts["district_id"]):
        problems.append(f"Unknown district {district[:60]!r} in the link; no district selected.")
        district = None
    view = View(state=state, sectors=tuple(sectors), query=one("q"), gi_only=one("gi") == "1", mode=mode,
                facility_kind=facility, gaps=one("gaps") == "1", district=district)
    return ParsedView(view, problems)


def toggle_district(view: View, district_id: str | None) -> View:
    """Clicking a district selects it; clicking the selected one again deselects it."""
    return replace(view, district=None if district_id in (None, view.district) else district_id)


def facility_districts(atlas: Atlas, kind: str) -> set[str]:
    """Districts with at least one facility of ``kind``."""
    facilities = atlas.facilities
    return set(facilities.loc[facilities["kind"] == kind, "district_id"])


def gap_products(atlas: Atlas, products: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """Product rows whose sector needs a facility kind that their district lacks.

    Adds a ``missing`` column naming the absent facility kind. ``kind`` limits the check to
    one facility kind. The needs are the documented table ``data/odop/needs.csv``.
    """
    needs = atlas.needs if kind is None else atlas.needs[atlas.needs["facility_kind"] == kind]
    if needs.empty or products.empty:
        return products.iloc[0:0].assign(missing=pd.Series(dtype=str))
    have = set(zip(atlas.facilities["district_id"], atlas.facilities["kind"]))
    joined = products.merge(needs[["sector", "facility_kind"]], on="sector")
    lacking = [(did, k) not in have for did, k in zip(joined["district_id"], joined["facility_kind"])]
    gaps = joined[lacking].rename(columns={"facility_kind": "missing"})
    return gaps.drop_duplicates(subset=["district_id", "product", "missing"]).reset_index(drop=True)


def filter_products(atlas: Atlas, view: View) -> pd.DataFrame:
    """Product x district rows that pass the view's filters (state, sectors, search, GI, facility, gaps)."""
    rows = atlas.products
    if view.state:
        rows = rows[rows["state"] == view.state]
    if view.sectors:
        rows = rows[rows["sector"].isin(view.sectors)]
    if view.query:
        needle = view.query.lower()
        rows = rows[rows["product"].str.lower().str.contains(needle, regex=False)
                    | rows["district"].str.lower().str.contains(needle, regex=False)]
    if view.gi_only:
        rows = rows[rows["gi_tagged"]]
    if view.gaps:
        rows = gap_products(atlas, rows, view.facility_kind)
    elif view.facility_kind:
        rows = rows[rows["district_id"].isin(facility_districts(atlas, view.facility_kind))]
    return rows


def describe(view: View) -> str:
    """One line naming the active filters, for titles and exports."""
    parts = [view.state or "All India"]
    if view.sectors:
        parts.append(", ".join(view.sectors))
    if view.query:
        parts.append(f"matching “{view.query}”")
    if view.gi_only:
        parts.append("GI-tagged only")
    if view.gaps:
        parts.append(f"lacking {view.facility_kind or 'a needed facility'}")
    elif view.facility_kind:
        parts.append(f"with {view.facility_kind}")
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
class DistrictDetail:
    """Everything the side panels show for one district."""

    district_id: str
    name: str
    state: str
    has_lgd: bool
    products: pd.DataFrame
    clusters: pd.DataFrame
    facilities: pd.DataFrame
    schemes: pd.DataFrame
    district_wide_schemes: pd.DataFrame
    partners: list[str]


def district_detail(atlas: Atlas, district_id: str) -> DistrictDetail | None:
    """Products, clusters (with partner districts), facilities and scheme links of a district."""
    districts = atlas.districts.set_index("district_id")
    if district_id not in districts.index:
        return None
    row = districts.loc[district_id]
    products = atlas.products[atlas.products["district_id"] == district_id]
    cluster_ids = atlas.cluster_districts.loc[atlas.cluster_districts["district_id"] == district_id, "cluster_id"]
    clusters = atlas.clusters[atlas.clusters["cluster_id"].isin(set(cluster_ids))]
    members = atlas.cluster_districts[atlas.cluster_districts["cluster_id"].isin(set(cluster_ids))]
    partners = sorted(set(members["district_id"]) - {district_id})
    names = districts["district_name"]
    clusters = clusters.assign(partners=[
        ", ".join(names[d] for d in members.loc[(members["cluster_id"] == cid) & (members["district_id"] != district_id),
                                               "district_id"])
        for cid in clusters["cluster_id"]])
    return DistrictDetail(
        district_id=district_id,
        name=row["district_name"],
        state=row["state_name"],
        has_lgd=bool(row["has_lgd"]),
        products=products,
        clusters=clusters,
        facilities=atlas.facilities[atlas.facilities["district_id"] == district_id],
        schemes=scheme_links(atlas, products, clusters),
        district_wide_schemes=atlas.schemes[atlas.schemes["applies_when"].str.strip() == "all"],
        partners=partners,
    )


def scheme_links(atlas: Atlas, products: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """Product x scheme links by the rule in ``schemes.csv`` (``applies_when``).

    Rules: ``all`` (every district), ``programme=<name>`` (the product is on that list),
    ``gi_tagged``, ``sector=<a>|<b>``, ``cluster_type=<type>`` (the district holds such a cluster).
    """
    records = []
    cluster_types = set(clusters["cluster_type"])
    for scheme in atlas.schemes.itertuples(index=False):
        rule = scheme.applies_when.strip()
        key, _, value = rule.partition("=")
        options = {v.strip() for v in value.split("|")}
        for product in products.itertuples(index=False):
            applies = (
                (key == "all")
                or (key == "programme" and any(p.strip() in options for p in product.programme.split(";")))
                or (key == "gi_tagged" and product.gi_tagged)
                or (key == "sector" and product.sector in options)
                or (key == "cluster_type" and bool(cluster_types & options))
            )
            if applies:
                records.append({"product": product.product, "scheme_id": scheme.scheme_id, "scheme": scheme.name,
                                "url": scheme.url, "rule": rule, "source": scheme.source})
    return pd.DataFrame(records, columns=["product", "scheme_id", "scheme", "url", "rule", "source"])
