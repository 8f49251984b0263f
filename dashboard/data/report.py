"""The data check: what was loaded, how every list's rows were placed, coverage, and what was set aside."""

from __future__ import annotations

import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.data.match import lgd_key

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


def code_conflicts(atlas: Atlas) -> pd.DataFrame:
    """Rows whose list code (``source_code``) is the LGD code of another polygon than the one their name found."""
    by_code = {lgd_key(c): did for c, did in zip(atlas.districts["dist_lgd"], atlas.districts["district_id"])
               if c.isdigit()}
    rows = atlas.products[atlas.products["source_code"].str.isdigit()]
    pointed = rows["source_code"].map(lambda c: by_code.get(lgd_key(c)))
    conflicts = rows[pointed.notna() & (pointed != rows["district_id"])].assign(code_points_to=pointed)
    names = atlas.districts.set_index("district_id")
    return conflicts.assign(code_points_to=conflicts["code_points_to"].map(
        lambda d: f"{names.at[d, 'district_name']} ({names.at[d, 'state_name']})"))


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
    lines.append(f"Connectivity: nearest airport, seaport and railway station for {with_links} of {len(lgd)} LGD "
                 f"districts; points on the map: " + ", ".join(f"{k} {n}" for k, n in
                                                                layers.places["kind"].value_counts().items()))
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
    return lines


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
    conflicts = code_conflicts(atlas)
    lines.append(f"Rows whose list code is the LGD code of another district than their name ({len(conflicts)} of "
                 f"{int(atlas.products['source_code'].str.isdigit().sum())} rows with a code; placed by name):")
    lines += [f"  products.csv:{r.line} {r.listed_as!r} ({r.state}) code {r.source_code} -> {r.code_points_to}; "
              f"placed on {r.district}" for r in conflicts.head(max_listed).itertuples(index=False)]
    if len(conflicts) > max_listed:
        lines.append(f"  ... and {len(conflicts) - max_listed} more (--all lists them)")
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
