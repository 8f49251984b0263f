"""A one-page, print-ready district fact sheet (HTML from ``templates/factsheet.html``, autoescaped): map inset,
facts, products, schemes and sources. Pure: a district's detail and geometry in, an HTML page out."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import cache

import shapely
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from dashboard.panels import district_facts
from dashboard.panels.products import gi_statement, registry_names
from dashboard.queries import DistrictDetail
from dashboard.text import language, t

INSET_SIZE = 190
LISTED_APART = ("products", "schemes")  # facts the sheet lists in full below the table
IN_THE_HEADING = ("lgd_code", "census2011_code")  # facts the sheet gives under the district's name
LEFT_OFF = ("similar",)  # the panel's way to move between districts, not a fact of this one (and the page is full)


@cache
def templates() -> Environment:
    """The page templates (autoescaped), with ``t`` for their words."""
    environment = Environment(loader=PackageLoader("dashboard", "templates"), autoescape=select_autoescape())
    environment.globals.update(t=t, lang=language)
    return environment


def _svg_path(geometry, transform) -> str:
    parts = []
    for polygon in shapely.get_parts(geometry):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (transform(*xy) for xy in ring.coords))
            parts.append(f"M{points}Z")
    return " ".join(parts)


def inset_svg(district, neighbours, name: str) -> Markup:
    """An SVG map of the district (filled) among its neighbours (outlined): drawn from the shipped geometry."""
    west, south, east, north = shapely.union_all([district, *neighbours]).bounds
    scale = INSET_SIZE / max(east - west, north - south, 1e-6)

    def transform(x: float, y: float) -> tuple[float, float]:
        return (x - west) * scale, (north - y) * scale

    width, height = (east - west) * scale, (north - south) * scale
    others = "".join(f'<path d="{_svg_path(g, transform)}" fill="#eceff1" stroke="#78909c" stroke-width="0.6"/>'
                     for g in neighbours)
    return Markup(f'<svg role="img" aria-label="{escape(t("factsheet.inset", name=name))}" '
                  f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
                  f'xmlns="http://www.w3.org/2000/svg">{others}'
                  f'<path d="{_svg_path(district, transform)}" fill="#0b3d91" stroke="#000" stroke-width="1.2"/></svg>')


def scheme_lines(schemes) -> list[tuple[str, str, str, str]]:
    """One line per scheme and reason: (scheme, the products it covers or "district-wide", basis, rule kind)."""
    lines: dict[tuple[str, str, str], list[str]] = {}
    for row in schemes.itertuples(index=False):
        lines.setdefault((row.short_name, row.basis, row.rule_kind), []).append(row.product or t("factsheet.district_wide"))
    return [(name, ", ".join(dict.fromkeys(products)), basis, kind) for (name, basis, kind), products in lines.items()]


def factsheet_html(detail: DistrictDetail, district, neighbours, version: str) -> str:
    """The fact sheet page (A4, one page when printed)."""
    every = district_facts(detail)
    facts = [(t(f"fact.{key}"), value) for key, value in every.items() if key not in LISTED_APART + IN_THE_HEADING + LEFT_OFF]
    return templates().get_template("factsheet.html").render(
        detail=detail, version=version, printed=datetime.now(timezone.utc).strftime("%d %b %Y"),
        codes=t("panel.codes", lgd=every["lgd_code"], census=every["census2011_code"]),
        inset=inset_svg(district, neighbours, detail.name), facts=facts,
        products=[(p, gi_statement(p.gi_status, registry_names(p.product, detail.gi_links), short=True))
                  for p in detail.products.itertuples(index=False)], schemes=scheme_lines(detail.schemes),
        sources=sorted(set(detail.products["source"])), scheme_sources=scheme_sources(detail.schemes))


def scheme_sources(schemes) -> list[tuple[str, str]]:
    """Each scheme once, with the source of its rule (and who else reported it): (short name, sources)."""
    rows = schemes.dropna(subset=["source"]).drop_duplicates("scheme_id")
    also = rows["also_reported_by"] if "also_reported_by" in rows else [""] * len(rows)
    return [(name, "; ".join(filter(None, [source, *str(more or "").split(";")])))
            for name, source, more in zip(rows["short_name"], rows["source"], also)]


def error_html(status: int, message: str) -> str:
    """An error page in the app's words, with a way back to the atlas."""
    return templates().get_template("error.html").render(status=status, message=message)
