"""``python -m dashboard.data check [--data-dir DIR] [--all]``: print the data report."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.data.atlas import DEFAULT_DATA_DIR, load_atlas_or_explain
from dashboard.data.report import report_lines


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.data", description="Validate and join ODOP Atlas data.")
    parser.add_argument("command", choices=["check"], help="check: load everything and print the match report")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--all", action="store_true", help="list every issue and unmatched name")
    args = parser.parse_args()
    atlas = load_atlas_or_explain(args.data_dir)
    print("\n".join(report_lines(atlas, max_listed=10**9 if args.all else 50)))


if __name__ == "__main__":
    main()
