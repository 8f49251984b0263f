"""Where things are: the repository's folders and the environment variables ODOP Atlas reads (imports nothing
of the dashboard, so every layer may use it)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_DIR / "data"
ASSETS_DIR = REPO_DIR / "assets"
DOCS_DIR = REPO_DIR / "docs"
ARTIFACTS_DIR = REPO_DIR / "artifacts"
BUILD_DIR = REPO_DIR / "build"  # what is made from the repository once and reused (never committed)
COMPRESSED_DIR = BUILD_DIR / "compressed"  # brotli and gzip copies of the static files, made at install
ATLAS_DIR = BUILD_DIR / "atlas"  # the loaded data, kept by load_atlas_or_explain


def data_dir_from_env() -> Path:
    """The data folder to serve: ``ODOP_DATA_DIR`` when set, else the shipped ``data/``."""
    return Path(os.environ.get("ODOP_DATA_DIR") or DEFAULT_DATA_DIR)
