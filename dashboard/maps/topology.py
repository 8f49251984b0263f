"""The map's geometry as one TopoJSON topology: each border shared by two districts (or by a district and its
state's outline) is stored once, and coordinates are whole steps of 0.001 degree (the precision the geometry build
rounds to), delta-encoded. The browser decodes it (``assets/odop.js`` with the vendored topojson-client) into the
district and state GeoJSON the map's traces name: one file of about 263 KB compressed instead of their 370 KB.
Each arc comes flat (``[x0, y0, dx1, dy1, ...]`` instead of TopoJSON's ``[[x0, y0], [dx1, dy1], ...]``): the page
parses 10,000 arrays instead of 98,000 as it loads (~19 instead of ~72 ms in a fresh page) and nests them as it
decodes.

The topology also marks which points an overview of the whole country needs (its member ``overview``): each arc
simplified (Douglas-Peucker) to within :data:`OVERVIEW_TOLERANCE`, about half of the 88,000 points. The page draws
that overview wherever the tolerance is at most half a pixel (All India on a screen up to ~1,900 pixels wide) and the
full detail wherever a user looks closer (a state, a district, a zoom, an exported A4 image)."""

from __future__ import annotations

import base64
import json
import math

import geopandas as gpd
import numpy as np
import shapely

from dashboard.maps.figures import MapBase

STEP = 0.001  # degrees per coordinate unit (dashboard.build.geometry rounds to 3 decimals)
OBJECTS = ("districts", "states")  # the topology's objects, in the order of MapBase's GeoJSON
OVERVIEW_TOLERANCE = 0.02  # degrees: how far the overview's outlines may stray from the full detail's


def _quantised(arc: list, origin: np.ndarray) -> np.ndarray:
    """An arc's points as whole steps from ``origin``, the first absolute and the rest as differences (repeated
    points dropped, at least two kept): an array of shape (points, 2)."""
    points = np.rint((np.asarray(arc, dtype=float) - origin) / STEP).astype(np.int64)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    kept = points[keep] if keep.sum() >= 2 else points[[0, -1]]
    return np.vstack([kept[:1], np.diff(kept, axis=0)])


def _overview_points(points: np.ndarray) -> np.ndarray:
    """Which of an arc's points (whole steps) the overview keeps: its ends and the points Douglas-Peucker keeps at
    :data:`OVERVIEW_TOLERANCE`; every point of a closed arc (a ring, such as an island) that would keep fewer than 4."""
    keep = np.ones(len(points), dtype=bool)
    if len(points) <= 2:
        return keep
    kept = shapely.get_coordinates(shapely.simplify(shapely.linestrings(points.astype(float)),
                                                    OVERVIEW_TOLERANCE / STEP, preserve_topology=False))
    keep[:] = False
    position = 0
    for index, point in enumerate(points):  # the kept points are a subsequence of the arc's
        if position < len(kept) and (point == kept[position]).all():
            keep[index], position = True, position + 1
    if (points[0] == points[-1]).all() and keep.sum() < 4:
        keep[:] = True
    return keep


def district_topology(base: MapBase) -> dict:
    """The districts and state outlines of ``base`` as a TopoJSON topology with objects ``districts`` and ``states``
    (each geometry's id its feature's), its arcs flat. Takes a few seconds: made at install and stored
    (:func:`dashboard.web.routes.serve_geometry`)."""
    import topojson  # only when no stored copy exists

    layers = [gpd.GeoDataFrame({"id": [f["id"] for f in collection["features"]]},
                               geometry=[shapely.geometry.shape(f["geometry"]) for f in collection["features"]])
              for collection in map(json.loads, (base.districts_geojson, base.states_geojson))]
    built = topojson.Topology(layers, object_name=list(OBJECTS), prequantize=False, topology=True,
                              presimplify=False, toposimplify=False).output
    origin = np.array([round(math.floor(value / STEP) * STEP, 3) for value in layers[0].total_bounds[:2]])
    objects = {name: {"type": "GeometryCollection",
                      "geometries": [{"type": g["type"], "arcs": g["arcs"], "id": g["properties"]["id"]}
                                     for g in built["objects"][name]["geometries"]]}
               for name in OBJECTS}
    arcs = [_quantised(arc, origin) for arc in built["arcs"]]
    inner = np.concatenate([_overview_points(np.cumsum(arc, axis=0))[1:-1] for arc in arcs])  # ends: always kept
    return {"type": "Topology", "transform": {"scale": [STEP, STEP], "translate": origin.tolist()},
            "objects": objects, "arcs": [arc.ravel().tolist() for arc in arcs],  # flat: x0, y0, dx1, dy1, ...
            "overview": {"tolerance": OVERVIEW_TOLERANCE,  # bit i (first bit the highest of its byte): inner point i
                         "keep": base64.b64encode(np.packbits(inner)).decode("ascii")}}  # of the arcs end to end


def decoded(topology: dict, name: str, overview: bool = False) -> dict[str, shapely.MultiPolygon]:
    """Object ``name`` of a topology made by :func:`district_topology` as shapes by id, in full detail or as the
    overview draws it (for tests and the benchmark's reference page; the page nests the arcs and decodes with
    topojson-client)."""
    scale, translate = np.array(topology["transform"]["scale"]), np.array(topology["transform"]["translate"])
    arcs = [np.cumsum(np.array(arc).reshape(-1, 2), axis=0) for arc in topology["arcs"]]
    if overview:
        inner = np.unpackbits(np.frombuffer(base64.b64decode(topology["overview"]["keep"]), dtype=np.uint8)).astype(bool)
        ends = np.cumsum([0] + [len(arc) - 2 for arc in arcs])
        arcs = [arc[np.concatenate([[True], inner[start:end], [True]])]
                for arc, start, end in zip(arcs, ends[:-1], ends[1:])]
    arcs = [arc * scale + translate for arc in arcs]

    def polygon(rings: list) -> shapely.Polygon:
        points = [np.vstack([arcs[i] if i >= 0 else arcs[~i][::-1] for i in ring]) for ring in rings]
        return shapely.Polygon(points[0], points[1:])
    return {g["id"]: shapely.MultiPolygon([polygon(p) for p in (g["arcs"] if g["type"] == "MultiPolygon"
                                                                 else [g["arcs"]])])
            for g in topology["objects"][name]["geometries"]}
