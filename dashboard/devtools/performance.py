"""The saved performance runs: full runs of scripts/benchmark.py and scripts/loadtest.py write them,
scripts/update_readme.py turns them into the README's performance tables."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

from dashboard.settings import DOCS_DIR

PERFORMANCE_DIR = DOCS_DIR / "performance"


def save_run(name: str, body: dict) -> Path:
    """Write ``body`` and today's date to docs/performance/NAME.json through a temporary file and a rename."""
    path = PERFORMANCE_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"measured": datetime.date.today().isoformat(), **body}, indent=1) + "\n",
                         encoding="utf-8")
    os.replace(temporary, path)
    print(f"saved {path}")
    return path


def load_run(name: str) -> dict:
    """A saved run, as :func:`save_run` wrote it."""
    return json.loads((PERFORMANCE_DIR / f"{name}.json").read_text(encoding="utf-8"))
