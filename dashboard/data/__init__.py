"""Data layer: loading, validation and joining (no Dash imports here)."""

from .atlas import Atlas, load_atlas, load_atlas_or_explain
from .issues import DataFileError, IssueLog, LoadIssue

__all__ = ["Atlas", "DataFileError", "IssueLog", "LoadIssue", "load_atlas", "load_atlas_or_explain"]
