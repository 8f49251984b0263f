"""The words and codes the data may hold and the app shows (sectors, categories, facility kinds, ...), apart from the
files' validation (``schemas.py``): importing pandera takes ~0.2 s, which a start that reads the kept atlas skips."""

from __future__ import annotations

# The official sectors of DPIIT's national list, in legend order.
SECTORS: tuple[str, ...] = (
    "Agriculture",
    "Food Processing",
    "Dairy",
    "Marine",
    "Handloom",
    "Textile",
    "Handicraft",
    "Manufacturing",
    "Others",
)
CATEGORIES: tuple[str, ...] = ("Primary", "Secondary", "Tertiary", "Others")
MATCH_METHODS: tuple[str, ...] = ("name", "alias", "parent", "name in another state", "unmatched", "lgd")

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

FACILITY_KINDS: tuple[str, ...] = (
    "pm mitra park",
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

# India's bounding box (EPSG:4326), with a small margin, for coordinate checks.
INDIA_BOUNDS = (67.5, 6.0, 98.0, 37.5)


# Column order of products.csv as written by scripts/import_odop.py.
PRODUCT_COLUMNS = ["state", "district", "lgd_code", "source_code", "match", "match_note", "product", "sector",
                   "sector_basis", "category", "gi_tagged", "description", "ministry", "photo_url", "programme",
                   "source", "source_note"]

# Census 2011 figures per district (data/census/census2011_districts.csv), as numbers.
CENSUS_FIGURES = ("population", "workers", "household_industry_workers", "st_pct", "sc_pct", "literacy_pct",
                  "household_industry_pct", "cultivators_pct", "agricultural_labourers_pct")
