"""Reading a generated fixture must give back the report make_fixtures.py printed, cell for cell."""

from pathlib import Path

from make_fixtures import fixture_report

from gongkai.annualreport.readers import read


def assert_reads_back_fixture_report(path: Path) -> None:
    expected = fixture_report()
    report = read(path)
    assert dict(report.cells()) == dict(expected.cells())
    assert (report.agency, report.year, report.title) == (expected.agency, expected.year, expected.title)
    assert report.published_on == expected.published_on
    assert report.sections == expected.sections
    assert report.applications.results.other.fee_unpaid.research_institution is None
    assert report.proactive.coercion.decisions is None
    assert report.problems == []
