"""The map's words as page text: its heading, legend and source line (they wrap on a phone, screen readers
read them, and an exported PNG carries the same words through the figure's ``meta``)."""

from __future__ import annotations

from html import escape

from dash import html

from dashboard import ids
from dashboard.maps.modes import MODES, MapClasses
from dashboard.text import t


def source_lines(mode: str) -> list[str]:
    """The sources of what a colour mode colours, and of the boundaries."""
    return [t("sources.line", source=t(key)) for key in MODES[mode].sources] + [t("sources.boundaries_line")]


def legend(title: str, classes: MapClasses, note: str = "", overlays: list[tuple[str, str, str]] = (),
           symbols: list[tuple[str, str, str]] = ()) -> list:
    """A titled list of colour swatches and their labels (no-LGD class last, as it applies to few areas), then a
    line sample for each overlay shown and the symbol of each kind of point shown."""
    order = list(range(1, len(classes.labels))) + [0]
    items = [html.Li([html.Span(className="legend-swatch", style={"backgroundColor": classes.colors[i]},
                                **{"aria-hidden": "true"}), html.Span(classes.labels[i])], className="legend-item")
             for i in order]
    items += [html.Li([html.Span(className="legend-line", style={"borderTop": f"3px {dash} {color}"},
                                 **{"aria-hidden": "true"}), html.Span(label)], className="legend-item")
              for label, color, dash in overlays]
    items += [html.Li([html.Span(character, className="legend-symbol", style={"color": color},
                                 **{"aria-hidden": "true"}), html.Span(label)], className="legend-item")
              for label, character, color in symbols]
    return [html.Div(title, className="legend-title fw-semibold small", id=ids.LEGEND_TITLE),
            html.Ul(items, className="legend-list list-unstyled mb-0", **{"aria-labelledby": ids.LEGEND_TITLE}),
            html.P(note, className="small text-muted mb-0 mt-1") if note else None]


def symbol_line(overlays: list[tuple[str, str, str]], symbols: list[tuple[str, str, str]]) -> str:
    """The overlay lines and point symbols as one line of (escaped) HTML for an exported image's legend."""
    dashes = {"solid": "━━", "dashed": "╍╍", "dotted": "┅┅"}
    parts = [f"<span style='color:{color}'>{dashes.get(dash, '━━')}</span> {escape(label)}"
             for label, color, dash in overlays]
    parts += [f"<span style='color:{color}'>{character}</span> {escape(label)}" for label, character, color in symbols]
    return "<br>".join(" · ".join(parts[i:i + SYMBOLS_PER_LINE]) for i in range(0, len(parts), SYMBOLS_PER_LINE))


SYMBOLS_PER_LINE = 5  # an exported image's legend line wraps after this many entries


def map_heading(mode: str, summary: str) -> list:
    """The heading above the map: what the colours show, and for which view."""
    return [MODES[mode].label, html.Small(f" · {summary}", className="text-muted fw-normal")]


def map_text(mode: str, summary: str, classes: MapClasses, note: str,
             overlays: list[tuple[str, str, str]] = (), symbols: list[tuple[str, str, str]] = ()) -> dict:
    """The heading, legend (with the mode's ``note``) and source line that go with a drawn map."""
    return {"heading": map_heading(mode, summary),
            "legend": legend(MODES[mode].label, classes, note, overlays, symbols),
            "sources": " ".join(source_lines(mode))}
