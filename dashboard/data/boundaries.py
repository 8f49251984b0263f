"""District boundaries: read the built GeoJSON and validate it."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from .issues import DataFileError, IssueLog
from .names import name_key, state_key, title_case

BUILD_COMMAND = "python scripts/build_geometry.py"
DISTRICT_COLUMNS = ["district_id", "district", "state", "state_lgd", "dist_lgd", "remarks"]


def repair(geometry: shapely.Geometry) -> shapely.Geometry | None:
    """A valid (multi)polygon for an invalid one, or ``None`` when GEOS cannot repair it."""
    for fix in (shapely.make_valid, lambda g: g.buffer(0)):
        try:
            fixed = fix(geometry)
        except shapely.errors.GEOSException:
            continue
        polygons = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
        if polygons and fixed.is_valid:
            return shapely.union_all(polygons)
    return None


def read_districts(path: Path, log: IssueLog) -> gpd.GeoDataFrame:
    """Load district polygons, reporting (and setting aside) unusable features.

    Checks: the file exists (else it names the build command), the CRS is EPSG:4326,
    geometries are present, non-empty and valid, and LGD codes are unique. Polygons with
    no LGD code (disputed inter-state areas, areas not in LGD) are kept and labelled.
    """
    if not path.exists():
        raise DataFileError(path, f"district geometry not built yet; run: {BUILD_COMMAND}")
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several error types for unreadable files
        raise DataFileError(path, f"cannot read geometry: {exc}") from exc
    missing = [c for c in DISTRICT_COLUMNS if c not in frame.columns]
    if missing:
        raise DataFileError(path, f"missing required column(s): {', '.join(missing)}")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise DataFileError(path, f"CRS is {frame.crs}, expected EPSG:4326 (longitude/latitude)")
    frame = frame[DISTRICT_COLUMNS + ["geometry"]].copy()
    for column in DISTRICT_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    keep = pd.Series(True, index=frame.index)
    for position, (index, row) in enumerate(frame.iterrows()):
        feature = position + 1
        geometry = row.geometry
        label = row["district"] or row["district_id"]
        if not isinstance(geometry, shapely.Geometry) or geometry.is_empty:
            log.add(path, feature, f"feature {label!r} has no geometry")
            keep[index] = False
        elif not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            repaired = repair(geometry)
            if repaired is None:
                log.add(path, feature, f"feature {label!r} has invalid geometry ({reason}) that could not be repaired")
                keep[index] = False
            else:
                log.add(path, feature, f"feature {label!r} has invalid geometry ({reason}); repaired", kept=True)
                frame.at[index, "geometry"] = repaired
        if isinstance(geometry, shapely.Geometry) and not geometry.is_empty:
            minx, miny, maxx, maxy = geometry.bounds
            if not (-180 <= minx <= 180 and -90 <= miny <= 90 and -180 <= maxx <= 180 and -90 <= maxy <= 90):
                log.add(path, feature, f"feature {label!r} has coordinates outside longitude/latitude range "
                        "(wrong CRS?)")
                keep[index] = False
    duplicated = frame["district_id"].duplicated(keep="first") & keep
    for index in frame.index[duplicated]:
        log.add(path, frame.index.get_loc(index) + 1,
                f"duplicate LGD code {frame.at[index, 'district_id']} ({frame.at[index, 'district']!r}); first kept")
        keep[index] = False
    frame = frame[keep].reset_index(drop=True)
    frame["has_lgd"] = frame["dist_lgd"].str.isdigit()
    frame["disputed"] = frame["state"].eq("") & frame["remarks"].str.upper().str.startswith("DISPUTED")
    frame["district_name"] = [
        title_case(name) if name else (f"Disputed area ({title_case(remarks[9:].strip('() '))})" if disputed else "Unnamed area")
        for name, remarks, disputed in zip(frame["district"], frame["remarks"], frame["disputed"])
    ]
    frame["state_name"] = frame["state"].map(lambda s: title_case(s) if s else "")
    frame["district_key"] = frame["district"].map(name_key)
    frame["state_key"] = frame["state"].map(state_key)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def read_states(path: Path) -> gpd.GeoDataFrame:
    """State/UT outlines (dissolved from the districts by the build script), for borders and zoom."""
    if not path.exists():
        raise DataFileError(path, f"state geometry not built yet; run: {BUILD_COMMAND}")
    states = gpd.read_file(path)
    if states.crs is None or states.crs.to_epsg() != 4326:
        raise DataFileError(path, f"CRS is {states.crs}, expected EPSG:4326 (longitude/latitude)")
    states["state_name"] = states["state"].map(title_case)
    return states[["state_name", "geometry"]]
