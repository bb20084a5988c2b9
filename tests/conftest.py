"""Shared fixtures. Seeds are the five real published reports copied from shared/seeds as they are."""

import sys
from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(__file__).parent / "fixtures"
# The fixture generators (make_fixtures.py) also describe the reports they printed; tests import them.
sys.path.insert(0, str(FIXTURES))
# The test-only extension app is installed by tests/extension_app/settings.py only (its own run in `make test`).
collect_ignore = [] if "tests.extension_app" in settings.INSTALLED_APPS else ["extension_app"]
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def seed_paths() -> list[Path]:
    return SEEDS
