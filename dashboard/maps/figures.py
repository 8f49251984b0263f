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
import shapely
from plotly.basedatatypes import BaseTraceType

from dashboard import ids
from dashboard.data.atlas import Atlas
from dashboard.data.census import TRIBAL_SHARES
from dashboard.maps.modes import MODES, MapClasses
from dashboard.maps.modes import district_classes as classify
from dashboard.queries import cluster_partners, filter_products, places_shown
from dashboard.queries.clusters import clustered_districts
from dashboard.queries.census import tribal_districts
from dashboard.text import t
from dashboard.view import View, filters_of

SELECTED_COLOR = "#000000"
PARTNER_COLOR = "#e65100"
ASPIRATIONAL_COLOR = "#c2185b"
TRIBAL_COLOR = "#00695c"
STATE_COLOR = "#212121"
CLUSTER_COLOR = "#0d47a1"
HOVER_PRODUCTS = 6


@dataclass(frozen=True)
class MapBase:
    """Geometry-derived parts of the map, computed once at start-up."""

    districts_geojson: bytes  # GeoJSON text, served as it is (a figure that embeds it parses it)
    district_ids: list[str]
    names: list[str]
    no_lgd: np.ndarray
    district_states: np.ndarray   # each polygon's state ('' for disputed areas)
    state_rings: dict[str, tuple[list[float | None], list[float | None]]]  # each state's outline as one line
    label_points: dict[str, tuple[float, float]]  # a point inside each district (lon, lat), for its name
    labelled: dict[str, tuple[str, ...]]  # per state, the districts large enough on its map for their names
    hindi_labels: dict[str, str]  # LGD's own Hindi name of each of those districts that has one (Hindi pages)
    states_geojson: bytes
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
    labels = [f"{n}, {s}" if s else n for n, s in zip(districts["district_name"], districts["state_name"])]
    return MapBase(
        districts_geojson=_features(districts["district_id"], shapely.to_geojson(districts.geometry.values)),
        district_ids=districts["district_id"].tolist(),
        names=labels,
        no_lgd=(~districts["has_lgd"]).to_numpy(),
        district_states=districts["state_name"].to_numpy(),
        state_rings={name: _ring_coordinates(shapely.polygons(shapely.get_exterior_ring(shapely.get_parts(geometry))))
                     for name, geometry in zip(atlas.states["state_name"], atlas.states.geometry)},
        label_points=dict(zip(atlas.district_facts.index, zip(atlas.district_facts["rep_lon"],
                                                              atlas.district_facts["rep_lat"]))),
        labelled=(labelled := _labelled_by_state(atlas.lgd_districts)),
        hindi_labels={d: hindi for named in labelled.values() for d in named if (hindi := atlas.hindi.own(d))},
        states_geojson=json_text(_state_outlines(atlas.states)),
        state_names=atlas.states["state_name"].tolist(),
        outlines={did: _ring_coordinates(geom) for did, geom in zip(districts["district_id"], districts.geometry)},
        state_bounds={state: tuple(geom.bounds) for state, geom in zip(atlas.states["state_name"],
                                                                        atlas.states.geometry)},
        district_bounds=dict(zip(districts["district_id"], map(tuple, shapely.bounds(districts.geometry.values)))),
        india_bounds=tuple(districts.total_bounds),
    )


def json_text(value: object) -> bytes:
    """JSON as compact UTF-8 text (what the app serves: GeoJSON, topology, lists)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _features(feature_ids, geometries) -> bytes:
    """A FeatureCollection's text from each feature's id and its geometry's GeoJSON text (as ``json_text`` would
    write it, without parsing and re-writing ~800 districts: 0.3 s of every start)."""
    features = (f'{{"type":"Feature","id":{json.dumps(fid, ensure_ascii=False)},"properties":{{}},"geometry":{g}}}'
                for fid, g in zip(feature_ids, geometries))
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode("utf-8")


LABEL_SHARE = 0.07  # a district is named when it spans this share of its state's width and height


def _labelled_by_state(districts: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per state, its districts that span ``LABEL_SHARE`` of the state's width and height (their names fit)."""
    states = districts["state_name"].to_numpy()
    box = pd.DataFrame(shapely.bounds(districts.geometry.values), columns=["west", "south", "east", "north"])
    state = box.groupby(states)
    width = state["east"].transform("max") - state["west"].transform("min")
    height = state["north"].transform("max") - state["south"].transform("min")
    fits = (((box["east"] - box["west"]) >= LABEL_SHARE * width)
            & ((box["north"] - box["south"]) >= LABEL_SHARE * height)).to_numpy()
    named = pd.Series(districts["district_id"].to_numpy()[fits])
    return {name: tuple(ids) for name, ids in named.groupby(states[fits])}


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


def district_classes(base: MapBase, products: pd.DataFrame, mode: str, values: pd.Series | None = None,
                     state: str | None = None) -> MapClasses:
    """Every polygon of the map classified for a colour mode (:func:`dashboard.maps.modes.district_classes`); with a
    chosen ``state``, the rest of India is context."""
    outside = base.district_states != state if state else None
    return classify(base.district_ids, base.no_lgd, products, mode, values, outside)


def hover_texts(base: MapBase, products: pd.DataFrame, values: pd.Series | None = None, mode: str = "") -> list[str]:
    """Hover label per polygon: district, state, (escaped) product names, and the mode's value where it has one."""
    listed: dict[str, str] = {}
    if len(products):
        shown = products.groupby("district_id", sort=False).head(HOVER_PRODUCTS)
        lines = "• " + shown["product"].map(html.escape) + " (" + shown["sector"].map(html.escape) + ")"
        for did, line in zip(shown["district_id"], lines):  # a plain loop: pandas' groupby-join took ~10 ms
            listed[did] = f"{listed[did]}<br>{line}" if did in listed else line
        for did, count in products["district_id"].value_counts().items():
            if count > HOVER_PRODUCTS:
                listed[did] += "<br>" + t("map.hover.more", count=count - HOVER_PRODUCTS)
    hover = MODES[mode].hover if mode in MODES else None
    show_value = values is not None and hover is not None
    texts = []
    for did, name, no_lgd in zip(base.district_ids, base.names, base.no_lgd):
        body = listed.get(did) or t("map.hover.no_lgd" if no_lgd else "map.hover.no_product")
        value = "<br>" + html.escape(hover(values[did])) if show_value and did in values.index else ""
        texts.append(f"<b>{html.escape(name)}</b><br>{body}{value}")
    return texts


def choropleth_style(base: MapBase, products: pd.DataFrame, mode: str, values: pd.Series | None = None,
                     classes: MapClasses | None = None, state: str | None = None) -> dict:
    """The choropleth properties that follow the filters and colour mode (everything but the geometry).

    The page shows the legend as HTML next to the map (``showscale`` off); an exported image
    turns the colour bar on, so it carries the same legend.
    """
    classes = classes or district_classes(base, products, mode, values, state)
    n = len(classes.labels)
    return dict(
        z=classes.z,
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=_discrete_colorscale(classes.colors),
        showscale=False,
        colorbar=dict(title=dict(text=MODES[mode].label), tickvals=list(range(n)), ticktext=classes.labels,
                      len=0.9, thickness=14, x=1.0),
        text=hover_texts(base, products, values, mode),
    )


def choropleth_trace(base: MapBase, products: pd.DataFrame, mode: str, values: pd.Series | None = None,
                     state: str | None = None) -> go.Choropleth:
    """The district choropleth, without its geometry (see :func:`map_figure`)."""
    return go.Choropleth(
        locations=base.district_ids,
        marker=dict(line=dict(color="#ffffff", width=0.3)),
        hovertemplate="%{text}<extra></extra>",
        name=ids.DISTRICTS_TRACE,
        uid=ids.DISTRICTS_TRACE,
        **choropleth_style(base, products, mode, values, state=state),
    )


def _line_trace(lons: list, lats: list, color: str, width: float, name: str, dash: str = "solid") -> go.Scattergeo:
    return go.Scattergeo(lon=lons, lat=lats, mode="lines", line=dict(color=color, width=width, dash=dash),
                         hoverinfo="skip", name=name, uid=name, showlegend=False)


def _outlines(base: MapBase, district_ids) -> tuple[list, list]:
    lons: list = []
    lats: list = []
    for did in district_ids:
        lon, lat = base.outlines.get(did, ([], []))
        lons.extend(lon)
        lats.extend(lat)
    return lons, lats


def _state_borders(base: MapBase, _: object) -> go.Choropleth:
    """State outlines: unfilled polygons from their own served GeoJSON, so no coordinates travel in the page."""
    clear = "rgba(0,0,0,0)"
    return go.Choropleth(locations=base.state_names, z=[0] * len(base.state_names),
                         colorscale=[[0, clear], [1, clear]], showscale=False,
                         marker=dict(line=dict(color="#37474f", width=0.9)), hoverinfo="skip",
                         name=ids.STATES_TRACE, uid=ids.STATES_TRACE)


def _state_line(base: MapBase, states: tuple) -> go.Scattergeo:
    """The chosen state's outline, drawn above the districts so the state stands out from its context."""
    lons, lats = base.state_rings.get(states[0], ([], [])) if states else ([], [])
    trace = _line_trace(lons, lats, STATE_COLOR, 2.6, ids.STATE_TRACE)
    trace.meta = list(states)  # which state it outlines (the map's preview reads it: map_preview)
    return trace


def _labels(base: MapBase, shown: tuple) -> go.Scattergeo:
    """The names of the chosen state's districts that fit (``MapBase.labelled``); ``shown``: the state and the
    page's language (on a Hindi page, LGD's own Hindi name where it gives one, as the panel's heading)."""
    state, lang = shown or (None, None)
    named = set(base.labelled.get(state, ()))
    hindi = base.hindi_labels if lang == "hi" else {}
    points = [(base.label_points[d], hindi.get(d) or name.split(", ")[0])
              for d, name in zip(base.district_ids, base.names) if d in named and d in base.label_points]
    return go.Scattergeo(lon=[p[0][0] for p in points], lat=[p[0][1] for p in points], mode="text",
                         text=[p[1] for p in points], hoverinfo="skip",
                         textfont=dict(size=10, color="#1b1b1b", shadow="0 0 2px #fff, 0 0 3px #fff"),
                         name=ids.LABELS_TRACE, uid=ids.LABELS_TRACE, showlegend=False)


def _outline_trace(name: str, color: str, width: float, dash: str) -> Callable[[MapBase, tuple], go.Scattergeo]:
    """An overlay that outlines a set of districts."""
    def draw(base: MapBase, district_ids: tuple) -> go.Scattergeo:
        trace = _line_trace(*_outlines(base, district_ids), color, width, name, dash=dash)
        trace.meta = list(district_ids)  # which districts it outlines (assets/odop.js reads the selection's)
        return trace
    return draw


PLACE_STYLES: dict[str, tuple[str, str, int]] = {  # kind -> (symbol, colour, size)
    "pm mitra park": ("star", "#6a1b9a", 13),
    "mega food park": ("diamond", "#00695c", 10),
    "airport": ("triangle-up", "#37474f", 8),
    "seaport": ("square", "#0277bd", 7),
    "major port": ("square", "#01579b", 11),
    "inland depot": ("hexagon", "#6d4c41", 7),
}
SYMBOL_CHARACTERS = {"star": "★", "diamond": "◆", "triangle-up": "▲", "square": "■", "hexagon": "⬢", "circle": "●"}


def place_symbols(shown: dict[str, object]) -> list[tuple[str, str, str]]:
    """Legend entries (label, symbol character, colour) for every kind of point the map shows."""
    places = shown.get(ids.PLACES_TRACE)
    kinds = set(places["kind"]) if isinstance(places, pd.DataFrame) and len(places) else set()
    return [(t(f"legend.place.{kind.replace(' ', '_')}"), SYMBOL_CHARACTERS[symbol], colour)
            for kind, (symbol, colour, _size) in PLACE_STYLES.items() if kind in kinds]


def _place_text(place) -> str:
    code = f" {html.escape(place.code)}" if place.code else ""
    status = f"<br>status: {html.escape(place.status)}" if place.status else ""
    return f"<b>{html.escape(place.name)}</b>{code}<br>{html.escape(place.kind)}{status}<br>" \
           f"<i>{html.escape(place.source[:90])}</i>"


def _place_points(_: MapBase, places: pd.DataFrame | tuple) -> go.Scattergeo:
    points = places if isinstance(places, pd.DataFrame) else pd.DataFrame(columns=["lon", "lat", "kind", "district_id"])
    points = points.dropna(subset=["lon", "lat"])
    styles = [PLACE_STYLES.get(k, ("circle", "#455a64", 8)) for k in points["kind"]]
    return go.Scattergeo(
        lon=points["lon"].tolist(), lat=points["lat"].tolist(), mode="markers",
        marker=dict(symbol=[s[0] for s in styles], color=[s[1] for s in styles], size=[s[2] for s in styles],
                    line=dict(color="#ffffff", width=1)),
        text=[_place_text(p) for p in points.itertuples(index=False)],
        customdata=points["district_id"].tolist() if len(points) else [],
        hovertemplate="%{text}<extra></extra>", name=ids.PLACES_TRACE, uid=ids.PLACES_TRACE, showlegend=False,
    )


@dataclass(frozen=True)
class Overlay:
    """A layer drawn above the district colours: its trace name, what it shows for a view (``None``: the same for
    every view), how it is drawn, and its legend entry (text key, colour, line dash) when it shows something."""

    name: str
    shows: Callable[[Atlas, View], object] | None
    draw: Callable[[MapBase, object], BaseTraceType]
    legend: tuple[str, str, str] | None = None


# Overlay traces drawn above the district choropleth, bottom to top. Callbacks address every trace by its name
# (``trace_index``), never by position, so adding a layer is one entry here (plus its View field and text).
OVERLAYS: tuple[Overlay, ...] = (
    Overlay(ids.STATES_TRACE, None, _state_borders),
    Overlay(ids.STATE_TRACE, lambda atlas, view: (view.state,) if view.state else (), _state_line,
            ("legend.overlay.state", STATE_COLOR, "solid")),
    Overlay(ids.ASPIRATIONAL_TRACE,
            lambda atlas, view: tuple(atlas.aspirational["district_id"]) if view.show_aspirational else (),
            _outline_trace(ids.ASPIRATIONAL_TRACE, ASPIRATIONAL_COLOR, 1.6, "dash"),
            ("legend.overlay.aspirational", ASPIRATIONAL_COLOR, "dashed")),
    *(Overlay(trace, lambda atlas, view, share=share: tribal_districts(atlas, *share) if view.show_tribal else (),
              _outline_trace(trace, TRIBAL_COLOR, width, dash), (f"legend.overlay.{key}", TRIBAL_COLOR, css))
      for trace, key, share, width, dash, css in (
          (ids.TRIBAL_TRACE, "tribal", (TRIBAL_SHARES[0], TRIBAL_SHARES[1]), 1.4, "dash", "dashed"),
          (ids.TRIBAL_MAJORITY_TRACE, "tribal_majority", (TRIBAL_SHARES[1], None), 2.2, "solid", "solid"))),
    Overlay(ids.CLUSTERS_TRACE, lambda atlas, view: clustered_districts(atlas, filter_products(
        atlas, filters_of(view))) if view.show_clusters else (), _outline_trace(ids.CLUSTERS_TRACE, CLUSTER_COLOR, 2.0,
                                                                                "solid"),
            ("legend.overlay.clusters", CLUSTER_COLOR, "solid")),
    Overlay(ids.PARTNERS_TRACE, lambda atlas, view: tuple(cluster_partners(atlas, view.district_id)),
            _outline_trace(ids.PARTNERS_TRACE, PARTNER_COLOR, 2.2, "dot"),
            ("legend.overlay.partners", PARTNER_COLOR, "dotted")),
    Overlay(ids.SELECTED_TRACE, lambda atlas, view: (view.district_id,) if view.district_id else (),
            _outline_trace(ids.SELECTED_TRACE, SELECTED_COLOR, 3.0, "solid"),
            ("legend.overlay.selected", SELECTED_COLOR, "solid")),
    Overlay(ids.LABELS_TRACE, lambda atlas, view: (view.state, view.lang) if view.state else (), _labels),
    Overlay(ids.PLACES_TRACE, places_shown, _place_points),
)
BY_NAME: dict[str, Overlay] = {overlay.name: overlay for overlay in OVERLAYS}
GEOMETRY_TRACES = {ids.DISTRICTS_TRACE: "districts_geojson", ids.STATES_TRACE: "states_geojson"}  # -> MapBase field


def overlays_of(atlas: Atlas, view: View) -> dict[str, object]:
    """What each overlay that follows the view shows for ``view``."""
    return {overlay.name: overlay.shows(atlas, view) for overlay in OVERLAYS if overlay.shows}


def overlay_legend(shown: dict[str, object]) -> list[tuple[str, str, str]]:
    """Legend entries (label, colour, dash) of the overlays that show something."""
    entries = []
    for name, value in shown.items():
        legend = BY_NAME[name].legend
        if legend and len(value):
            entries.append((t(legend[0]), legend[1], legend[2]))
    return entries


def trace_names() -> list[str]:
    """Every map trace's name, in drawing order (the choropleth first)."""
    return [ids.DISTRICTS_TRACE, *BY_NAME]


def trace_index(name: str) -> int:
    """Position of the named trace in the map figure."""
    return trace_names().index(name)


def overlay_traces(base: MapBase, shown: dict[str, object], names=None) -> dict[str, BaseTraceType]:
    """The named overlay traces (all of them when ``names`` is None), drawn from what each shows."""
    return {name: BY_NAME[name].draw(base, shown.get(name, ())) for name in (BY_NAME if names is None else names)}


def changed_overlays(before: dict[str, object] | None, after: dict[str, object]) -> tuple[str, ...]:
    """The overlays whose inputs differ between two states of the map (every one when ``before`` is unknown)."""
    def same(a, b) -> bool:
        return a.equals(b) if isinstance(a, pd.DataFrame) else a == b
    return tuple(name for name in after if before is None or not same(before.get(name), after[name]))


def clicked_district(click_data: object) -> str | None:
    """The district_id of a map click on a district, or on a place point (its district); other traces are ignored."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    curve = point.get("curveNumber")
    district = point.get("location") if curve == trace_index(ids.DISTRICTS_TRACE) else (
        point.get("customdata") if curve == trace_index(ids.PLACES_TRACE) else None)
    return district if isinstance(district, str) and district else None


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
               state: str | None = None, overlays: dict[str, object] | None = None, values: pd.Series | None = None,
               zoom_to: str | None = None, meta: dict | None = None) -> dict:
    """The map alone as a figure dict: the district choropleth and its overlays, edge to edge.

    Its heading, legend and source line are page text (``dashboard/legend.py``), which wraps on a
    phone and is read by screen readers; an exported PNG gets them from ``meta`` (``assets/odop.js``).

    ``geojson_urls`` maps a geometry trace's name to the (same-origin) URL the browser fetches its
    GeoJSON from; without it the geometry is embedded. Geometry is attached after Plotly has validated
    everything else: validating ~800 polygons would cost most of a second for no benefit.
    """
    fig = go.Figure([choropleth_trace(base, products, mode, values, state),
                     *overlay_traces(base, overlays or {}).values()])
    fig.update_layout(
        margin=dict(l=0, r=0, t=0, b=0),
        paper_bgcolor="#ffffff",
        geo=dict(visible=False, projection=dict(type="mercator"), bgcolor="#ffffff",
                 **view_ranges(base, state, zoom_to)),
        meta=meta or {},
        uirevision="atlas",
        dragmode="pan",
        font=dict(family="'Atlas Devanagari', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"),
    )
    figure = fig.to_plotly_json()
    for name, field in GEOMETRY_TRACES.items():
        url = (geojson_urls or {}).get(name)
        figure["data"][trace_index(name)]["geojson"] = url or json.loads(getattr(base, field))
    return figure


def map_preview(figure: dict) -> str:
    """What the page paints as soon as its layout is drawn, before Plotly has drawn ``figure`` (``assets/odop.js``,
    ``drawPreview``): the view's longitude and latitude ranges, the colour of each class and each district's class,
    in the order of the districts trace's locations (the topology's), and the outlines the overlays draw (the chosen
    state's, the selected district's...): the topology's object, its ids and the line. JSON text."""
    trace = figure["data"][trace_index(ids.DISTRICTS_TRACE)]
    steps = trace["colorscale"]
    geo = figure["layout"]["geo"]
    outlines = [{"object": "states" if line["name"] == ids.STATE_TRACE else "districts", "ids": line["meta"],
                 **{key: line["line"][key] for key in ("color", "width", "dash")}}
                for line in figure["data"] if line.get("meta") and "line" in line]
    return json.dumps({"lon": list(geo["lonaxis"]["range"]), "lat": list(geo["lataxis"]["range"]),
                       "colors": [color for _, color in steps[::2]], "z": [int(z) for z in trace["z"]],
                       "outlines": outlines}, separators=(",", ":"))
