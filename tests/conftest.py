"""Shared fixtures. Seeds are the five real published reports copied from shared/seeds as they are."""

import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# The fixture generators (make_fixtures.py) also describe the reports they printed; tests import them.
sys.path.insert(0, str(FIXTURES))
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def seed_paths() -> list[Path]:
    return SEEDS
