"""The view: everything the user has chosen (filters, colour mode, layers, selection), in one place.

A :class:`View` is immutable. Each field declares, in its metadata, the page control that
sets it (if any), its key in the page address and the vocabulary its values must come
from. Everything else is derived from those declarations: the callback inputs and
outputs, the URL round trip and the validation of values coming from the browser.
Adding a filter is one field here, one control in the layout, and the code that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from urllib.parse import parse_qs, urlencode

from dashboard import ids
from dashboard.text import DEFAULT_LANGUAGE, t

DEFAULT_LIST = "DPIIT ODOP"  # the national list (data/odop/lists.csv)
MAX_TEXT = 200          # longest search text kept
MAX_QUERY_STRING = 4000  # longest page address query read


def _spec(url: str, control: str | None = None, choices: str | None = None, prop: str = "value",
          limit: int = 20, legacy: str | None = None) -> dict:
    return {"url": url, "control": control, "prop": prop, "choices": choices, "limit": limit, "legacy": legacy}


@dataclass(frozen=True)
class View:
    """Filters, colour mode, map layers and the selected district; serialises to the page URL."""

    list_id: str = field(default=DEFAULT_LIST, metadata=_spec("list", ids.LIST, "lists"))
    state: str | None = field(default=None, metadata=_spec("state", ids.STATE, "states"))
    sectors: tuple[str, ...] = field(default=(), metadata=_spec("sector", ids.SECTORS, "sectors"))
    search: str = field(default="", metadata=_spec("q", ids.SEARCH))
    gi_only: bool = field(default=False, metadata=_spec("gi", ids.GI_ONLY))
    mode: str = field(default="sector", metadata=_spec("mode", ids.MODE, "modes"))
    facility_kind: str | None = field(default=None,
                                      metadata=_spec("facility", ids.FACILITY_KIND, "facility_kinds"))
    seaport_km: str | None = field(default=None, metadata=_spec("port", ids.SEAPORT_KM, "seaport_distances"))
    port_kind: str = field(default="cargo", metadata=_spec("portkind", ids.PORT_KIND, "port_kinds"))
    aspirational_only: bool = field(default=False, metadata=_spec("asp", ids.ASPIRATIONAL_ONLY))
    schemes: tuple[str, ...] = field(default=(), metadata=_spec("scheme", ids.SCHEMES, "schemes", limit=2))
    show_facilities: bool = field(default=True, metadata=_spec("points", ids.SHOW_FACILITIES))
    show_aspirational: bool = field(default=False, metadata=_spec("aspo", ids.SHOW_ASPIRATIONAL))
    show_tribal: bool = field(default=False, metadata=_spec("st", ids.SHOW_TRIBAL))
    show_clusters: bool = field(default=False, metadata=_spec("cl", ids.SHOW_CLUSTERS))
    # Districts travel in links as LGD codes (``lgd=187``); links with the atlas's own ids (``district=197``, the
    # Census 2011 code for most polygons) still open the district they always opened, and are rewritten.
    district_id: str | None = field(default=None, metadata=_spec("lgd", ids.DISTRICT_PICKER, "districts",
                                                                   legacy="district"))
    zoom: bool = field(default=False, metadata=_spec("zoom"))
    compare: tuple[str, ...] = field(default=(), metadata=_spec("cmp", ids.COMPARE_PICKER, "districts", limit=4,
                                                                  legacy="compare"))
    lang: str = field(default=DEFAULT_LANGUAGE, metadata=_spec("lang", choices="languages"))  # the language switch

    def to_query_string(self, lgd_codes: dict[str, str] | None = None) -> str:
        """``?state=...&sector=...`` (empty string for the default view); districts by their LGD code
        (``lgd_codes``: district id -> LGD code), under the old key by id where a polygon has none."""
        params: list[tuple[str, str]] = []
        for spec in FIELDS:
            value = getattr(self, spec.name)
            if value == spec.default:
                continue
            if spec.legacy:
                params.extend(_district_params(spec, value if spec.kind is tuple else (value,), lgd_codes or {}))
            elif spec.kind is tuple:
                params.extend((spec.url, v) for v in value)
            elif spec.kind is bool:
                params.append((spec.url, "1" if value else "0"))
            else:
                params.append((spec.url, str(value)))
        return "?" + urlencode(params) if params else ""

    def to_dict(self) -> dict:
        """JSON-ready form for the view store."""
        return {spec.name: list(getattr(self, spec.name)) if spec.kind is tuple else getattr(self, spec.name)
                for spec in FIELDS}


def _district_params(spec: FieldSpec, district_ids, lgd_codes: dict[str, str]) -> list[tuple[str, str]]:
    return [(spec.url, lgd_codes[d]) if lgd_codes.get(d) else (spec.legacy, d) for d in district_ids]


@dataclass(frozen=True)
class FieldSpec:
    """One :class:`View` field and its declarations."""

    name: str
    kind: type
    default: object
    url: str
    control: str | None
    prop: str
    choices: str | None
    limit: int
    legacy: str | None  # the field's former key in links (values: district ids), still read

    @property
    def label(self) -> str:
        """What the field is called in messages (``view.field.<name>``)."""
        return t(f"view.field.{self.name}")


def _kind(annotation: object) -> type:
    """``tuple``, ``bool`` or ``str`` from a field's (string) annotation."""
    text = str(annotation)
    return tuple if text.startswith("tuple") else bool if text == "bool" else str


FIELDS: tuple[FieldSpec, ...] = tuple(
    FieldSpec(f.name, _kind(f.type), f.default, f.metadata["url"],
              f.metadata["control"], f.metadata["prop"], f.metadata["choices"], f.metadata["limit"],
              f.metadata["legacy"])
    for f in fields(View))
CONTROL_FIELDS: tuple[FieldSpec, ...] = tuple(spec for spec in FIELDS if spec.control)
PICKER_FIELDS: tuple[FieldSpec, ...] = tuple(spec for spec in CONTROL_FIELDS if spec.control in ids.PICKERS)
BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


@dataclass(frozen=True)
class Choices:
    """The values each field may take, from the loaded data (``None``: any text), and each district's state."""

    values: dict[str, tuple[str, ...]]
    district_states: dict[str, str] = field(default_factory=dict)
    district_names: dict[str, str] = field(default_factory=dict)
    lgd_codes: dict[str, str] = field(default_factory=dict)  # district id -> its LGD code (where it has one)

    def __post_init__(self) -> None:
        folded = {name: {v.casefold(): v for v in values} for name, values in self.values.items()}
        object.__setattr__(self, "_folded", folded)
        object.__setattr__(self, "_by_lgd", {code: did for did, code in self.lgd_codes.items() if code})

    def district_of_lgd(self, code: str) -> str:
        """The district id of an LGD code; an unknown code stays recognisably a code, so it can never be taken
        for another district's id."""
        return self._by_lgd.get(code.strip(), f"LGD {code.strip()}")

    def canonical(self, spec: FieldSpec, value: str) -> str | None:
        """The known spelling of ``value`` for ``spec`` (case-insensitive), or ``None`` if unknown."""
        if spec.choices is None:
            return value
        return self._folded.get(spec.choices, {}).get(value.casefold())


def _clean_text(spec: FieldSpec, value: object, choices: Choices, problems: list[str]) -> str | None:
    if value is None or value == "":
        return spec.default
    if not isinstance(value, str):
        problems.append(t("view.problem.wrong_type", field=spec.label))
        return spec.default
    text = " ".join(value.split())
    if spec.choices is None and len(text) > MAX_TEXT:
        problems.append(t("view.problem.too_long", field=spec.label, length=len(text), limit=MAX_TEXT))
        return text[:MAX_TEXT]
    known = choices.canonical(spec, text)
    if known is None:
        problems.append(t("view.problem.unknown", field=spec.label, value=repr(text[:60])) + t("view.problem.ignored"))
        return spec.default
    return known


def _clean_many(spec: FieldSpec, value: object, choices: Choices, problems: list[str]) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        problems.append(t("view.problem.wrong_type", field=spec.label))
        return ()
    if len(value) > spec.limit:
        problems.append(t("view.problem.too_many", field=spec.label, limit=spec.limit, count=len(value)))
    kept: list[str] = []
    for item in list(value)[:spec.limit]:
        cleaned = _clean_text(spec, item, choices, problems)
        if cleaned and cleaned not in kept:
            kept.append(cleaned)
    return tuple(kept)


def clean_value(spec: FieldSpec, value: object, choices: Choices, problems: list[str]) -> object:
    """``value`` for ``spec`` if it is of the right type and a known value, else the default (with a problem)."""
    if spec.kind is tuple:
        return _clean_many(spec, value, choices, problems)
    if spec.kind is bool:
        if isinstance(value, bool) or value is None:
            return bool(value) if value is not None else spec.default
        if value in ("1", "0"):
            return value == "1"
        problems.append(t("view.problem.not_on_off", field=spec.label))
        return spec.default
    return _clean_text(spec, value, choices, problems)


def view_from_dict(values: object, choices: Choices) -> tuple[View, list[str]]:
    """A view from a dict of field values (the store, or control values), validated field by field."""
    problems: list[str] = []
    if not isinstance(values, dict):
        return View(), [t("view.problem.state")] if values else []
    cleaned = {spec.name: clean_value(spec, values.get(spec.name, spec.default), choices, problems)
               for spec in FIELDS}
    return View(**cleaned), problems


def view_from_query_string(search: str | None, choices: Choices) -> tuple[View, list[str]]:
    """Read a shared link; unknown or malformed parts are reported, never fatal."""
    search = search or ""
    problems: list[str] = []
    if len(search) > MAX_QUERY_STRING:
        problems.append(t("view.problem.long_link", length=len(search), limit=MAX_QUERY_STRING))
        search = search[:MAX_QUERY_STRING]
    params = parse_qs(search.lstrip("?"), keep_blank_values=False)
    values: dict[str, object] = {}
    for spec in FIELDS:
        given = _given(spec, params, choices)
        if given:
            values[spec.name] = given if spec.kind is tuple else given[0]
    view, found = view_from_dict(values, choices)
    ignored, in_link = t("view.problem.ignored"), t("view.problem.ignored_in_link")
    return view, problems + [p.replace(ignored, in_link) for p in found]


def _given(spec: FieldSpec, params: dict[str, list[str]], choices: Choices) -> list[str]:
    """A field's values in a link: LGD codes translated to district ids, then any under the field's former key."""
    if not spec.legacy:
        return params.get(spec.url, [])
    return [choices.district_of_lgd(code) for code in params.get(spec.url, [])] + params.get(spec.legacy, [])


def uses_former_keys(search: str | None) -> bool:
    """Whether a link names districts under a former key (its address is then rewritten to the new keys)."""
    keys = set(parse_qs((search or "")[:MAX_QUERY_STRING].lstrip("?")))
    return any(spec.legacy in keys for spec in FIELDS if spec.legacy)


def with_control_values(view: View, values: dict[str, object], choices: Choices) -> tuple[View, list[str]]:
    """``view`` with the values of the page controls (validated), selection kept."""
    problems: list[str] = []
    changes = {spec.name: clean_value(spec, values.get(spec.name), choices, problems) for spec in CONTROL_FIELDS
               if spec.name in values}
    return replace(view, **changes), problems


def control_values(view: View) -> dict[str, object]:
    """The value each page control shows for ``view``."""
    return {spec.name: list(getattr(view, spec.name)) if spec.kind is tuple else getattr(view, spec.name)
            for spec in CONTROL_FIELDS}


@dataclass(frozen=True)
class Transition:
    """The outcome of one user action: the new view, and which parts of the page must follow it."""

    view: View
    problems: tuple[str, ...] = ()
    url_follows: bool = False
    rewrite_url: bool = False  # a link with former keys: its address is rewritten even though the view is the same


def _select(current: View, district_id: str | None, zoom: bool, toggle: bool) -> View:
    """Select a district (``toggle``: clicking the selected one again clears it); a new selection may zoom."""
    if district_id is None or (toggle and district_id == current.district_id):
        return replace(current, district_id=None, zoom=False)
    return replace(current, district_id=district_id, zoom=zoom or (current.zoom and current.district_id is not None))


def _consistent(view: View, previous: View, choices: Choices) -> tuple[View, list[str]]:
    """A selection outside the chosen state is cleared when the state changed, else the state follows it."""
    home = choices.district_states.get(view.district_id or "")
    if not view.state or not view.district_id or not home or home == view.state:
        return view, []
    if view.state != previous.state and view.district_id == previous.district_id:
        return replace(view, district_id=None, zoom=False), []
    name = choices.district_names.get(view.district_id, view.district_id)
    return replace(view, state=home), [t("view.problem.wrong_state", district=name, home=home, state=view.state)]


def _with_controls(current: View, payload: object, choices: Choices) -> tuple[View, list[str]]:
    view, problems = with_control_values(current, payload if isinstance(payload, dict) else {}, choices)
    if view.district_id != current.district_id:  # chosen in the district picker: zoom to it
        view = replace(view, zoom=view.district_id is not None)
    return view, problems


def next_view(current: View, event: str, payload: object, choices: Choices) -> Transition:
    """The view-state reducer.

    ``event`` is ``"url"`` (page load, back/forward: the link wins), ``"controls"`` (a
    control changed: ``payload`` holds every control value), ``"click"`` (a map click on
    district ``payload``: toggles it, keeps the map where it is), ``"select"`` (a table row:
    selects and zooms), ``"compare-add"``, ``"clear"`` or ``"reset"``.
    """
    if event == "url":
        view, problems = view_from_query_string(payload if isinstance(payload, str) else "", choices)
        view, fixed = _consistent(view, View(), choices)
        return Transition(view, tuple(problems + fixed), rewrite_url=uses_former_keys(payload if isinstance(
            payload, str) else ""))
    if event == "controls":
        view, problems = _with_controls(current, payload, choices)
    elif event in ("click", "select"):
        view, problems = _select(current, payload if isinstance(payload, str) else None, event == "select",
                                 toggle=event == "click"), []
    elif event == "compare-add" and current.district_id and current.district_id not in current.compare:
        view, problems = replace(current, compare=(*current.compare, current.district_id)[-4:]), []
    elif event == "clear":
        view, problems = replace(current, district_id=None, zoom=False), []
    elif event == "reset":
        view, problems = View(), []
    else:
        return Transition(current)
    view, fixed = _consistent(view, current, choices)
    return Transition(view, tuple(problems + fixed), url_follows=True)


def filters_of(view: View) -> View:
    """The view without what only the map and panel follow (selection, zoom, layers, colour mode, schemes)."""
    return replace(view, district_id=None, zoom=False, compare=(), mode="sector", show_facilities=True,
                   show_aspirational=False, show_tribal=False, show_clusters=False,
                   schemes=())
