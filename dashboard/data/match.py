"""Match named districts (from products, clusters, facilities) to boundary polygons."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.issues import LoadIssue
from dashboard.data.names import name_key, name_variants, state_key

# States/UTs carved out of another: a district listed under the older state is also looked up in
# the newer one (Leh under Jammu and Kashmir is in Ladakh today). Any other state mismatch stays
# unmatched and is reported: a name that merely exists elsewhere (Delhi's "South") is not a match.
CARVED_OUT: dict[str, tuple[str, ...]] = {
    "jammuandkashmir": ("ladakh",),   # Ladakh UT since 31 Oct 2019 (Jammu and Kashmir Reorganisation Act, 2019)
    "andhrapradesh": ("telangana",),  # Telangana since 2 Jun 2014 (Andhra Pradesh Reorganisation Act, 2014)
}


def lgd_key(code: str) -> str:
    """LGD codes compare as numbers: '086' and '86' are the same district."""
    return code.strip().lstrip("0") or "0"


def split_districts(text: str) -> tuple[str, ...]:
    """District names of a cell; several separated by ``;`` name a multi-district cluster."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


@dataclass(frozen=True)
class Alias:
    """A curated other name of a district within a state, or (``kind == "parent"``) a district missing from the
    boundary file that is placed on the polygon that contains it."""

    state_key: str
    alias_key: str
    district_key: str
    reason: str
    kind: str = "spelling"


@dataclass(frozen=True)
class Match:
    """Where a name landed: a ``district_id`` and how it was found, or candidates if it did not."""

    district_id: str | None
    method: str
    candidates: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class UnmatchedName:
    """A district name from an input row that matched no polygon."""

    file: str
    line: int
    state: str
    district: str
    what: str
    candidates: tuple[str, ...]


GENERIC_PARTS = {"rural", "urban", "east", "west", "north", "south", "central"}


def _boundary_spellings(named: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(state, spelling) -> district_id for each part of a boundary name like "KEONJHAR (KENDUJHAR)".

    A part is kept only where it names one district of the state and is not a generic word
    ("BENGALURU (RURAL)" gives neither "Bengaluru", which is two districts, nor "Rural").
    """
    parts = [(s, name_key(v), did) for s, name, did in zip(named["state_key"], named["district"], named["district_id"])
             for v in name_variants(name)[1:] if name_key(v) not in GENERIC_PARTS and len(name_key(v)) >= 4]
    counts = Counter((s, k) for s, k, _ in parts)
    taken = set(zip(named["state_key"], named["district_key"]))
    return {(s, k): did for s, k, did in parts if counts[(s, k)] == 1 and (s, k) not in taken}


@dataclass
class DistrictMatcher:
    """Resolves (state, district name, optional LGD code) to a district_id.

    Order: the LGD code (only where a file gives one of ours); the whole name within the
    state; the curated alias table; each spelling packed into the cell ("Kendujhar
    (Keonjhar)", "Himmatnagar/Sabarkantha") by name, then by alias; the same in a state
    carved out of the listed one (``CARVED_OUT``: Leh under Jammu and Kashmir). Boundary
    names carry spellings too ("KEONJHAR (KENDUJHAR)"): each part is a name of its own
    where it is unique in the state. Everything else is unmatched, with nearest names.
    Everything else is unmatched, with the nearest names as candidates.
    """

    districts: pd.DataFrame
    aliases: list[Alias] = field(default_factory=list)

    def __post_init__(self) -> None:
        named = self.districts[self.districts["district"] != ""]
        ids, skeys, dkeys = named["district_id"], named["state_key"], named["district_key"]
        self._by_lgd = {lgd_key(code): did for code, did in zip(named["dist_lgd"], ids) if code.isdigit()}
        self._by_name = {(s, d): did for s, d, did in zip(skeys, dkeys, ids)}
        self._by_name.update(_boundary_spellings(named))
        self._alias = {(a.state_key, a.alias_key): a for a in self.aliases}
        self._labels = dict(zip(ids, named["district_name"] + " (" + named["state_name"] + ")"))
        self._keys = dict(zip(ids, dkeys))
        self._names_in_state: dict[str, dict[str, str]] = {}
        for s, d, did in zip(skeys, dkeys, ids):
            self._names_in_state.setdefault(s, {})[d] = did

    def label(self, district_id: str) -> str:
        """'Varanasi (Uttar Pradesh)' for a district_id."""
        return self._labels.get(district_id, district_id)

    def _match_code(self, state: str, district: str, lgd_code: str) -> Match | None:
        did = self._by_lgd.get(lgd_key(lgd_code))
        if did is None:
            return None
        by_name = self.match_name(state, district)
        if by_name.district_id != did:
            return Match(did, "lgd", note=f"lgd_code {lgd_code} is {self._labels[did]} in the boundary file, "
                                          f"not {district!r}; matched by code")
        return Match(did, "lgd")

    def _match_spelling(self, skey: str, spelling: str, whole: str) -> Match | None:
        dkey = name_key(spelling)
        note = "" if spelling == whole else f"matched {spelling!r} of {whole!r}"
        did = self._by_name.get((skey, dkey))
        if did is not None:
            return Match(did, "name", note=note)
        alias = self._alias.get((skey, dkey))
        if alias is not None and (skey, alias.district_key) in self._by_name:
            method = "parent" if alias.kind == "parent" else "alias"
            return Match(self._by_name[(skey, alias.district_key)], method,
                         note="; ".join(filter(None, [note, alias.reason])))
        return None

    def match_name(self, state: str, district: str) -> Match:
        """Find the polygon for one district name by name within its state (never by a code)."""
        skey, dkey = state_key(state), name_key(district)
        for spelling in name_variants(district):
            found = self._match_spelling(skey, spelling, district)
            if found is not None:
                return found
        for successor in CARVED_OUT.get(skey, ()):
            for spelling in name_variants(district):
                found = self._match_spelling(successor, spelling, district)
                if found is not None:
                    return Match(found.district_id, "name in another state",
                                 note=f"listed under {state}, boundary file has {self._labels[found.district_id]}")
        return Match(None, "unmatched", candidates=self.candidates(skey, dkey))

    def match(self, state: str, district: str, lgd_code: str = "") -> Match:
        """Find the polygon for one district name: by our own LGD code where a file gives one, else by name."""
        by_code = self._match_code(state, district, lgd_code) if lgd_code else None
        if by_code is not None:
            return by_code
        found = self.match_name(state, district)
        if lgd_code and found.district_id is not None:
            note = f"lgd_code {lgd_code} not in boundary file; matched by name"
            return Match(found.district_id, found.method, note="; ".join(filter(None, [found.note, note])))
        return found

    def candidates(self, skey: str, dkey: str, limit: int = 3) -> tuple[str, ...]:
        """Nearest district names, within the state when it is known, else nationwide."""
        pool = self._names_in_state.get(skey) or {k: v for (_, k), v in self._by_name.items()}
        close = difflib.get_close_matches(dkey, list(pool), n=limit, cutoff=0.6)
        return tuple(self._labels[pool[key]] for key in close)


@dataclass
class FileReport:
    """Per input file: rows read, rows set aside, names matched and unmatched."""

    file: str
    rows_valid: int = 0
    rows_rejected: int = 0
    rows_matched: int = 0
    names_matched: int = 0
    names_unmatched: int = 0
    by_method: dict[str, int] = field(default_factory=dict)

    @property
    def match_rate(self) -> float:
        """Share of district names that found a polygon."""
        total = self.names_matched + self.names_unmatched
        return self.names_matched / total if total else 1.0


@dataclass(frozen=True)
class Resolution:
    """The outcome of matching every district name of a file's rows."""

    links: pd.DataFrame  # line, district_id, method
    unmatched: list[UnmatchedName]
    issues: list[LoadIssue]
    report: FileReport


def _unmatched_issue(file: str, line: int, state: str, names: tuple[str, ...], nearest: tuple[str, ...]) -> LoadIssue:
    hint = "; nearest: " + ", ".join(nearest) if nearest else ""
    return LoadIssue(file, line, f"district {'; '.join(names)!r} in {state!r} not found in the boundary file{hint}; "
                                 "add it to data/odop/aliases.csv if it is another name for a district")


def resolve_rows(rows: pd.DataFrame, file: str, what_column: str, matcher: DistrictMatcher,
                 rows_rejected: int = 0) -> Resolution:
    """Match every name in ``rows['districts']`` (tuples of names); ``rows`` is indexed by line.

    Unmatched names are returned with their nearest candidates (never dropped silently);
    a row whose names all fail becomes a set-aside issue, a row matched with a caveat a
    kept issue.
    """
    report = FileReport(file, rows_valid=len(rows), rows_rejected=rows_rejected)
    links: list[tuple[int, str, str]] = []
    unmatched: list[UnmatchedName] = []
    issues: list[LoadIssue] = []
    codes = rows["lgd_code"] if "lgd_code" in rows else pd.Series("", index=rows.index)
    for line, state, names, what, code in zip(rows.index, rows["state"], rows["districts"], rows[what_column], codes):
        code = code if len(names) == 1 else ""
        hits = 0
        for name in names:
            match = matcher.match(state, name, code)
            if match.district_id is None:
                unmatched.append(UnmatchedName(file, int(line), state, name, what, match.candidates))
                continue
            hits += 1
            report.by_method[match.method] = report.by_method.get(match.method, 0) + 1
            if match.note and match.method not in ("alias", "parent"):
                issues.append(LoadIssue(file, int(line), f"{name!r}: {match.note}", kept=True))
            links.append((int(line), match.district_id, match.method))
        if hits == 0:
            issues.append(_unmatched_issue(file, int(line), state, names, unmatched[-1].candidates))
        report.rows_matched += hits > 0
    report.names_matched = len(links)
    report.names_unmatched = len(unmatched)
    return Resolution(pd.DataFrame(links, columns=["line", "district_id", "method"]), unmatched, issues, report)
