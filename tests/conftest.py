"""Shared fixtures. Seeds are the five real published reports copied from shared/seeds as they are."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def seed_paths() -> list[Path]:
    return SEEDS
