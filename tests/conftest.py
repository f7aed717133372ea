"""Shared fixtures: the seed articles beside the clone, and a Prefect test harness for flows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import flows  # noqa: F401  (sets Prefect defaults before Prefect is imported)
from tests.shared_data import SEEDS, need


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        need(SEEDS)
    return SEEDS


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for every flow test (started once: it takes seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seed_dumps(tmp_path, seeds_dir) -> Path:
    """A private copy of the seeds as a dump folder."""
    target = tmp_path / "dumps" / "seeds"
    shutil.copytree(seeds_dir, target)
    return target.parent
