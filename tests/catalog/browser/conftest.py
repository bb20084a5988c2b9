"""The platform's browser harness (Debian's Chromium through Playwright) for the catalogue's scenario."""

import pytest
from tests.catalog.conftest import build_region
from tests.platform.browser.conftest import browser, new_tab, tab  # noqa: F401 - fixtures

PASSWORD = "Gk-catalog-browser-2026"


@pytest.fixture
def live_region(transactional_db):
    return build_region(password=PASSWORD)
