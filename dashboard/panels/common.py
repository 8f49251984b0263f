"""Small building blocks shared by the panels, and the panel-section registry's entry type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import html

from dashboard.queries import DistrictDetail
from dashboard.text import t


@dataclass(frozen=True)
class Section:
    """One section of a district: its panel (``None``: facts only) and its facts for the comparison table and the
    fact sheet (fact key -> text; the row label is ``fact.<key>`` in the text catalogue)."""

    key: str
    panel: Callable[[DistrictDetail], html.Section] | None
    facts: Callable[[DistrictDetail], dict[str, str]]


def section(title: str, body, section_id: str | None = None) -> html.Section:
    """A titled panel section."""
    heading = html.H3(title, className="h6 mt-3 mb-1 panel-heading")
    return html.Section([heading, body], id=section_id) if section_id else html.Section([heading, body])


def source_link(url: str, label: str | None = None) -> html.A | html.Span:
    """A link to a row's source; a citation that is not a web address stays plain text."""
    if url.startswith(("http://", "https://")):
        return html.A(label or t("panel.source"), href=url, target="_blank", rel="noopener", className="small")
    return html.Span(url, className="small text-muted")


def empty(text: str) -> html.P:
    """The honest empty state of a section."""
    return html.P(text, className="text-muted small fst-italic mb-1")


def joined(values) -> str:
    """Distinct non-empty values joined with "; ", or "none recorded"."""
    return "; ".join(dict.fromkeys(str(v) for v in values if str(v))) or t("panel.none_recorded")
