"""Import an official ODOP product list (CSV, XLSX or PDF) into data/odop/products.csv.

The shipped national list is imported with (see data/odop/lists.csv and README, "Updating to a new
official list"):

    python scripts/import_odop.py data/odop/raw/dpiit_odop_products_v31_20250707.csv \\
        --programme "DPIIT ODOP" --source "DPIIT ODOP list v31, 7 Jul 2025" --dry-run

Columns are recognised by their exact headers (case and spaces ignored): State, District,
Product (also "Name of State/UT", "ODOP Product(s)", ...), and, where present, LGD Code
(kept as source_code: it is not the LGD district code), Category, Sector, Description,
GI Status, Photo, Ministry/ Department, source, source_note. Any other layout needs
--columns. The encoding (UTF-8, UTF-8 with BOM, cp1252) is detected and printed.

Districts are matched by name within the state (alternate spellings in parentheses or
after '/', data/odop/aliases.csv), never by the list's own code. Rows of --programme are
replaced only in the states present in the input; rows of other lists and states are kept.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from dashboard.data.boundaries import read_districts
from dashboard.data.importing import (
    EXIT_REFUSED,
    EXIT_USAGE,
    ImportFailure,
    ImportOptions,
    import_rows,
    merge,
    place_rows,
    read_products_file,
    shrink_refusal,
    write_atomically,
)
from dashboard.data.issues import DataFileError, IssueLog
from dashboard.data.match import DistrictMatcher
from dashboard.data.tables import read_aliases
from dashboard.settings import DEFAULT_DATA_DIR

EXIT_CODES = f"""exit codes:
  0  imported (or, with --dry-run, the changes were printed and nothing written)
  {EXIT_REFUSED}  refused: the input is empty or would remove more than half of the list's rows (--allow-shrink)
  {EXIT_USAGE}  unknown column layout (the headers seen and the ones needed are printed) or bad arguments
  3  the input (or the existing output) cannot be read: missing, not CSV/XLSX/PDF, undecodable, malformed
On every error the existing products.csv is left untouched."""


def parse_columns(text: str) -> dict[str, str]:
    """``state=Name of State,district=District`` -> mapping (exit 2 on a malformed value)."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        field_name, sep, header = part.partition("=")
        if not sep or not header.strip():
            raise ImportFailure(f"--columns: {part!r} is not field=Header", EXIT_USAGE)
        mapping[field_name.strip()] = header.strip()
    return mapping


def load_matcher(data_dir: Path) -> DistrictMatcher:
    """The district matcher over the shipped boundaries and alias table."""
    log = IssueLog()
    try:
        districts = read_districts(data_dir / "geo" / "districts.geojson", log)
        aliases = read_aliases(data_dir / "odop" / "aliases.csv", log)
    except DataFileError as exc:
        raise ImportFailure(f"cannot match districts: {exc}") from exc
    return DistrictMatcher(districts, aliases)


def report_matches(rows: list[dict[str, str]]) -> list[str]:
    """How the rows were placed, and every row that found no polygon."""
    methods = Counter(r["match"] for r in rows)
    placed = sum(1 for r in rows if r["lgd_code"])
    lines = [f"placed on a polygon: {placed} of {len(rows)} rows ({placed / max(len(rows), 1):.1%}); "
             + ", ".join(f"{m}: {n}" for m, n in sorted(methods.items()))]
    lines += [f"  unmatched: {r['district']!r} ({r['state']}) for {r['product']!r}: {r['match_note']}"
              for r in rows if not r["lgd_code"]]
    return lines


def run(args: argparse.Namespace) -> int:
    """Import one list; returns the exit code."""
    options = ImportOptions(args.programme, args.source, args.sector, parse_columns(args.columns))
    result = import_rows(args.input, options)
    print(f"read {args.input.name} as {result.encoding}; {len(result.rows)} product rows")
    if result.ignored_columns:
        print(f"columns not imported (they stay in the raw file): {', '.join(result.ignored_columns)}")
    for problem in result.problems:
        print(problem)
    rows = place_rows(result.rows, load_matcher(args.data_dir))
    print("\n".join(report_matches(rows)))
    existing = read_products_file(args.out)
    merged, diff = merge(existing, rows, args.programme)
    print(("changes (dry run, nothing written):" if args.dry_run else "changes:") if not diff.empty
          else "no changes")
    if not diff.empty:
        print("\n".join(diff.lines()))
    refusal = shrink_refusal(existing, merged, args.programme, len(rows))
    if refusal and not args.allow_shrink:
        print(f"refused: {refusal}; products.csv unchanged (use --allow-shrink if this is intended)")
        return EXIT_REFUSED
    if not args.dry_run:
        write_atomically(args.out, merged)
        print(f"wrote {args.out} ({len(merged)} rows); next: python -m dashboard.data check")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line (exit codes in --help)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=EXIT_CODES,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", type=Path, help="the official list (.csv, .xlsx or .pdf)")
    p.add_argument("--programme", default="DPIIT ODOP", help="list name stored in the programme column")
    p.add_argument("--source", required=True, help="citation of the list, stored in each row's source")
    p.add_argument("--sector", default="", help="sector of every row, for a list that gives none (e.g. PMFME)")
    p.add_argument("--columns", default="", help="explicit mapping, e.g. 'state=Name of State,product=Item'")
    p.add_argument("--out", type=Path, default=DEFAULT_DATA_DIR / "odop" / "products.csv")
    p.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="boundaries and aliases to match with")
    p.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    p.add_argument("--allow-shrink", action="store_true", help="allow an import that removes over half of a list")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point: one-line errors, never a traceback, for a bad input."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except ImportFailure as exc:
        print(f"error: {exc}; products.csv unchanged", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"error: {exc}; products.csv unchanged", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
