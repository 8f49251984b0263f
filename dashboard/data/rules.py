"""The grammar of a scheme's "applies when" rule (imports nothing else of the dashboard).

A rule (``schemes.csv``, column ``rule``) is a disjunction of clauses separated by `` or ``;
a clause is conditions joined by `` and ``. Conditions:

- ``all``: every district; ``aspirational``: one of NITI Aayog's 112 Aspirational Districts;
  ``exports``: the district has recorded exports (DGCI&S FY2024-25);
- ``programme=A|B``, ``sector=A|B``, ``category=A|B``, ``gi=yes``, ``ministry=A|B``: the
  product's list and official fields;
- ``trade``: the product is made in one of PM Vishwakarma's 18 trades (reviewed table);
- ``cluster=SFURTI|MSE-CDP``: the district holds a recorded cluster of that type;
- ``park=<facility kind><=<km>``: such a facility is in the district or within that many km
  (straight line between the districts' points).

Evaluated by ``dashboard/data/convergence.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRODUCT_FIELDS = {"programme": "programme", "sector": "sector", "category": "category", "gi": "gi_status",
                  "ministry": "ministry"}
DISTRICT_FLAGS = ("all", "aspirational", "exports")
FLAG_TEXT = {"all": "every district", "aspirational": "an Aspirational District (NITI Aayog)",
             "exports": "the district has recorded exports (DGCI&S FY2024-25)",
             "trade": "made in a PM Vishwakarma trade"}
_PARK = re.compile(r"^park=(?P<kind>[^<]+)<=(?P<km>\d+(\.\d+)?)$")


@dataclass(frozen=True)
class Condition:
    """One test of a rule: a field and its allowed values, a flag, or a park distance."""

    name: str
    values: tuple[str, ...] = ()
    km: float = 0.0

    def __str__(self) -> str:
        if self.name == "park":
            return f"a {self.values[0]} in or within {self.km:g} km of the district"
        return f"{self.name} is {' or '.join(self.values)}" if self.values else FLAG_TEXT[self.name]


DISTRICT_CONDITIONS = ("all", "aspirational", "exports", "cluster", "park")


def parse_rule(text: str, scope: str = "product") -> tuple[tuple[Condition, ...], ...]:
    """Clauses (OR) of conditions (AND); raises ``ValueError`` naming what it does not understand.

    A district-scope rule may only test the district (``DISTRICT_CONDITIONS``).
    """
    clauses = []
    for clause in str(text).split(" or "):
        conditions = []
        for part in (p.strip() for p in clause.split(" and ")):
            park = _PARK.match(part)
            key, sep, value = part.partition("=")
            if park:
                conditions.append(Condition("park", (park["kind"].strip(),), float(park["km"])))
            elif part in DISTRICT_FLAGS or part == "trade":
                conditions.append(Condition(part))
            elif sep and key in PRODUCT_FIELDS | {"cluster": None} and value:
                conditions.append(Condition(key, tuple(v.strip() for v in value.split("|"))))
            else:
                raise ValueError(f"rule part {part!r} is not understood (the grammar: dashboard/data/rules.py, data/odop/README.md)")
        clauses.append(tuple(conditions))
    product_tests = [c.name for clause in clauses for c in clause if c.name not in DISTRICT_CONDITIONS]
    if scope == "district" and product_tests:
        raise ValueError(f"a district-scope rule cannot test products ({', '.join(product_tests)})")
    return tuple(clauses)
