"""The platform's browser harness (Debian's Chromium through Playwright) for the catalogue's scenario."""

import pytest
from tests.browser.conftest import new_tab, tab  # noqa: F401 - fixtures
from tests.catalog.conftest import build_region

PASSWORD = "Gk-catalog-browser-2026"


@pytest.fixture
def live_region(transactional_db):
    return build_region(password=PASSWORD)
