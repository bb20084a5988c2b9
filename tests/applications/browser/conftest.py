"""The platform's browser harness (Debian's Chromium through Playwright), reused for the casework."""

from tests.browser.conftest import (  # noqa: F401  (fixtures)
    CLERK_PASSWORD,
    SCREENSHOTS,
    clerk,
    new_tab,
    region,
    tab,
    tab_without_js,
)
