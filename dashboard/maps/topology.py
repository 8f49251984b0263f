"""The map's geometry as one TopoJSON topology: each border shared by two districts (or by a district and its
state's outline) is stored once, and coordinates are whole steps of 0.001 degree (the precision the geometry build
rounds to), delta-encoded. The browser decodes it (``assets/odop.js`` with the vendored topojson-client) into the
district and state GeoJSON the map's traces name: one file of about 270 KB compressed instead of their 370 KB."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely

from dashboard.maps.figures import MapBase

STEP = 0.001  # degrees per coordinate unit (dashboard.build.geometry rounds to 3 decimals)
OBJECTS = ("districts", "states")  # the topology's objects, in the order of MapBase's GeoJSON


def _quantised(arc: list, origin: np.ndarray) -> list[list[int]]:
    """An arc's points as whole steps from ``origin``, the first absolute and the rest as differences (repeated
    points dropped, at least two kept)."""
    points = np.rint((np.asarray(arc, dtype=float) - origin) / STEP).astype(np.int64)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    kept = points[keep] if keep.sum() >= 2 else points[[0, -1]]
    return np.vstack([kept[:1], np.diff(kept, axis=0)]).tolist()


def district_topology(base: MapBase) -> dict:
    """The districts and state outlines of ``base`` as a TopoJSON topology with objects ``districts`` and ``states``
    (each geometry's id its feature's). Takes a few seconds: made at install and stored
    (:func:`dashboard.web.routes.serve_geometry`)."""
    import topojson  # only when no stored copy exists

    layers = [gpd.GeoDataFrame({"id": [f["id"] for f in collection["features"]]},
                               geometry=[shapely.geometry.shape(f["geometry"]) for f in collection["features"]])
              for collection in (base.districts_geojson, base.states_geojson)]
    built = topojson.Topology(layers, object_name=list(OBJECTS), prequantize=False, topology=True,
                              presimplify=False, toposimplify=False).output
    origin = np.array([round(math.floor(value / STEP) * STEP, 3) for value in layers[0].total_bounds[:2]])
    objects = {name: {"type": "GeometryCollection",
                      "geometries": [{"type": g["type"], "arcs": g["arcs"], "id": g["properties"]["id"]}
                                     for g in built["objects"][name]["geometries"]]}
               for name in OBJECTS}
    return {"type": "Topology", "transform": {"scale": [STEP, STEP], "translate": origin.tolist()},
            "objects": objects, "arcs": [_quantised(arc, origin) for arc in built["arcs"]]}
