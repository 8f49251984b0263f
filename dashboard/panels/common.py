"""Small building blocks shared by the panels."""

from __future__ import annotations

from dash import html


def section(title: str, body, section_id: str | None = None) -> html.Section:
    """A titled panel section."""
    heading = html.H3(title, className="h6 mt-3 mb-1 panel-heading")
    return html.Section([heading, body], id=section_id) if section_id else html.Section([heading, body])


def source_link(url: str, label: str = "source") -> html.A | html.Span:
    """A link to a row's source; a citation that is not a web address stays plain text."""
    if url.startswith(("http://", "https://")):
        return html.A(label, href=url, target="_blank", rel="noopener", className="small")
    return html.Span(url, className="small text-muted")


def empty(text: str) -> html.P:
    """The honest empty state of a section."""
    return html.P(text, className="text-muted small fst-italic mb-1")
