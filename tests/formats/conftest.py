"""Tests of the input formats that need an external converter (LibreOffice, Tesseract, poppler).

A test marked ``@pytest.mark.converter("soffice")`` (or "tesseract", "pdftoppm") runs where the command is
on the PATH. Where it is not, the test is deselected, not skipped, and the run ends with a line naming the
missing converters and the tests left out. CI (``.ci/run``) installs all of them, so there every test runs;
tests of the "missing converter" errors simulate the absence with the PATH, not with mocks. With
``GONGKAI_REQUIRE_CONVERTERS=1`` (set by ``.ci/run``) nothing is deselected: a missing converter fails.
"""

import os
import shutil

import pytest

PACKAGES = {
    "soffice": "libreoffice-writer-nogui",
    "tesseract": "tesseract-ocr tesseract-ocr-chi-sim",
    "pdftoppm": "poppler-utils",
}
_left_out: dict[str, list[str]] = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "converter(*commands): needs these commands on the PATH (else deselected)"
    )


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: count only the tests that would have run
def pytest_collection_modifyitems(config, items):
    if os.environ.get("GONGKAI_REQUIRE_CONVERTERS") == "1":
        return
    kept, removed = [], []
    for item in items:
        missing = [
            command
            for mark in item.iter_markers("converter")
            for command in mark.args
            if shutil.which(command) is None
        ]
        if missing:
            removed.append(item)
            for command in missing:
                _left_out.setdefault(command, []).append(item.nodeid)
        else:
            kept.append(item)
    if removed:
        config.hook.pytest_deselected(items=removed)
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    for command, tests in sorted(_left_out.items()):
        terminalreporter.write_line(
            f"not run: {len(tests)} tests need `{command}`, which is not installed "
            f"(apt-get install {PACKAGES.get(command, command)}): "
            + ", ".join(t.rsplit("::", 1)[-1] for t in tests)
        )
