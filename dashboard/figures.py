"""Pure figure builders: tidy data in, Plotly figure (or figure parts) out.

The map is a Plotly ``geo`` choropleth drawn from the shipped district GeoJSON only:
every base-map layer (land, coastlines, world countries) is off, so no world border is
ever drawn and no tile or topojson is fetched (the app points ``topojsonURL`` at a local,
empty topojson in ``assets/`` in case a layer is ever switched on).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType
import shapely

from .data.atlas import Atlas
from .data.schemas import SECTORS
from .investor import EXPORT_LABELS, export_class, usd_text

NO_LGD_COLOR = "#bdbdbd"
NO_DATA_COLOR = "#eceff1"
SECTOR_COLORS: dict[str, str] = dict(zip(SECTORS, [
    "#43a047", "#fb8c00", "#00acc1", "#1e88e5", "#8e24aa", "#d81b60", "#6d4c41", "#546e7a", "#c0ca33",
]))
COUNT_COLORS = ["#c6dbef", "#6baed6", "#3182bd", "#08519c", "#08306b"]
GI_COLORS = ["#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"]
EXPORT_COLORS = ["#c7e9c0", "#74c476", "#31a354", "#006d2c", "#00441b"]
SELECTED_COLOR = "#000000"
PARTNER_COLOR = "#e65100"
FACILITY_COLOR = "#00695c"
HOVER_PRODUCTS = 6
DISTRICTS_TRACE = "districts"
ASPIRATIONAL_TRACE = "aspirational districts"
STATES_TRACE = "state borders"
ASPIRATIONAL_COLOR = "#c2185b"


@dataclass(frozen=True)
class MapBase:
    """Geometry-derived parts of the map, computed once at start-up."""

    districts_geojson: dict
    district_ids: list[str]
    names: list[str]
    no_lgd: np.ndarray
    states_geojson: dict
    state_names: list[str]
    outlines: dict[str, tuple[list[float | None], list[float | None]]]
    state_bounds: dict[str, tuple[float, float, float, float]]
    district_bounds: dict[str, tuple[float, float, float, float]]
    india_bounds: tuple[float, float, float, float]


def _ring_coordinates(geometry) -> tuple[list[float | None], list[float | None]]:
    """Exterior and interior rings of a (multi)polygon as one line with ``None`` breaks."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for ring in shapely.get_rings(shapely.get_parts(geometry)):
        xy = shapely.get_coordinates(ring)
        lons.extend(xy[:, 0].round(3).tolist() + [None])
        lats.extend(xy[:, 1].round(3).tolist() + [None])
    return lons, lats


def build_map_base(atlas: Atlas) -> MapBase:
    """Pre-compute the district GeoJSON, outlines, state borders and bounds (once, at start-up)."""
    districts = atlas.districts
    geometries = [json.loads(g) for g in shapely.to_geojson(districts.geometry.values)]
    features = [{"type": "Feature", "id": did, "properties": {}, "geometry": geometry}
                for did, geometry in zip(districts["district_id"], geometries)]
    labels = [f"{n}, {s}" if s else n for n, s in zip(districts["district_name"], districts["state_name"])]
    return MapBase(
        districts_geojson={"type": "FeatureCollection", "features": features},
        district_ids=districts["district_id"].tolist(),
        names=labels,
        no_lgd=(~districts["has_lgd"]).to_numpy(),
        states_geojson=_state_outlines(atlas.states),
        state_names=atlas.states["state_name"].tolist(),
        outlines={did: _ring_coordinates(geom) for did, geom in zip(districts["district_id"], districts.geometry)},
        state_bounds={state: tuple(geom.bounds) for state, geom in zip(atlas.states["state_name"],
                                                                        atlas.states.geometry)},
        district_bounds=dict(zip(districts["district_id"], map(tuple, shapely.bounds(districts.geometry.values)))),
        india_bounds=tuple(districts.total_bounds),
    )


def _state_outlines(states) -> dict:
    """States as GeoJSON polygons without holes, keyed by name: the source's thousands of sliver gaps between
    districts would otherwise show as specks; enclaves keep their border through their own state's outline."""
    features = []
    for name, geometry in zip(states["state_name"], states.geometry):
        parts = shapely.get_exterior_ring(shapely.get_parts(geometry))
        rings = [[shapely.get_coordinates(ring).round(4).tolist()] for ring in parts]
        features.append({"type": "Feature", "id": name, "properties": {},
                         "geometry": {"type": "MultiPolygon", "coordinates": rings}})
    return {"type": "FeatureCollection", "features": features}


def _discrete_colorscale(colors: list[str]) -> list[list]:
    """A step colour scale where integer class ``i`` of ``len(colors)`` gets ``colors[i]``."""
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale.append([i / n, color])
        scale.append([(i + 1) / n, color])
    return scale


def _bin_label(value: int, top: int) -> str:
    return f"{value}+" if value == top else str(value)


@dataclass(frozen=True)
class MapClasses:
    """Per-district class index, and the class labels and colours for the legend."""

    z: list[int]
    labels: list[str]
    colors: list[str]


def _sector_classes(ids: pd.Index, products: pd.DataFrame, _values) -> tuple[np.ndarray, list[str], list[str]]:
    main = main_sectors(products)
    present = [s for s in SECTORS if s in set(main)]
    index = {s: i + 2 for i, s in enumerate(present)}
    return main.reindex(ids).map(index).fillna(1).astype(int).to_numpy(), present, [SECTOR_COLORS[s] for s in present]


def _count_classes(palette: list[str], gi_only: bool):
    def classify(ids: pd.Index, products: pd.DataFrame, _values) -> tuple[np.ndarray, list[str], list[str]]:
        rows = products[products["gi_tagged"]] if gi_only else products
        counts = rows.groupby("district_id").size().reindex(ids).fillna(0).astype(int).clip(upper=len(palette))
        return (counts + 1).to_numpy(), [_bin_label(v, len(palette)) for v in range(1, len(palette) + 1)], palette
    return classify


def _export_classes(ids: pd.Index, _products, values: pd.Series | None) -> tuple[np.ndarray, list[str], list[str]]:
    usd = (values if values is not None else pd.Series(dtype=float)).reindex(ids)
    classes = np.array([export_class(v) for v in usd.to_numpy(dtype=float)]) + 1
    return classes, list(EXPORT_LABELS), EXPORT_COLORS


CONVERGENCE_BINS = ((1, 3), (4, 5), (6, 7), (8, 99))
CONVERGENCE_COLORS = ["#dadaeb", "#9e9ac8", "#6a51a3", "#3f007d"]
OVERLAP_COLORS = ["#fdae6b", "#74a9cf", "#7a0177"]  # first scheme only, second only, both


def _convergence_classes(ids: pd.Index, _products, values: pd.Series | None) -> tuple[np.ndarray, list[str], list[str]]:
    counts = (values if values is not None else pd.Series(dtype=float)).reindex(ids).fillna(0).to_numpy()
    classes = np.ones(len(ids), dtype=int)
    for index, (low, high) in enumerate(CONVERGENCE_BINS):
        classes[(counts >= low) & (counts <= high)] = index + 2
    labels = [f"{low}–{high} schemes" if high < 99 else f"{low} or more schemes" for low, high in CONVERGENCE_BINS]
    return classes, labels, CONVERGENCE_COLORS


def _overlap_classes(ids: pd.Index, _products, values: pd.Series | None) -> tuple[np.ndarray, list[str], list[str]]:
    """Codes 1, 2, 3 (first scheme only, second only, both); ``values.attrs['labels']`` names them."""
    codes = (values if values is not None else pd.Series(dtype=int)).reindex(ids).fillna(0).astype(int).to_numpy()
    labels = (values.attrs.get("labels") if values is not None else None) or ["chosen scheme applies"]
    return np.where(codes > 0, codes + 1, 1), labels, OVERLAP_COLORS if len(labels) == 3 else OVERLAP_COLORS[-1:]


@dataclass(frozen=True)
class ColourMode:
    """A way to colour the districts: its legend title, the label of "nothing here" and its classifier."""

    label: str
    empty: str
    classify: Callable[[pd.Index, pd.DataFrame, pd.Series | None], tuple[np.ndarray, list[str], list[str]]]


# Every colour mode, in the order the page offers them. A classifier returns, per polygon, a class
# (1 = nothing here, 2.. = its labels and colours); class 0 (no LGD code) is added for all modes.
MODES: dict[str, ColourMode] = {
    "sector": ColourMode("Main product sector", "No product in this list (or view)", _sector_classes),
    "count": ColourMode("Number of ODOP products", "No product in this list (or view)",
                        _count_classes(COUNT_COLORS, gi_only=False)),
    "gi": ColourMode("GI-tagged products", "No GI-tagged product in this list (or view)",
                     _count_classes(GI_COLORS, gi_only=True)),
    "exports": ColourMode("Exports FY2024-25 (USD)", "No recorded exports", _export_classes),
    "convergence": ColourMode("Schemes that converge", "No scheme linked (in this view)", _convergence_classes),
    "schemes": ColourMode("Chosen schemes", "Chosen scheme(s) do not apply, or none chosen", _overlap_classes),
}
COLOR_MODES: dict[str, str] = {key: mode.label for key, mode in MODES.items()}
VALUE_MODES = {"exports", "convergence", "schemes"}  # modes whose classifier needs per-district values


def district_classes(base: MapBase, products: pd.DataFrame, mode: str, values: pd.Series | None = None) -> MapClasses:
    """Classify every polygon for a colour mode; class 0 = no LGD code, 1 = nothing here (e.g. no product)."""
    colour = MODES[mode]
    classes, labels, colors = colour.classify(pd.Index(base.district_ids), products, values)
    classes = np.where(base.no_lgd, 0, classes)
    return MapClasses(classes.tolist(), ["Disputed area / no LGD code", colour.empty] + labels,
                      [NO_LGD_COLOR, NO_DATA_COLOR] + colors)


def main_sectors(products: pd.DataFrame) -> pd.Series:
    """Each district's main sector: the sector of most of its products, ties broken by legend order."""
    if products.empty:
        return pd.Series(dtype=str)
    counts = products.groupby(["district_id", "sector"]).size().rename("n").reset_index()
    counts["order"] = counts["sector"].map({s: i for i, s in enumerate(SECTORS)})
    ranked = counts.sort_values(["district_id", "n", "order"], ascending=[True, False, True])
    return ranked.drop_duplicates("district_id").set_index("district_id")["sector"]


HOVER_VALUES: dict[str, Callable[[float], str]] = {
    "exports": lambda v: f"Exports FY2024-25: {usd_text(v)}",
    "convergence": lambda v: f"Schemes that converge: {int(v)}",
}


def hover_texts(base: MapBase, products: pd.DataFrame, values: pd.Series | None = None, mode: str = "") -> list[str]:
    """Hover label per polygon: district, state, (escaped) product names, and the mode's value where it has one."""
    listed: dict[str, str] = {}
    if len(products):
        shown = products.groupby("district_id", sort=False).head(HOVER_PRODUCTS)
        lines = "• " + shown["product"].map(html.escape) + " (" + shown["sector"].map(html.escape) + ")"
        listed = lines.groupby(shown["district_id"]).agg("<br>".join).to_dict()
        for did, count in products["district_id"].value_counts().items():
            if count > HOVER_PRODUCTS:
                listed[did] += f"<br>… and {count - HOVER_PRODUCTS} more"
    show_value = values is not None and mode in HOVER_VALUES
    texts = []
    for did, name, no_lgd in zip(base.district_ids, base.names, base.no_lgd):
        body = listed.get(did) or ("Not an LGD district" if no_lgd else "No product recorded in this list (or view)")
        value = "<br>" + html.escape(HOVER_VALUES[mode](values[did])) if show_value and did in values.index else ""
        texts.append(f"<b>{html.escape(name)}</b><br>{body}{value}")
    return texts


def choropleth_style(base: MapBase, products: pd.DataFrame, mode: str, values: pd.Series | None = None,
                     classes: MapClasses | None = None) -> dict:
    """The choropleth properties that follow the filters and colour mode (everything but the geometry).

    The page shows the legend as HTML next to the map (``showscale`` off); an exported image
    turns the colour bar on, so it carries the same legend.
    """
    classes = classes or district_classes(base, products, mode, values)
    n = len(classes.labels)
    return dict(
        z=classes.z,
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=_discrete_colorscale(classes.colors),
        showscale=False,
        colorbar=dict(title=dict(text=COLOR_MODES[mode]), tickvals=list(range(n)), ticktext=classes.labels,
                      len=0.9, thickness=14, x=1.0),
        text=hover_texts(base, products, values if mode in VALUE_MODES else None, mode),
    )


def choropleth_trace(base: MapBase, products: pd.DataFrame, mode: str, values: pd.Series | None = None
                     ) -> go.Choropleth:
    """The district choropleth, without its geometry (see :func:`map_figure`)."""
    return go.Choropleth(
        locations=base.district_ids,
        marker=dict(line=dict(color="#ffffff", width=0.3)),
        hovertemplate="%{text}<extra></extra>",
        name=DISTRICTS_TRACE,
        uid=DISTRICTS_TRACE,
        **choropleth_style(base, products, mode, values),
    )


def _line_trace(lons: list, lats: list, color: str, width: float, name: str, dash: str = "solid") -> go.Scattergeo:
    return go.Scattergeo(lon=lons, lat=lats, mode="lines", line=dict(color=color, width=width, dash=dash),
                         hoverinfo="skip", name=name, uid=name, showlegend=False)


@dataclass(frozen=True)
class Overlays:
    """What the overlay traces show: the selection, its cluster partners and the points of places."""

    selected: str | None = None
    partners: tuple[str, ...] = ()
    places: pd.DataFrame | None = None
    aspirational: tuple[str, ...] = ()


def _outlines(base: MapBase, district_ids) -> tuple[list, list]:
    lons: list = []
    lats: list = []
    for did in district_ids:
        lon, lat = base.outlines.get(did, ([], []))
        lons.extend(lon)
        lats.extend(lat)
    return lons, lats


def _state_borders(base: MapBase, _: Overlays) -> go.Choropleth:
    """State outlines: unfilled polygons from their own served GeoJSON, so no coordinates travel in the page."""
    clear = "rgba(0,0,0,0)"
    return go.Choropleth(locations=base.state_names, z=[0] * len(base.state_names),
                         colorscale=[[0, clear], [1, clear]], showscale=False,
                         marker=dict(line=dict(color="#37474f", width=0.9)), hoverinfo="skip",
                         name=STATES_TRACE, uid=STATES_TRACE)


def _aspirational_outlines(base: MapBase, overlays: Overlays) -> go.Scattergeo:
    return _line_trace(*_outlines(base, overlays.aspirational), ASPIRATIONAL_COLOR, 1.6, ASPIRATIONAL_TRACE,
                       dash="dash")


def _partner_outlines(base: MapBase, overlays: Overlays) -> go.Scattergeo:
    return _line_trace(*_outlines(base, overlays.partners), PARTNER_COLOR, 2.2, "cluster partner districts", dash="dot")


def _selected_outline(base: MapBase, overlays: Overlays) -> go.Scattergeo:
    return _line_trace(*_outlines(base, [overlays.selected] if overlays.selected else []), SELECTED_COLOR, 3.0,
                       "selected district")


PLACE_STYLES: dict[str, tuple[str, str, int]] = {  # kind -> (symbol, colour, size)
    "pm mitra park": ("star", "#6a1b9a", 13),
    "mega food park": ("diamond", "#00695c", 10),
    "airport": ("triangle-up", "#37474f", 8),
    "seaport": ("square", "#0277bd", 7),
}
PLACES_TRACE = "facilities, airports and seaports"


def _place_text(place) -> str:
    code = f" {html.escape(place.code)}" if place.code else ""
    status = f"<br>status: {html.escape(place.status)}" if place.status else ""
    return f"<b>{html.escape(place.name)}</b>{code}<br>{html.escape(place.kind)}{status}<br>" \
           f"<i>{html.escape(place.source[:90])}</i>"


def _place_points(_: MapBase, overlays: Overlays) -> go.Scattergeo:
    points = overlays.places if overlays.places is not None else pd.DataFrame(columns=["lon", "lat", "kind"])
    points = points.dropna(subset=["lon", "lat"])
    styles = [PLACE_STYLES.get(k, ("circle", "#455a64", 8)) for k in points["kind"]]
    return go.Scattergeo(
        lon=points["lon"].tolist(), lat=points["lat"].tolist(), mode="markers",
        marker=dict(symbol=[s[0] for s in styles], color=[s[1] for s in styles], size=[s[2] for s in styles],
                    line=dict(color="#ffffff", width=1)),
        text=[_place_text(p) for p in points.itertuples(index=False)],
        customdata=points["district_id"].tolist() if len(points) else [],
        hovertemplate="%{text}<extra></extra>", name=PLACES_TRACE, uid=PLACES_TRACE, showlegend=False,
    )


# Overlay traces drawn above the district choropleth, bottom to top. Callbacks address every
# trace by its name (``trace_index``), never by position, so a layer can be added here alone.
OVERLAYS: dict[str, Callable[[MapBase, Overlays], BaseTraceType]] = {
    STATES_TRACE: _state_borders,
    ASPIRATIONAL_TRACE: _aspirational_outlines,
    "cluster partner districts": _partner_outlines,
    "selected district": _selected_outline,
    PLACES_TRACE: _place_points,
}
# What each overlay a change of view may redraw is drawn from (the state borders never change).
OVERLAY_INPUTS = {ASPIRATIONAL_TRACE: "aspirational", "cluster partner districts": "partners",
                  "selected district": "selected", PLACES_TRACE: "places"}
GEOMETRY_TRACES = {DISTRICTS_TRACE: "districts_geojson", STATES_TRACE: "states_geojson"}  # trace -> its MapBase GeoJSON


def trace_names() -> list[str]:
    """Every map trace's name, in drawing order (the choropleth first)."""
    return [DISTRICTS_TRACE, *OVERLAYS]


def trace_index(name: str) -> int:
    """Position of the named trace in the map figure."""
    return trace_names().index(name)


def overlay_traces(base: MapBase, overlays: Overlays, names=None) -> dict[str, BaseTraceType]:
    """The named overlay traces (all of them when ``names`` is None)."""
    return {name: OVERLAYS[name](base, overlays) for name in (OVERLAYS if names is None else names)}


def changed_overlays(before: Overlays | None, after: Overlays) -> tuple[str, ...]:
    """The overlays whose inputs differ between two states of the map (every one when ``before`` is unknown)."""
    def same(a, b) -> bool:
        return a.equals(b) if isinstance(a, pd.DataFrame) else a == b
    return tuple(name for name, field_name in OVERLAY_INPUTS.items()
                 if before is None or not same(getattr(before, field_name), getattr(after, field_name)))


ZOOM_CONTEXT_DEGREES = 2.5  # a zoomed district is shown with at least this much of its surroundings


def view_ranges(base: MapBase, state: str | None, zoom_to: str | None = None) -> dict:
    """Longitude/latitude ranges: the zoomed district with context, else the chosen state, else India."""
    if zoom_to in base.district_bounds:
        west, south, east, north = base.district_bounds[zoom_to]
        cx, cy = (west + east) / 2, (south + north) / 2
        half = max(east - west, north - south, ZOOM_CONTEXT_DEGREES) * 0.75
        wide = half * 1.4  # the map box is wider than tall: show more context east and west
        return dict(lonaxis=dict(range=[cx - wide, cx + wide]), lataxis=dict(range=[cy - half, cy + half]))
    west, south, east, north = base.state_bounds.get(state, base.india_bounds) if state else base.india_bounds
    pad_x, pad_y = max((east - west) * 0.02, 0.2), max((north - south) * 0.02, 0.2)
    return dict(lonaxis=dict(range=[west - pad_x, east + pad_x]), lataxis=dict(range=[south - pad_y, north + pad_y]))


def map_figure(base: MapBase, products: pd.DataFrame, mode: str = "sector", *, geojson_urls: dict | None = None,
               state: str | None = None, overlays: Overlays = Overlays(), values: pd.Series | None = None,
               zoom_to: str | None = None, meta: dict | None = None) -> dict:
    """The map alone as a figure dict: the district choropleth and its overlays, edge to edge.

    Its heading, legend and source line are page text (``dashboard/legend.py``), which wraps on a
    phone and is read by screen readers; an exported PNG gets them from ``meta`` (``assets/odop.js``).

    ``geojson_urls`` maps a geometry trace's name to the (same-origin) URL the browser fetches its
    GeoJSON from; without it the geometry is embedded. Geometry is attached after Plotly has validated
    everything else: validating ~800 polygons would cost most of a second for no benefit.
    """
    fig = go.Figure([choropleth_trace(base, products, mode, values), *overlay_traces(base, overlays).values()])
    fig.update_layout(
        margin=dict(l=0, r=0, t=0, b=0),
        paper_bgcolor="#ffffff",
        geo=dict(visible=False, projection=dict(type="mercator"), bgcolor="#ffffff",
                 **view_ranges(base, state, zoom_to)),
        meta=meta or {},
        uirevision="atlas",
        dragmode="pan",
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"),
    )
    figure = fig.to_plotly_json()
    for name, field in GEOMETRY_TRACES.items():
        figure["data"][trace_index(name)]["geojson"] = (geojson_urls or {}).get(name, getattr(base, field))
    return figure
