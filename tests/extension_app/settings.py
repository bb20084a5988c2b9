"""The project's settings plus the test-only extension app."""

from gongkai.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.extension_app"]  # noqa: F405
