"""The map for a view: its first drawing, the patch that takes it from one view to the next, and the words that go
with it (heading, legend, sources, and the exported image's metadata). Pure: atlas, map base and views in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd
from dash import Patch

from dashboard import ids
from dashboard.data.atlas import Atlas
from dashboard.maps.figures import (
    MapBase,
    changed_overlays,
    choropleth_style,
    district_classes,
    map_figure,
    overlay_legend,
    place_symbols,
    overlay_traces,
    overlays_of,
    trace_index,
    view_ranges,
)
from dashboard.maps.legend import map_text, source_lines, symbol_line
from dashboard.maps.modes import MODES, MapClasses, mode_note, mode_values
from dashboard.queries import describe, filter_products, scheme_short_names
from dashboard.queries.investor import export_scope
from dashboard.text import t
from dashboard.view import View, filters_of


@dataclass(frozen=True)
class MapUpdate:
    """A map patch and the heading, legend and sources that go with it (``None``: they did not change)."""

    patch: Patch
    text: dict | None


@dataclass(frozen=True)
class Colouring:
    """A view's district colours: their classes (the legend's) and the choropleth's properties (colours, hover)."""

    classes: MapClasses
    style: dict


def colouring(atlas: Atlas, base: MapBase, view: View, rows: pd.DataFrame) -> Colouring:
    """The district colours and hover texts of ``view`` (``rows``: the product rows of its filters)."""
    values = mode_values(atlas, view, rows)
    classes = district_classes(base, rows, view.mode, values, view.state)
    return Colouring(classes, choropleth_style(base, rows, view.mode, values, classes))


def _selection_changed_only(view: View, drawn: View | None) -> bool:
    keep = {"district_id": None, "zoom": False, "compare": ()}
    return drawn is not None and replace(view, **keep) == replace(drawn, **keep)


def map_update(atlas: Atlas, base: MapBase, view: View, drawn: View | None, rows: pd.DataFrame,
               colours: Colouring | None = None,
               shown_of: Callable[[View], dict[str, object]] | None = None) -> MapUpdate:
    """The patch from the map drawn for ``drawn`` (``None``: unknown) to ``view``: only the selection outlines and
    zoom when nothing else changed; else the colours and the overlays whose inputs changed, with the new words.
    ``colours`` and ``shown_of`` (what a view's overlays show) may come from a cache; else they are worked out."""
    patch = Patch()
    shown_of = shown_of or partial(overlays_of, atlas)
    shown = shown_of(view)
    only_selection = _selection_changed_only(view, drawn)
    changed = changed_overlays(None if drawn is None else shown_of(drawn), shown)
    for name, trace in overlay_traces(base, shown, changed).items():
        patch["data"][trace_index(name)] = trace.to_plotly_json()
    patch["layout"]["meta"] = export_meta(atlas, view, shown)
    if not only_selection or view.zoom or (drawn is not None and drawn.zoom):
        for axis, value in view_ranges(base, view.state, view.district_id if view.zoom else None).items():
            patch["layout"]["geo"][axis] = value
    if only_selection:
        return MapUpdate(patch, None)
    colours = colours or colouring(atlas, base, view, rows)
    for key, value in colours.style.items():
        patch["data"][trace_index(ids.DISTRICTS_TRACE)][key] = value
    return MapUpdate(patch, drawn_text(atlas, view, colours.classes, shown))


def drawn_text(atlas: Atlas, view: View, classes: MapClasses, shown: dict[str, object]) -> dict:
    """The heading, legend and sources of the map drawn for ``view`` (``shown``: what its overlays show)."""
    return map_text(view.mode, view_summary(atlas, view), classes, mode_note(atlas, view), overlay_legend(shown),
                    place_symbols(shown))


def initial_map(atlas: Atlas, base: MapBase, view: View, geojson_urls: dict[str, str]) -> tuple[dict, dict]:
    """The map as the page first draws it for ``view`` (later changes are patches), with its words."""
    rows = filter_products(atlas, filters_of(view))
    values = mode_values(atlas, view, rows)
    shown = overlays_of(atlas, view)
    figure = map_figure(base, rows, view.mode, geojson_urls=geojson_urls, state=view.state, overlays=shown,
                        values=values, zoom_to=view.district_id if view.zoom else None,
                        meta=export_meta(atlas, view, shown))
    return figure, drawn_text(atlas, view, district_classes(base, rows, view.mode, values, view.state), shown)


def view_summary(atlas: Atlas, view: View) -> str:
    """The line under the map's title: the list, the filters and, for exports, what is counted."""
    summary = describe(atlas, view, atlas.list_label(view.list_id), scheme_short_names(atlas))
    return summary + (f" · {export_scope(atlas, view.sectors)}" if view.mode == "exports" else "")


def export_meta(atlas: Atlas, view: View, shown: dict[str, object]) -> dict:
    """What an exported image states besides the map (keys: ``ids.META_KEYS``), ``shown``: what its overlays
    show (their lines and symbols are its legend besides the colour bar)."""
    names = atlas.by_id
    district = (f"{names.at[view.district_id, 'district_name']}, {names.at[view.district_id, 'state_name']}"
                if view.district_id in names.index else "")
    return {"district": district, "summary": view_summary(atlas, view), "mode": MODES[view.mode].label,
            "version": atlas.version, "coverage": mode_note(atlas, view),
            "sources": source_lines(view.mode), "title": t("export.png.title"), "selected": t("export.png.selected"),
            "footer": t("export.png.footer", version=atlas.version),
            "symbols": symbol_line(overlay_legend(shown), place_symbols(shown))}
