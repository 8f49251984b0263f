"""Rebuild the shipped data tables from the raw source files kept in the repo.

    python scripts/build_data.py                         # rewrites the tables under data/
    python scripts/build_data.py --out-dir /tmp/check    # writes there instead (tests compare the two)

- product lists: every row of data/odop/lists.csv is imported from data/odop/raw/<raw_file>
  with scripts/import_odop.py's logic, in order, into an empty odop/products.csv;
- exports/district_exports.csv from exports/raw (DGCI&S FY2024-25);
- logistics/airports.csv from the airportsdata package; ports.csv, inland_depots.csv and district_places.csv
  from logistics/raw (World Port Index, UN/LOCODE, railway stations);
- geo/district_identity.csv from geo/raw (LGD's directory) and the boundary file;
- odop/infrastructure.csv from facilities/raw (sourced PM MITRA parks and Mega Food Parks);
- gi/gi_links.csv from gi/raw (registered GIs) and the products;
- aspirational/aspirational_districts.csv from aspirational/raw (NITI Aayog's 112);
- census/census2011_districts.csv from census/raw (Census 2011 Primary Census Abstract);
- geo/district_adjacency.csv, odop/product_families.csv and odop/derived_clusters.csv from the boundaries, the
  national list and the reviewed odop/family_merges.csv;
- names/state_names_hi.csv and names/district_names_hi.csv from the pycountry package (with the reviewed
  names/state_name_fixes.csv) and geo/raw (LGD's directory): the Hindi names of the interface.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from dashboard.build.census import build_census
from dashboard.build.clusters import build_clusters
from dashboard.build.identity import build_identity
from dashboard.build.names import build_names
from dashboard.build.layers import build_airports, build_aspirational, build_exports, build_facilities, build_gi_links
from dashboard.build.places import build_places
from dashboard.build.products import load_matcher, report_matches
from dashboard.data.boundaries import read_districts
from dashboard.data.importing import ImportOptions, import_rows, merge, place_rows, write_atomically
from dashboard.data.issues import IssueLog
from dashboard.settings import DEFAULT_DATA_DIR


def build_products(data_dir: Path, out: Path) -> list[str]:
    """Import every list of ``lists.csv`` into a fresh ``out``; return the printed report."""
    matcher = load_matcher(data_dir)
    rows: list[dict[str, str]] = []
    report: list[str] = []
    with (data_dir / "odop" / "lists.csv").open(encoding="utf-8", newline="") as handle:
        lists = list(csv.DictReader(handle))
    for entry in lists:
        options = ImportOptions(entry["programme"], entry["source"], entry["sector"])
        result = import_rows(data_dir / "odop" / "raw" / entry["raw_file"], options)
        placed = place_rows(result.rows, matcher)
        rows, _ = merge(rows, placed, entry["programme"])
        report += [f"{entry['programme']}: {len(placed)} rows from {entry['raw_file']} ({result.encoding})",
                   *result.problems, *report_matches(placed)]
    write_atomically(out, rows)
    return report + [f"wrote {out} ({len(rows)} rows)"]


def build_all(data_dir: Path, out_dir: Path) -> list[str]:
    """Every derived table of ``data_dir``, written under ``out_dir``; returns the report."""
    report = build_products(data_dir, out_dir / "odop" / "products.csv")
    matcher = load_matcher(data_dir)
    districts = read_districts(data_dir / "geo" / "districts.geojson", IssueLog())
    products = pd.read_csv(out_dir / "odop" / "products.csv", dtype=str, keep_default_na=False)
    report += build_exports(data_dir, out_dir, matcher)
    report += build_airports(data_dir, out_dir, districts)
    report += build_places(data_dir, out_dir)
    report += build_identity(data_dir, out_dir)
    report += build_facilities(data_dir, out_dir, districts, matcher)
    report += build_aspirational(data_dir, out_dir, matcher)
    report += build_census(data_dir, out_dir)
    report += build_names(data_dir, out_dir, sorted(s for s in districts["state_name"].unique() if s))
    identity = pd.read_csv(out_dir / "geo" / "district_identity.csv", dtype=str, keep_default_na=False)
    report += build_clusters(data_dir, out_dir, districts, products, identity)
    return report + build_gi_links(data_dir, out_dir, products, districts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out-dir", type=Path, default=None, help="write here instead of --data-dir")
    args = parser.parse_args()
    print("\n".join(build_all(args.data_dir, args.out_dir or args.data_dir)))


if __name__ == "__main__":
    main()
