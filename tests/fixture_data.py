"""A small but real data directory for tests, cut from the shipped geometry."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL_DISTRICTS = ["VARANASI", "CHANDAULI", "BHADOHI", "MIRZAPUR", "JAUNPUR", "PRAYAGRAJ", "AGRA", "ALIGARH",
                   "KANNAUJ", "GURUGRAM", "LEH", "JAIPUR", "DARJILING", "RAMANAGARA", "SRINAGAR"]
VARANASI = "197"
CHANDAULI = "196"


def write_small_geometry(target: Path) -> None:
    """A handful of real district polygons plus one disputed area, from data/geo/districts.geojson."""
    districts = gpd.read_file(REPO / "data" / "geo" / "districts.geojson")
    keep = districts["district"].isin(SMALL_DISTRICTS) | (districts["district_id"] == "nolgd-26")
    (target / "geo").mkdir(parents=True, exist_ok=True)
    districts[keep].to_file(target / "geo" / "districts.geojson", driver="GeoJSON")
    shutil.copy(REPO / "data" / "geo" / "states.geojson", target / "geo" / "states.geojson")


def make_data_dir(target: Path, extra: dict[str, str] | None = None, **odop_files: str) -> Path:
    """A data dir with the small geometry, the fixture CSVs, any overriding ``odop/<name>.csv`` texts, and
    ``extra`` files by path relative to the data dir (e.g. ``aspirational/aspirational_districts.csv``)."""
    write_small_geometry(target)
    odop = target / "odop"
    shutil.copytree(FIXTURES / "odop", odop)
    for name, text in odop_files.items():
        path = odop / f"{name}.csv"
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    for relative, text in (extra or {}).items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_text(text, encoding="utf-8")
    return target
