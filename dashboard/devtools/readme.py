"""Regenerate the README's generated sections from the data and the saved performance figures.

    python scripts/update_readme.py          # rewrite README.md in place
    python scripts/update_readme.py --check  # exit 1 if README.md is out of date (tests run this)

A generated section sits between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``;
everything else in the README is prose kept by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable

from dashboard.data.atlas import Atlas, load_atlas
from dashboard.data.census import census_lines
from dashboard.data.clusters import cluster_lines
from dashboard.data.report import code_check
from dashboard.devtools.performance import load_run
from dashboard.settings import REPO_DIR

README = REPO_DIR / "README.md"


def coverage_section(atlas: Atlas) -> list[str]:
    """Coverage of every list, placement of the national list's rows, and districts coloured by state."""
    national = atlas.list_products()
    covered, total = atlas.coverage()
    checks = code_check(atlas)["check"].value_counts().to_dict()
    lgd = atlas.lgd_districts
    methods = national["match"].value_counts()
    lines = [
        f"- **{atlas.list_label()}** (the default layer): {len(national):,} product rows, "
        f"{national['product'].nunique():,} distinct product names, {national['state'].nunique()} states/UTs; "
        f"**products for {covered} of {total} LGD districts**. Rows placed on a polygon: "
        f"{len(national):,} of {len(national) + sum(u.file == 'products.csv' for u in atlas.unmatched):,} "
        f"(by name {methods.get('name', 0):,}, through `aliases.csv` {methods.get('alias', 0)}, "
        f"on a parent polygon {methods.get('parent', 0)}). GI-tagged per the list: "
        f"{int(national['gi_tagged'].sum())}. The list's own LGD code agrees with the name match for "
        f"{checks.get('agrees', 0):,} of {sum(checks.values()):,} rows with a code, names another district for "
        f"{checks.get('other district', 0)} and is no polygon's LGD code for {checks.get('not in LGD', 0)} "
        "(`python -m dashboard.data check` lists them; rows are placed by name, the code is kept as `source_code`).",
        f"- **District codes**: {(lgd['lgd_code'] != '').sum()} of {len(lgd)} district polygons carry a verified "
        f"LGD code (`data/geo/district_identity.csv`), {(lgd['census2011_code'] != '').sum()} a Census 2011 code; "
        "without an LGD code: " + "; ".join(f"{r.district_name} ({r.lgd_note})" for r in
                                            lgd[lgd["lgd_code"] == ""].itertuples(index=False)) + ".",
        *(f"- {line}" for line in census_lines(atlas.census, lgd["district_id"])),
        *(f"- {line}" for line in cluster_lines(atlas.derived_clusters, atlas.derived_links, atlas.families,
                                                atlas.clusters)),
    ]
    for programme, label in zip(atlas.lists["programme"][1:], atlas.lists["label"][1:]):
        rows = atlas.list_products(programme)
        lines.append(f"- {label}: {len(rows)} rows in {rows['state'].nunique()} state(s)/UT(s), products for "
                     f"{atlas.coverage(programme)[0]} of {total} LGD districts.")
    without = atlas.districts_without_products()
    lines += ["", f"Grey on the national layer ({len(without)} LGD districts the list does not name): "
              + "; ".join(f"{state}: {', '.join(group['district_name'])}"
                          for state, group in without.groupby("state_name")) + ".", "",
              "| State/UT | districts coloured (national list) | product rows |", "|---|---|---|"]
    for state, group in lgd.groupby("state_name"):
        rows = national[national["state"] == state]
        lines.append(f"| {state} | {group['district_id'].isin(set(rows['district_id'])).sum()} of {len(group)} "
                     f"| {len(rows)} |")
    return lines


def _verdict(verdict: str) -> str:
    return "**missed**" if verdict == "MISSED" else verdict


def performance_section(_atlas: Atlas) -> list[str]:
    """The benchmark's and the load test's last full runs, as saved in docs/performance/ (never edited by hand)."""
    bench, load = load_run("benchmark"), load_run("loadtest")
    lines = [f"`scripts/benchmark.py`, measured {bench['measured']} ({bench['machine']}; gunicorn with 2 sync "
             "workers and headless Chromium for the browser figures; p95 with min / median beside):", "",
             "| figure | min / median | measured | target |", "|---|---|---|---|"]
    lines += [f"| {f['figure'].strip()} | {f['spread']} | {f['value']:g} {f['unit']} | "
              f"{f['target']} {_verdict(f['verdict'])} |".replace("  |", " |") for f in bench["figures"]]
    lines += ["", f"`scripts/loadtest.py`, measured {load['measured']} ({load['machine']}; {load['setup']}):", "",
              "| figure | measured | target |", "|---|---|---|"]
    lines += [f"| {f['figure']} | {f['measured']} | {f['target']} {_verdict(f['verdict'])} |".replace("  |", " |")
              for f in load["figures"]]
    return lines


SECTIONS: dict[str, Callable[[Atlas], list[str]]] = {"coverage": coverage_section, "performance": performance_section}


def render(text: str, atlas: Atlas) -> str:
    """``text`` with every generated section replaced by its current content."""
    for name, build in SECTIONS.items():
        pattern = re.compile(rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no generated:{name} section")
        body = "\n".join(build(atlas)) + "\n"
        text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is not up to date")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    fresh = render(current, load_atlas())
    if args.check:
        sys.exit(0 if fresh == current else 1)
    README.write_text(fresh, encoding="utf-8")
    print("README.md updated" if fresh != current else "README.md already up to date")


if __name__ == "__main__":
    main()
