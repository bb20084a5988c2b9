"""Shared fixtures. Seeds are the five real published reports copied from shared/seeds as they are."""

import sys
from pathlib import Path

import pytest
from django.conf import settings

# The platform's shared fixtures (`world`, `client_for`), for every test module.
from tests.support.world import client_for, world  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures"
# The fixture generators (make_fixtures.py) also describe the reports they printed; tests import them.
sys.path.insert(0, str(FIXTURES))
# The test-only extension app is installed by tests/extension_app/settings.py only (its own run in `make test`).
collect_ignore = [] if "tests.extension_app" in settings.INSTALLED_APPS else ["extension_app"]
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
# Only the test suite's flushes (TransactionTestCase, live_server) may empty the append-only tables.
settings.GONGKAI_FLUSH_APPEND_ONLY_TABLES = True


@pytest.fixture
def seed_paths() -> list[Path]:
    return SEEDS


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright's sync API, once for the whole run: every browser test
    directory shares this one (a second sync_playwright() in the same thread fails: "Sync API inside the
    asyncio loop"). A missing Chromium is a failure, not a skip: CI must prove these tests ran."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (browser tests may not be skipped)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
