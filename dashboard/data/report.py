"""The data check: what was loaded, how every list's rows were placed, coverage, and what was set aside."""

from __future__ import annotations

import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.data.census import census_lines
from dashboard.data.clusters import cluster_lines

PLACEMENT_METHODS = ("name", "alias", "parent", "name in another state", "lgd")


def _list_lines(atlas: Atlas, programme: str, label: str) -> list[str]:
    rows = atlas.products[atlas.products["programme"] == programme]
    unmatched = [u for u in atlas.unmatched if u.file == "products.csv" and u.what in set(rows["product"])]
    total = len(rows) + len(unmatched)
    methods = rows["match"].value_counts()
    covered, districts = atlas.coverage(programme)
    counts = ", ".join(f"{m} {int(methods.get(m, 0))}" for m in PLACEMENT_METHODS if methods.get(m, 0))
    return [f"  {label} [{programme}]: {total} rows, {len(rows)} placed on a polygon ({len(rows) / max(total, 1):.1%}); "
            f"by {counts or 'none'}; unmatched {len(unmatched)}; districts coloured {covered} of {districts}"]


def code_check(atlas: Atlas) -> pd.DataFrame:
    """The default list's rows that carry their own LGD code (``source_code``), each with what the code says about
    the district its name found: ``agrees``, ``other district`` (``code_points_to`` names it) or ``not in LGD``
    (no polygon carries that LGD code)."""
    by_code = dict(zip(atlas.districts["lgd_code"], atlas.districts["district_id"]))
    by_code.pop("", None)
    rows = atlas.list_products()
    rows = rows[rows["source_code"].str.isdigit()]
    pointed = rows["source_code"].map(lambda c: by_code.get(str(int(c))))
    status = pointed.map(lambda d: "not in LGD" if pd.isna(d) else "other district")
    status[pointed == rows["district_id"]] = "agrees"
    names = atlas.by_id
    return rows.assign(check=status, code_points_to=pointed.map(
        lambda d: "" if pd.isna(d) else f"{names.at[d, 'district_name']} ({names.at[d, 'state_name']})"))


def identity_lines(atlas: Atlas, max_listed: int) -> list[str]:
    """How many polygons carry a verified LGD code, how, which do not and why; districts created since 2011."""
    named = atlas.lgd_districts
    coded = named[named["lgd_code"] != ""]
    methods = coded["lgd_method"].value_counts()
    changes = atlas.district_changes
    lines = [f"LGD codes: {len(coded)} of {len(named)} district polygons carry a verified LGD code (through LGD's "
             f"Census 2011 code, name checked: {methods.get('census2011_code', 0)}; by name within state: "
             f"{methods.get('name_in_state', 0)}; by alias: {methods.get('alias', 0)}); "
             f"{int((named['census2011_code'] != '').sum())} carry a Census 2011 code"]
    lines += [f"  without an LGD code: {r.district_name} ({r.state_name}): {r.lgd_note}"
              for r in named[named["lgd_code"] == ""].head(max_listed).itertuples(index=False)]
    sourced = (changes["parents_lgd"] != "").sum()
    with_polygon = changes["lgd_code"].isin(set(coded["lgd_code"])).sum()
    lines.append(f"Districts created since the Census 2011 (data/geo/district_changes.csv): {len(changes)}, "
                 f"{with_polygon} with a polygon; parents from a source for {sourced}, not yet for "
                 f"{len(changes) - sourced}")
    return lines


def _coverage_by_state(atlas: Atlas) -> list[str]:
    lgd = atlas.lgd_districts
    covered = lgd["district_id"].isin(set(atlas.list_products()["district_id"]))
    table = pd.DataFrame({"state": lgd["state_name"], "covered": covered}).groupby("state")["covered"].agg(
        ["sum", "count"])
    return [f"  {state}: {int(r['sum'])} of {int(r['count'])}" for state, r in table.iterrows()]


def investor_lines(atlas: Atlas) -> list[str]:
    """Match reports of the investor layers: export value placed, connectivity, facilities, GI links."""
    layers = atlas.investor
    rows = layers.export_rows
    if rows.empty:
        return ["Exports: no exports file in this data directory"]
    value = rows["export_usd"]
    placed = rows["lgd_code"] != ""
    named = ~rows["match_note"].str.startswith("DGCI&S names no district")
    lines = [f"Exports (DGCI&S FY2024-25): {len(rows)} rows, USD {value.sum() / 1e9:,.2f} bn; placed on a polygon "
             f"{value[placed].sum() / max(value.sum(), 1):.2%} of all value (target 97%: "
             f"{'met' if value[placed].sum() >= 0.97 * value.sum() else 'MISSED'}); "
             f"{value[placed].sum() / max(value[named].sum(), 1):.2%} of the value that names a district"]
    unplaced = rows[~placed].groupby(["state", "district", "match_note"])["export_usd"].sum().nlargest(10)
    lines += [f"  not placed: {s} / {d}: USD {usd / 1e6:,.1f} M ({note})" for (s, d, note), usd in unplaced.items()]
    lgd = atlas.lgd_districts["district_id"]
    with_exports = lgd.isin(set(layers.exports["district_id"])).sum()
    with_links = lgd.isin(layers.logistics.index).sum()
    lines.append(f"  LGD districts with recorded exports: {with_exports} of {len(lgd)}; the rest show 'no recorded "
                 "exports'")
    lines.append(f"Connectivity: nearest seaport, major port, airport, ICD/CFS and railway station (0 km inside the "
                 f"district, else to its boundary) for {with_links} of {len(lgd)} LGD districts; points on the map: "
                 + ", ".join(f"{k} {n}" for k, n in layers.places["kind"].value_counts().items()))
    national = atlas.list_products()
    yes = national[national["gi_tagged"]]
    links = layers.gi_links[layers.gi_links["programme"] == atlas.default_list]
    linked = set(zip(links["district_id"], links["product"]))
    matched = sum((d, p) in linked for d, p in zip(yes["district_id"], yes["product"]))
    lines.append(f"GI registry links (by name, within state): {len(links)} for the default list; products with GI "
                 f"status Yes that found a registry match: {matched} of {len(yes)}")
    return lines


def scheme_lines(atlas: Atlas) -> list[str]:
    """Per scheme: districts and products of the default list it applies to, and the rule it uses."""
    matches = atlas.scheme_matches
    default = matches[(matches["programme"] == atlas.default_list) | (matches["product"] == "")]
    placed = atlas.aspirational["district_id"].astype(str).str.len().gt(0).sum()
    lines = [f"Aspirational districts: {placed} of {len(atlas.aspirational)} placed on a polygon",
             f"Schemes ({atlas.list_label()}; district-wide schemes count districts only):"]
    for scheme in atlas.schemes.itertuples(index=False):
        rows = default[default["scheme_id"] == scheme.scheme_id]
        products = (rows["product"] != "").sum()
        lines.append(f"  {scheme.scheme_id}: {rows['district_id'].nunique()} districts, {products} products; "
                     f"rule ({scheme.rule_kind}, {scheme.scope}): {scheme.rule}")
    official = atlas.schemes["source"].map(is_official)
    lines.append(f"Schemes citing an official source (a gov.in or nic.in page): {int(official.sum())} of "
                 f"{len(official)}; not yet: " + ", ".join(atlas.schemes.loc[~official, "scheme_id"]))
    return lines


def is_official(url: str) -> bool:
    """Whether a source is a Government of India page (gov.in, nic.in)."""
    host = str(url).split("//", 1)[-1].split("/", 1)[0].lower()
    return host.endswith((".gov.in", ".nic.in"))


def report_lines(atlas: Atlas, max_listed: int = 50) -> list[str]:
    """Human-readable report lines (printed by ``python -m dashboard.data check``)."""
    districts = atlas.districts
    lines = [
        "ODOP Atlas data check",
        f"Boundary polygons: {len(districts)} ({len(atlas.lgd_districts)} LGD districts, "
        f"{int(districts['disputed'].sum())} disputed inter-state areas, "
        f"{int((~districts['has_lgd'] & ~districts['disputed']).sum())} named areas without an LGD code)",
        f"Default list: {atlas.list_label()}: {atlas.coverage_sentence()}",
        "Product lists (rows placed on a polygon, by how):",
    ]
    for programme, label in zip(atlas.lists["programme"], atlas.lists["label"]):
        lines += _list_lines(atlas, programme, label)
    for report in atlas.files.values():
        methods = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_method.items())) or "none"
        lines.append(f"{report.file}: {report.rows_valid} valid rows, {report.rows_rejected} set aside by validation, "
                     f"{report.rows_matched} matched to a district; names matched {report.names_matched}, unmatched "
                     f"{report.names_unmatched} (match rate {report.match_rate:.1%}; by {methods})")
    lines.append(f"Unmatched district names ({len(atlas.unmatched)}):")
    for name in atlas.unmatched[:max_listed]:
        nearest = ", ".join(name.candidates) or "no close name"
        lines.append(f"  {name.file}:{name.line} {name.district!r} ({name.state}) for {name.what!r}; nearest: {nearest}")
    lines += identity_lines(atlas, max_listed)
    lines += census_lines(atlas.census, atlas.lgd_districts["district_id"])
    lines += cluster_lines(atlas.derived_clusters, atlas.derived_links, atlas.families, atlas.clusters)
    checked = code_check(atlas)
    counts = checked["check"].value_counts()
    lines.append(f"{atlas.list_label()}: its own LGD code agrees with the name match for {counts.get('agrees', 0)} of "
                 f"{len(checked)} rows with a code; names another district for {counts.get('other district', 0)}; "
                 f"is no LGD code of a polygon for {counts.get('not in LGD', 0)} (rows are placed by name):")
    differing = checked[checked["check"] != "agrees"]
    lines += [f"  products.csv:{r.line} {r.listed_as!r} ({r.state}) code {r.source_code} -> "
              f"{r.code_points_to or 'no polygon with that LGD code'}; placed on {r.district}"
              for r in differing.head(max_listed).itertuples(index=False)]
    if len(differing) > max_listed:
        lines.append(f"  ... and {len(differing) - max_listed} more (--all lists them)")
    lines += investor_lines(atlas)
    lines += scheme_lines(atlas)
    lines.append(f"Districts coloured by the default list, by state ({atlas.list_label()}):")
    lines += _coverage_by_state(atlas)
    without = atlas.districts_without_products()
    lines.append(f"LGD districts without a product in the default list ({len(without)}):")
    lines += [f"  {state}: {', '.join(group['district_name'])}" for state, group in without.groupby("state_name")]
    lines.append(f"Issues ({len(atlas.issues)}):")
    lines.extend(f"  {issue}" for issue in atlas.issues.entries[:max_listed])
    if len(atlas.issues) > max_listed:
        lines.append(f"  ... and {len(atlas.issues) - max_listed} more")
    return lines
