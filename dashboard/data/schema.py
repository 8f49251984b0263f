"""Column names and fixed vocabularies of the shipped data files (documented in data/odop/README.md)."""

from __future__ import annotations

SECTORS: tuple[str, ...] = (
    "textiles & handloom",
    "handicrafts",
    "agriculture & horticulture",
    "food processing",
    "spices",
    "plantation crops",
    "fisheries & marine",
    "dairy & livestock",
    "engineering & manufacturing",
    "leather & footwear",
    "toys",
    "minerals & stone",
    "forest produce",
    "other",
)

PRODUCT_COLUMNS = ["state", "district", "lgd_code", "product", "sector", "gi_tagged", "programme", "source"]
PRODUCT_REQUIRED = ["state", "district", "product", "sector", "source"]

ALIAS_COLUMNS = ["state", "alias", "district", "reason", "source"]

CLUSTER_TYPES: tuple[str, ...] = (
    "SFURTI",
    "MSE-CDP",
    "handloom cluster",
    "handicraft cluster",
    "toy cluster",
    "leather cluster",
    "food processing cluster",
    "export hub cluster",
    "GI region",
    "other",
)
CLUSTER_REQUIRED = ["cluster_name", "product", "cluster_type", "state", "districts", "source"]

FACILITY_KINDS: tuple[str, ...] = (
    "mega food park",
    "cold chain",
    "agro-processing cluster",
    "testing lab",
    "export inspection",
    "icd",
    "port",
    "air cargo",
    "incubator",
    "technology centre",
    "common facility centre",
    "other",
)
FACILITY_REQUIRED = ["facility_name", "kind", "state", "district", "lat", "lon", "source"]

SCHEME_REQUIRED = ["scheme_id", "name", "ministry", "url", "applies_when", "source"]
NEEDS_REQUIRED = ["sector", "facility_kind", "why", "source"]

# India's bounding box (EPSG:4326), with a small margin, for coordinate checks.
INDIA_BOUNDS = (67.5, 6.0, 98.0, 37.5)

# Spellings accepted as 'yes' in the gi_tagged column.
YES_VALUES = {"yes", "y", "true", "1"}
