"""Shared fixtures: the small fixture data and the shipped data, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_data import make_data_dir

from dashboard.data import load_atlas


@pytest.fixture(scope="session")
def small_data_dir(tmp_path_factory) -> Path:
    """The fixture data directory (read-only by convention)."""
    return make_data_dir(tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="session")
def small_atlas(small_data_dir):
    """The fixture data, loaded and joined."""
    return load_atlas(small_data_dir)


@pytest.fixture(scope="session")
def real_atlas():
    """The shipped data, loaded and joined."""
    return load_atlas()
