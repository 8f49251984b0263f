"""The colour modes: each one object (key, the values it colours by, its classes and colours, its hover line and
the sources of what it colours). Adding a mode is one entry in ``MODES`` plus its texts (``mode.<key>.*``).

Pure: the atlas, a view and its product rows in; per-district values and classes out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.atlas import Atlas
from dashboard.data.census import coverage as census_coverage
from dashboard.data.convergence import overlap_classes
from dashboard.data.vocabulary import SECTORS
from dashboard.queries import choices_for, scheme_links
from dashboard.queries.investor import export_class, export_labels, exports_by_district, sector_export_sectors, usd_text
from dashboard.text import t
from dashboard.view import Choices, View

NO_LGD_COLOR = "#bdbdbd"
NO_DATA_COLOR = "#eceff1"
CONTEXT_COLOR = "#fafafa"  # districts outside the chosen state: drawn for context, never on the colour scale
SECTOR_COLORS: dict[str, str] = dict(zip(SECTORS, [
    "#43a047", "#fb8c00", "#00acc1", "#1e88e5", "#8e24aa", "#d81b60", "#6d4c41", "#546e7a", "#c0ca33",
]))
COUNT_COLORS = ["#c6dbef", "#6baed6", "#3182bd", "#08519c", "#08306b"]
GI_COLORS = ["#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"]
EXPORT_COLORS = ["#c7e9c0", "#74c476", "#31a354", "#006d2c", "#00441b"]
CONVERGENCE_BINS = ((1, 3), (4, 5), (6, 7), (8, 99))
CONVERGENCE_COLORS = ["#dadaeb", "#9e9ac8", "#6a51a3", "#3f007d"]
OVERLAP_COLORS = ["#fdae6b", "#74a9cf", "#7a0177"]  # first scheme only, second only, both
# Census 2011 modes: class breaks (per cent) and colours; docs/census.md says why these breaks.
HOUSEHOLD_BREAKS = (2, 4, 6, 10)          # household-industry workers, % of all workers (India: 3.8 %)
HOUSEHOLD_COLORS = ["#feedde", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"]
TRIBAL_BREAKS = (5, 25, 50, 75)           # Scheduled Tribes, % of the population (25 and 50: the tribal overlay)
TRIBAL_COLORS = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"]
LITERACY_BREAKS = (60, 70, 80, 90)        # literates, % of the population aged 7 and above (India: 73.0 %)
LITERACY_COLORS = ["#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"]

Classes = tuple[np.ndarray, list[str], list[str]]  # per polygon class (1 = nothing here, 2.. = labels), labels, colours


@dataclass(frozen=True)
class MapClasses:
    """Per-district class index, and the class labels and colours for the legend."""

    z: list[int]
    labels: list[str]
    colors: list[str]


def main_sectors(products: pd.DataFrame) -> pd.Series:
    """Each district's main sector: the sector of most of its products, ties broken by legend order."""
    if products.empty:
        return pd.Series(dtype=str)
    counts = products.groupby(["district_id", "sector"]).size().rename("n").reset_index()
    counts["order"] = counts["sector"].map({s: i for i, s in enumerate(SECTORS)})
    ranked = counts.sort_values(["district_id", "n", "order"], ascending=[True, False, True])
    return ranked.drop_duplicates("district_id").set_index("district_id")["sector"]


def _sector_classes(ids: pd.Index, products: pd.DataFrame, _values) -> Classes:
    main = main_sectors(products)
    present = [s for s in SECTORS if s in set(main)]
    index = {s: i + 2 for i, s in enumerate(present)}
    return main.reindex(ids).map(index).fillna(1).astype(int).to_numpy(), present, [SECTOR_COLORS[s] for s in present]


def _count_classes(palette: list[str], gi_only: bool) -> Callable[[pd.Index, pd.DataFrame, object], Classes]:
    def classify(ids: pd.Index, products: pd.DataFrame, _values) -> Classes:
        rows = products[products["gi_tagged"]] if gi_only else products
        counts = rows.groupby("district_id").size().reindex(ids).fillna(0).astype(int).clip(upper=len(palette))
        labels = [f"{v}+" if v == len(palette) else str(v) for v in range(1, len(palette) + 1)]
        return (counts + 1).to_numpy(), labels, palette
    return classify


def _export_classes(ids: pd.Index, _products, values: pd.Series | None) -> Classes:
    usd = (values if values is not None else pd.Series(dtype=float)).reindex(ids)
    classes = np.array([export_class(v) for v in usd.to_numpy(dtype=float)]) + 1
    return classes, export_labels(), EXPORT_COLORS


def _convergence_classes(ids: pd.Index, _products, values: pd.Series | None) -> Classes:
    counts = (values if values is not None else pd.Series(dtype=float)).reindex(ids).fillna(0).to_numpy()
    classes = np.ones(len(ids), dtype=int)
    for index, (low, high) in enumerate(CONVERGENCE_BINS):
        classes[(counts >= low) & (counts <= high)] = index + 2
    labels = [t("mode.convergence.bin", low=low, high=high) if high < 99 else t("mode.convergence.top", low=low)
              for low, high in CONVERGENCE_BINS]
    return classes, labels, CONVERGENCE_COLORS


def _overlap_classes(ids: pd.Index, _products, values: pd.Series | None) -> Classes:
    """Codes 1, 2, 3 (first scheme only, second only, both); ``values.attrs['labels']`` names them."""
    codes = (values if values is not None else pd.Series(dtype=int)).reindex(ids).fillna(0).astype(int).to_numpy()
    labels = (values.attrs.get("labels") if values is not None else None) or [t("mode.schemes.any")]
    return np.where(codes > 0, codes + 1, 1), labels, OVERLAP_COLORS if len(labels) == 3 else OVERLAP_COLORS[-1:]


def _binned_classes(breaks: tuple[float, ...], palette: list[str]) -> Callable[[pd.Index, pd.DataFrame, object],
                                                                            Classes]:
    """Classes by fixed breaks of a per-district figure (districts without the figure: class 1)."""
    labels = ([t("mode.census.under", high=breaks[0])]
              + [t("mode.census.range", low=low, high=high) for low, high in zip(breaks, breaks[1:])]
              + [t("mode.census.over", low=breaks[-1])])

    def classify(ids: pd.Index, _products, values: pd.Series | None) -> Classes:
        figures = (values if values is not None else pd.Series(dtype=float)).reindex(ids).to_numpy(dtype=float)
        return np.where(np.isnan(figures), 1, np.digitize(figures, breaks) + 2), labels, palette
    return classify


def _census_values(column: str) -> Callable[[Atlas, View, pd.DataFrame], pd.Series]:
    """A Census 2011 figure of every district that has its own (never a parent district's: see data/census.py)."""
    def values(atlas: Atlas, _view: View, _rows: pd.DataFrame) -> pd.Series:
        census = atlas.census
        return census.loc[census["basis"] == "own", column].astype(float)
    return values


def _list_note(atlas: Atlas, view: View) -> str:
    return t("legend.coverage_note", coverage=atlas.coverage_sentence(view.list_id))


def _census_note(atlas: Atlas, _view: View) -> str:
    counts = census_coverage(atlas.census, atlas.lgd_districts["district_id"])
    return t("legend.census_note", own=counts["own"], total=sum(counts.values()))


def programme_of(atlas: Atlas, view: View) -> str:
    """The view's list, or the default list when the view names none of this data's."""
    return view.list_id if view.list_id in set(atlas.lists["programme"]) else atlas.default_list


def _export_values(atlas: Atlas, view: View, _rows: pd.DataFrame) -> pd.Series:
    return exports_by_district(atlas, sector_export_sectors(atlas, view.sectors))


def _convergence_values(atlas: Atlas, view: View, rows: pd.DataFrame) -> pd.Series:
    links = scheme_links(atlas, atlas.lgd_districts["district_id"], programme_of(atlas, view), rows)
    return links.groupby("district_id")["scheme_id"].nunique()


def _overlap_values(atlas: Atlas, view: View, _rows: pd.DataFrame) -> pd.Series:
    codes = overlap_classes(atlas.scheme_matches, programme_of(atlas, view), view.schemes)
    names = dict(zip(atlas.schemes["scheme_id"], atlas.schemes["short_name"]))
    short = [names.get(s, s) for s in view.schemes]
    codes.attrs["labels"] = ([t("mode.schemes.first_only", name=short[0]), t("mode.schemes.second_only",
                              name=short[1]), t("mode.schemes.both")] if len(short) == 2
                             else [t("mode.schemes.applies", name=short[0])] if short else None)
    return codes


@dataclass(frozen=True)
class ColourMode:
    """A way to colour the districts. Its words are ``mode.<key>.label`` (legend title) and ``mode.<key>.empty``
    (the class of "nothing here"); ``sources`` are the text keys of the sources of what it colours."""

    key: str
    classify: Callable[[pd.Index, pd.DataFrame, pd.Series | None], Classes]
    values: Callable[[Atlas, View, pd.DataFrame], pd.Series] | None = None
    hover: Callable[[float], str] | None = None
    sources: tuple[str, ...] = ("sources.odop_list",)
    note: Callable[[Atlas, View], str] = _list_note  # the legend's note on what an uncoloured district means

    @property
    def label(self) -> str:
        return t(f"mode.{self.key}.label")

    @property
    def empty(self) -> str:
        return t(f"mode.{self.key}.empty")


# Every colour mode, in the order the page offers them.
MODES: dict[str, ColourMode] = {mode.key: mode for mode in (
    ColourMode("sector", _sector_classes),
    ColourMode("count", _count_classes(COUNT_COLORS, gi_only=False)),
    ColourMode("gi", _count_classes(GI_COLORS, gi_only=True)),
    ColourMode("exports", _export_classes, _export_values, lambda v: t("mode.exports.hover", amount=usd_text(v)),
               ("sources.dgcis",), lambda _atlas, _view: t("legend.exports_note")),
    ColourMode("convergence", _convergence_classes, _convergence_values,
               lambda v: t("mode.convergence.hover", count=int(v)), ("sources.schemes", "sources.odop_list")),
    ColourMode("schemes", _overlap_classes, _overlap_values, None, ("sources.schemes", "sources.odop_list")),
    *(ColourMode(key, _binned_classes(breaks, palette), _census_values(column),
                 lambda v, key=key: t(f"mode.{key}.hover", value=v), ("sources.census2011",), _census_note)
      for key, column, breaks, palette in (
          ("household", "household_industry_pct", HOUSEHOLD_BREAKS, HOUSEHOLD_COLORS),
          ("tribal", "st_pct", TRIBAL_BREAKS, TRIBAL_COLORS),
          ("literacy", "literacy_pct", LITERACY_BREAKS, LITERACY_COLORS))),
)}


def view_choices(atlas: Atlas) -> Choices:
    """The values each view field may take with this data, the colour modes included."""
    return choices_for(atlas, tuple(MODES))


def mode_values(atlas: Atlas, view: View, rows: pd.DataFrame) -> pd.Series | None:
    """Per-district values of the view's colour mode (``None`` for modes that colour by the rows alone)."""
    mode = MODES[view.mode]
    return mode.values(atlas, view, rows) if mode.values else None


def mode_note(atlas: Atlas, view: View) -> str:
    """The legend's note for the view's colour mode (what the uncoloured districts mean, and the coverage)."""
    return MODES[view.mode].note(atlas, view)


def district_classes(district_ids: list[str], no_lgd: np.ndarray, products: pd.DataFrame, mode: str,
                     values: pd.Series | None = None, outside: np.ndarray | None = None) -> MapClasses:
    """Classify every polygon for a colour mode; class 0 = no LGD code, 1 = nothing here (e.g. no product); with
    ``outside`` (the districts beyond a chosen state), those get a last, neutral class: context, not data."""
    colour = MODES[mode]
    classes, labels, colors = colour.classify(pd.Index(district_ids), products, values)
    labels, colors = [t("legend.no_lgd"), colour.empty] + labels, [NO_LGD_COLOR, NO_DATA_COLOR] + colors
    if outside is not None and outside.any():
        classes = np.where(outside, len(labels), classes)
        labels, colors = labels + [t("legend.context")], colors + [CONTEXT_COLOR]
    return MapClasses(np.where(no_lgd, 0, classes).tolist(), labels, colors)
