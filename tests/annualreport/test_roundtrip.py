"""read(write(report)) == report for every writer, on random consistent reports (hypothesis)."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from report_diff import report_diff
from report_strategies import long_reports, reports

from gongkai.annualreport.readers import read
from gongkai.annualreport.writers import write

_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


def _roundtrip(report, fmt):
    data = write(report, fmt)
    back = read(data)
    assert report_diff(report, back) == []
    assert back == report


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
@settings(max_examples=60, **_SETTINGS)
@given(report=reports())
def test_text_writers_round_trip(fmt, report):
    _roundtrip(report, fmt)


@settings(max_examples=30, **_SETTINGS)
@given(report=reports())
def test_docx_writer_round_trips(report):
    _roundtrip(report, "docx")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@settings(max_examples=8, **_SETTINGS)
@given(report=long_reports())
def test_long_reports_with_large_numbers_round_trip(fmt, report):
    _roundtrip(report, fmt)


SEEDS = sorted((Path(__file__).parents[1] / "fixtures" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("fmt", ["json", "md", "html", "docx", "pdf"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_round_trips_through_every_writer(seed, fmt):
    report = read(seed)
    assert sum(v is not None for _, v in report.cells()) > 150  # the seed's tables were read
    _roundtrip(report, fmt)


@pytest.mark.parametrize("fmt", ["json", "md", "html", "docx"])
def test_pre2019_report_round_trips_with_its_text_and_no_tables(fmt):
    import datetime as dt

    from gongkai.annualreport.model import Report

    report = Report.blank("pre2019")
    report.agency, report.year = "上饶市广信区教育体育局", 2017
    report.title = "上饶市广信区教育体育局2017年政府信息公开工作年度报告"
    report.published_on = dt.date(2018, 3, 20)
    report.sections.overview = "2017年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。"
    report.sections.shortcomings = "公开内容不够全面。"
    report.sections.other_matters = "无。"
    back = read(write(report, fmt))
    assert back.format == "pre2019"
    assert all(value is None for _, value in back.cells())
    _roundtrip(report, fmt)
