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
    line sample for each overlay shown and the symbol of each kind of point shown. Each entry is one element whose
    sample the stylesheet draws from its custom property (``--swatch``, ``--line``, ``--symbol``), unread by screen
    readers: a component fewer to render per part (~0.8 ms each as the page loads)."""
    order = list(range(1, len(classes.labels))) + [0]
    items = [_item(classes.labels[i], "legend-swatch", {"--swatch": classes.colors[i]}) for i in order]
    items += [_item(label, "legend-line", {"--line": f"3px {dash} {color}"}) for label, color, dash in overlays]
    items += [_item(label, "legend-symbol", {"--symbol": f'"{character}"', "--symbol-color": color})
              for label, character, color in symbols]
    return [html.Div(title, className="legend-title fw-semibold small", id=ids.LEGEND_TITLE),
            html.Ul(items, className="legend-list list-unstyled mb-0", **{"aria-labelledby": ids.LEGEND_TITLE}),
            html.P(note, className="small text-muted mb-0 mt-1") if note else None]


def _item(label: str, sample: str, style: dict[str, str]) -> html.Li:
    return html.Li(label, className=f"legend-item {sample}", style=style)


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
