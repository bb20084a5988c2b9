"""The region of the casework tests (tests/applications/conftest.py), reused: `own` is the reporting organ,
`office` its 主管部门 (the supervisor), `sibling` another department of the same government."""

from tests.applications.conftest import region  # noqa: F401  (the fixture)
