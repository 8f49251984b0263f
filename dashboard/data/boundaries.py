"""District boundaries: read the built GeoJSON and validate it (vectorised with shapely 2)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from dashboard.data.issues import DataFileError, IssueLog
from dashboard.data.names import name_key, state_key, title_case

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


def _read_frame(path: Path) -> gpd.GeoDataFrame:
    """The file as a GeoDataFrame with the documented string columns; whole-file problems raise."""
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
    frame = frame[DISTRICT_COLUMNS + ["geometry"]].reset_index(drop=True)
    for column in DISTRICT_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    return frame


def _check_geometry(frame: gpd.GeoDataFrame, path: Path, log: IssueLog) -> np.ndarray:
    """Repair invalid polygons in place; return the mask of features to keep. Feature numbers are 1-based."""
    geometry = frame.geometry.values
    labels = np.where(frame["district"] != "", frame["district"], frame["district_id"])
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    bounds = shapely.bounds(geometry)
    in_range = (np.abs(bounds[:, [0, 2]]) <= 180).all(axis=1) & (np.abs(bounds[:, [1, 3]]) <= 90).all(axis=1)
    projected = ~missing & ~in_range
    invalid = ~missing & in_range & ~shapely.is_valid(geometry)
    keep = ~missing & ~projected
    for index in np.flatnonzero(missing):
        log.add(path, index + 1, f"feature {labels[index]!r} has no geometry")
    for index in np.flatnonzero(projected):
        log.add(path, index + 1, f"feature {labels[index]!r} has coordinates outside longitude/latitude range "
                "(wrong CRS?)")
    for index in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(geometry[index])
        repaired = repair(geometry[index])
        if repaired is None:
            log.add(path, index + 1, f"feature {labels[index]!r} has invalid geometry ({reason}) that could not be "
                    "repaired")
            keep[index] = False
        else:
            log.add(path, index + 1, f"feature {labels[index]!r} has invalid geometry ({reason}); repaired", kept=True)
            frame.loc[index, "geometry"] = repaired
    duplicated = frame["district_id"].duplicated(keep="first").to_numpy() & keep
    for index in np.flatnonzero(duplicated):
        log.add(path, index + 1, f"duplicate LGD code {frame.at[index, 'district_id']} "
                f"({frame.at[index, 'district']!r}); first kept")
    return keep & ~duplicated


def _display_name(name: str, remarks: str, disputed: bool) -> str:
    if name:
        return title_case(name)
    return f"Disputed area ({title_case(remarks[9:].strip('() '))})" if disputed else "Unnamed area"


def read_districts(path: Path, log: IssueLog) -> gpd.GeoDataFrame:
    """Load district polygons, reporting (and setting aside) unusable features.

    Checks: the file exists (else it names the build command), the CRS is EPSG:4326,
    geometries are present, non-empty, in longitude/latitude range and valid (repaired
    where GEOS can), and LGD codes are unique. Polygons with no LGD code (disputed
    inter-state areas, areas not in LGD) are kept and labelled.
    """
    frame = _read_frame(path)
    frame = frame[_check_geometry(frame, path, log)].reset_index(drop=True)
    frame["has_lgd"] = frame["dist_lgd"].str.isdigit()
    frame["disputed"] = frame["state"].eq("") & frame["remarks"].str.upper().str.startswith("DISPUTED")
    frame["district_name"] = [_display_name(n, r, d) for n, r, d in
                              zip(frame["district"], frame["remarks"], frame["disputed"])]
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

