"""Rebuild the shipped data tables from the raw source files kept in the repo.

    python scripts/build_data.py            # writes data/odop/products.csv
    python scripts/build_data.py --out-dir /tmp/check   # writes there instead (tests compare the two)

Product lists: every row of data/odop/lists.csv is imported from data/odop/raw/<raw_file> with
scripts/import_odop.py's logic, in order, into an empty products.csv.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.data.atlas import DEFAULT_DATA_DIR  # noqa: E402
from dashboard.data.importing import ImportOptions, import_rows, merge, place_rows, write_atomically  # noqa: E402
from import_odop import load_matcher, report_matches  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out-dir", type=Path, default=None, help="write here instead of --data-dir/odop")
    args = parser.parse_args()
    out_dir = args.out_dir or args.data_dir / "odop"
    print("\n".join(build_products(args.data_dir, out_dir / "products.csv")))


if __name__ == "__main__":
    main()
