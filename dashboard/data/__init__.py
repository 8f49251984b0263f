"""Data layer: loading, validation and joining (no Dash imports here)."""

from dashboard.data.atlas import Atlas, load_atlas, load_atlas_or_explain
from dashboard.data.issues import DataFileError, IssueLog, LoadIssue

__all__ = ["Atlas", "DataFileError", "IssueLog", "LoadIssue", "load_atlas", "load_atlas_or_explain"]
