"""What the callbacks return: from the browser's inputs, through the pure functions of ``view``, ``queries``,
``maps`` and ``panels``, to the values and components of the page. No Dash wiring here (``callbacks.py`` has it).

``ViewCache`` holds the atlas, its map base and bounded caches keyed by validated views.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache, partial

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html, no_update

from dashboard import ids
from dashboard.data.atlas import Atlas
from dashboard.maps.figures import MapBase, clicked_district, overlays_of
from dashboard.maps.modes import view_choices
from dashboard.maps.update import Colouring, colouring, map_update, view_summary
from dashboard.panels import district_panel
from dashboard.panels.compare import compare_rows, compare_table
from dashboard.queries import (
    describe,
    district_detail,
    district_of_product_row,
    filter_products,
    gaps,
    known_district,
    scheme_links,
    summarise,
)
from dashboard.queries.exporting import (
    cluster_rows,
    convergence_brief,
    csv_text,
    export_filename,
    opportunity_rows,
    product_export,
    shown_ids,
)
from dashboard.queries.clusters import cluster_table
from dashboard.queries.investor import opportunities
from dashboard.text import LANGUAGES, language, t, use_language
from dashboard.ui.layout import district_options, picked_options
from dashboard.view import (CONTROL_FIELDS, PICKER_FIELDS, Transition, View, control_values, filters_of, next_view,
                            view_from_dict)

CONTROL_IDS = {spec.control for spec in CONTROL_FIELDS}
EVENTS = {ids.URL: "url", ids.MAP: "click", ids.TABLE: "select", ids.OPPORTUNITIES: "select",
          ids.COMPARE_ADD: "compare-add", ids.CLEAR_SELECTION: "clear", ids.RESET: "reset",
          ids.CLEAR_FILTERS: "reset"}


class ViewCache:
    """The atlas, its map base and the bounded caches the callbacks share (keys are validated views)."""

    def __init__(self, atlas: Atlas, base: MapBase):
        self.atlas, self.base, self.choices = atlas, base, view_choices(atlas)
        self.rows_for = lru_cache(maxsize=64)(lambda filters: filter_products(atlas, filters))
        self.colours_for = lru_cache(maxsize=64)(self._colours)
        self.shown_for = lru_cache(maxsize=64)(partial(overlays_of, atlas))
        self.opportunities_for = lru_cache(maxsize=32)(self._opportunities)
        self.detail_of = lru_cache(maxsize=64)(
            lambda district_id, list_id: district_detail(atlas, district_id, list_id) if district_id else None)
        self.options_in = lru_cache(maxsize=len(LANGUAGES))(lambda _language: district_options(atlas))
        self.panel_in = lru_cache(maxsize=16)(  # a panel's components hold ~0.27 MB: 16 of them, ~4 MB a worker
            lambda district_id, list_id, _language: district_panel(self.detail_of(district_id, list_id)))

    def district_options(self) -> list[dict]:
        """Every district as a picker option, in the answer's language (cached)."""
        return self.options_in(language())

    def stored(self, data: object) -> View:
        """A view from the browser's store, validated (bad values fall back to defaults); the answer is in its
        language."""
        view = view_from_dict(data, self.choices)[0]
        use_language(view.lang)
        return view

    def rows(self, view: View) -> pd.DataFrame:
        """The product rows of a view's filters (cached)."""
        return self.rows_for(filters_of(view))

    def compared(self, view: View) -> list:
        """Details of the districts in the comparison."""
        return [d for d in (self.detail_of(i, view.list_id) for i in view.compare) if d]

    def panel(self, view: View) -> list:
        """The district panel of ``view``'s selection, in the answer's language (cached)."""
        return self.panel_in(view.district_id, view.list_id, language())

    def _colours(self, filters: View, mode: str, schemes: tuple[str, ...]) -> Colouring:
        return colouring(self.atlas, self.base, replace(filters, mode=mode, schemes=schemes), self.rows_for(filters))

    def _opportunities(self, filters: View) -> pd.DataFrame:
        rows = self.rows_for(filters)
        links = scheme_links(self.atlas, rows["district_id"].unique(), filters.list_id, rows)
        schemes = links.groupby("district_id")["scheme"].apply(lambda s: sorted(set(s))).to_dict()
        return opportunities(self.atlas, rows, filters.sectors, schemes)


def event_payload(atlas: Atlas, trigger: object, inputs: dict) -> tuple[str, object]:
    """The reducer event for the component that fired, and what it carries."""
    if trigger in CONTROL_IDS:
        return "controls", inputs["controls"]
    trigger = trigger if isinstance(trigger, str) and trigger in EVENTS else ids.URL
    row = inputs.get("row")
    district_row = inputs.get("district_row")
    payload = {ids.URL: inputs.get("url"), ids.MAP: clicked_district(inputs.get("click")),
               ids.TABLE: district_of_product_row(atlas, row.get("rowId") if isinstance(row, dict) else None),
               ids.OPPORTUNITIES: known_district(atlas, district_row.get("rowId")
                                                 if isinstance(district_row, dict) else None)}.get(trigger)
    return EVENTS[trigger], payload


def _same(shown: object, value: object) -> bool:
    return (list(shown) if isinstance(shown, (list, tuple)) else shown) == value


def transition_outputs(current: View, transition: Transition, shown: dict | None = None,
                       lgd_codes: dict[str, str] | None = None) -> dict:
    """The reducer's outputs: the stores, the controls that must change, the page address and the message area.

    ``shown`` holds what each control shows now: a control is only written when the new view
    differs from it, so typing is never interrupted and a click updates just the picker.
    """
    view = transition.view
    changed = view != current
    messages = [html.Div(p, className="alert alert-warning py-1 mb-2") for p in transition.problems]
    shown = shown or {}
    return {
        "view": view.to_dict() if changed else no_update,
        "filters": filters_of(view).to_dict() if filters_of(view) != filters_of(current) else no_update,
        "controls": {name: no_update if name in shown and _same(shown[name], value) else value
                     for name, value in control_values(view).items()},
        "url": view.to_query_string(lgd_codes) if (transition.url_follows and changed) or transition.rewrite_url
        else no_update,
        "message": messages if messages or transition.url_follows is False else no_update,
    }


def map_outputs(cache: ViewCache, shown: View, view: View, shown_valid: bool = True) -> dict:
    """The map patch and words that take the map from the view it shows to ``view`` (no-ops if equal)."""
    if view == shown and shown_valid:
        return {"figure": no_update, "heading": no_update, "legend": no_update, "sources": no_update}
    update = map_update(cache.atlas, cache.base, view, shown if shown_valid else None, cache.rows(view),
                        cache.colours_for(filters_of(view), view.mode, view.schemes), cache.shown_for)
    words = update.text or {"heading": no_update, "legend": no_update, "sources": no_update}
    return {"figure": update.patch, **words}


def view_outputs(cache: ViewCache, trigger: object, inputs: dict, current: object) -> dict:
    """Everything one user action changes: the view, the controls, the address, messages, the map and the panel."""
    view, problems = view_from_dict(current, cache.choices)
    use_language(view.lang)
    event, payload = event_payload(cache.atlas, trigger, inputs)
    transition = next_view(view, event, payload, cache.choices)
    use_language(transition.view.lang)
    controls = inputs.get("controls")
    written = transition_outputs(view, transition, controls if isinstance(controls, dict) else {},
                                 cache.choices.lgd_codes)
    return {**written, "options": picker_outputs(cache, written["controls"]),
            **map_outputs(cache, view, transition.view, not problems),
            "panel": panel_output(cache, view, transition.view, not problems)}


def picker_outputs(cache: ViewCache, controls: dict) -> dict:
    """A district picker the reducer writes a value to gets that value's options in the same answer (the dropdown
    would drop a value without its option); the others keep theirs (the whole list, once given)."""
    return {spec.name: picked_options(cache.district_options(), controls[spec.name])
            if controls[spec.name] not in (no_update, None, [], ()) else no_update for spec in PICKER_FIELDS}


def table_records(rows: pd.DataFrame) -> list[dict]:
    """Rows for the results table (``row_id`` identifies the product row; source as a markdown link)."""
    return [{
        "row_id": str(row_id), "state": r.state, "district": r.district, "product": r.product, "sector": r.sector,
        "category": r.category, "gi": r.gi_status, "programme": r.programme,
        "source": f"[{_short_source(r.source)}]({r.source})" if r.source.startswith(("http://", "https://"))
        else r.source,
    } for row_id, r in zip(rows.index, rows.itertuples(index=False))]


def _short_source(url: str) -> str:
    host = url.split("//", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def results_outputs(atlas: Atlas, view: View, rows: pd.DataFrame) -> dict:
    """The four headline counts, the coverage badge, the note under the table and the empty notice."""
    summary = summarise(atlas, rows, view)
    label = atlas.list_label(view.list_id)
    coverage = f"{label}: {atlas.coverage_sentence(view.list_id)}"
    note = t("results.note", rows=len(rows), view=describe(atlas, view, label), coverage=coverage)
    return {"districts": t("stats.of", shown=summary.districts, total=summary.districts_total),
            "products": str(summary.products), "sectors": str(summary.sectors), "states": str(summary.states),
            "coverage": coverage, "note": note, "empty": not rows.empty}


def table_rows(cache: ViewCache, filters: object) -> list[dict]:
    """The products table's rows for the stored filters (asked for once AG Grid has loaded: the page comes without
    them, and the grid loads when it nears the screen)."""
    return table_records(cache.rows(cache.stored(filters)))


def opportunity_outputs(cache: ViewCache, filters: object) -> dict:
    """The investor table's rows (USD in millions) and its note (asked for while its tab is open)."""
    view = cache.stored(filters)
    table = cache.opportunities_for(filters_of(view))
    shown = table.assign(sector_exports_usd=(table["sector_exports_usd"] / 1e6).round(2),
                         exports_usd=(table["exports_usd"] / 1e6).round(2))
    sectors = ", ".join(view.sectors) or t("opportunities.no_sector")
    return {"rows": shown.astype(object).where(shown.notna(), None).to_dict("records"),
            "note": t("opportunities.note", count=len(table), sectors=sectors)}


def cluster_outputs(cache: ViewCache, filters: object) -> dict:
    """The clusters table's rows (USD in millions) and its note (asked for while its tab is open)."""
    table = cluster_table(cache.atlas, cache.rows(cache.stored(filters)))
    shown = table.assign(exports_usd=(table["exports_usd"] / 1e6).round(2))
    return {"rows": shown.astype(object).where(shown.notna(), None).to_dict("records"),
            "note": t("clusters.note", count=len(table), total=len(cache.atlas.derived_clusters))}


def gap_outputs(atlas: Atlas, rows: pd.DataFrame) -> dict:
    """The gap table and what its counts say (or that today's facility records cannot support it)."""
    found = gaps(atlas, rows)
    recorded = ", ".join(t("gaps.recorded_kind", count=n, kind=kind) for kind, n in found.recorded.items()) \
        or t("gaps.no_facilities")
    head = t("gaps.summary", flagged=found.flagged, needing=found.needing, rows=len(found.rows), recorded=recorded)
    if not found.useful:
        return {"rows": [], "summary": [html.P(head), html.P(t("gaps.not_useful"), className="fw-semibold")]}
    records = found.rows.assign(row_id=found.rows["district_id"] + ":" + found.rows["missing"])
    return {"rows": records.astype(object).where(records.notna(), None).to_dict("records"), "summary": head}


def compare_outputs(details: list) -> list:
    """The comparison table as a Bootstrap table (facts as rows, districts as columns)."""
    if len(details) < 2:
        return [html.P(t("compare.too_few"), className="small text-muted")]
    table = compare_table(details)
    head = html.Thead(html.Tr([html.Th("", scope="col")] + [html.Th(c, scope="col") for c in table.columns[1:]]))
    body = html.Tbody([html.Tr([html.Th(r[0], scope="row")] + [html.Td(v) for v in r[1:]])
                       for r in table.itertuples(index=False)])
    return [dbc.Table([head, body], bordered=True, size="sm", responsive=True, className="compare-table",
                      id=ids.COMPARE_GRID)]


def panel_output(cache: ViewCache, shown: View, view: View, shown_valid: bool = True) -> object:
    """The district panel of ``view``, in the reducer's response (no second round trip); a no-op when the district
    and list it shows stay."""
    if shown_valid and (view.district_id, view.list_id) == (shown.district_id, shown.list_id):
        return no_update
    return cache.panel(view)


@dataclass(frozen=True)
class Download:
    """A CSV download: its name (``ids.DOWNLOADS``), the title its header gives, how its rows are made from the
    view (and the rows its grid shows, if any), and that grid's id."""

    name: str
    title_key: str
    frame: object
    grid: str | None = None
    summary: object = None  # what the header says the rows are (default: the view's filters, true of every row)


def _opportunity_frame(cache: ViewCache, view: View, shown: object) -> pd.DataFrame:
    table = cache.opportunities_for(filters_of(view))
    return opportunity_rows(table, shown_ids(shown, len(cache.atlas.districts), "district_id"))


DOWNLOADS: tuple[Download, ...] = (
    Download("csv", "export.csv.products",
             lambda cache, view, shown: product_export(cache.rows(view), shown, len(cache.atlas.products)), ids.TABLE),
    Download("opportunities", "export.csv.opportunities", _opportunity_frame, ids.OPPORTUNITIES),
    Download("clusters", "export.csv.clusters", lambda cache, view, shown: cluster_rows(
        cluster_table(cache.atlas, cache.rows(view)), shown_ids(shown, len(cache.atlas.derived_clusters), "cluster_id")),
        ids.CLUSTERS, lambda cache, view: t("export.csv.clusters_view", summary=view_summary(cache.atlas, view))),
    Download("brief", "export.csv.brief",
             lambda cache, view, _: convergence_brief(cache.atlas, view.list_id, cache.rows(view))),
    Download("compare", "export.csv.compare", lambda cache, view, _: compare_rows(cache.compared(view)), None,
             lambda cache, view: t("export.csv.compared", names="; ".join(
                 f"{d.name} ({d.state})" for d in cache.compared(view)))),
)


def download_output(cache: ViewCache, download: Download, stored: object, shown: object = None) -> dict:
    """The CSV of one download for the stored view, under its metadata header."""
    view = cache.stored(stored)
    summary = download.summary(cache, view) if download.summary else view_summary(cache.atlas, view)
    text = csv_text(download.frame(cache, view, shown), t(download.title_key), summary, cache.atlas.version)
    return dcc.send_string(text, export_filename(download.name))


def initial_props(atlas: Atlas, view: View) -> dict[tuple[str, str], object]:
    """What the table, counts and panel show for ``view`` when the page opens, by (component id, property):
    the page comes with them, so loading it fires no callback but the reducer's."""
    results = results_outputs(atlas, view, filter_products(atlas, filters_of(view)))
    detail = district_detail(atlas, view.district_id, view.list_id) if view.district_id else None
    return {**{target: results[name] for name, target in RESULTS_TARGETS.items()},
            (ids.PANEL, "children"): district_panel(detail)}


# The results outputs: key -> (component id, property).
RESULTS_TARGETS = {"districts": (ids.STAT_DISTRICTS, "children"),
                   "products": (ids.STAT_PRODUCTS, "children"), "sectors": (ids.STAT_SECTORS, "children"),
                   "states": (ids.STAT_STATES, "children"), "coverage": (ids.COVERAGE, "children"),
                   "note": (ids.TABLE_NOTE, "children"), "empty": (ids.EMPTY_RESULT, "hidden")}


def results_for(cache: ViewCache, filters: object) -> dict:
    """The results outputs for the stored filters."""
    view = cache.stored(filters)
    return results_outputs(cache.atlas, view, cache.rows(view))


def gaps_for(cache: ViewCache, filters: object) -> dict:
    """The gap view for the stored filters (asked for while its tab is open)."""
    return gap_outputs(cache.atlas, cache.rows(cache.stored(filters)))


def compare_for(cache: ViewCache, stored: object) -> object:
    """The comparison for the stored view (asked for while its tab is open)."""
    return compare_outputs(cache.compared(cache.stored(stored)))
