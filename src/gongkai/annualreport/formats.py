"""Which table format a report on a given year should use: legal data, by the year reported on.

The 2007 regulations' outline before 2019; 国办公开办函〔2019〕60号 for the 2019 and 2020 reports;
国办公开办函〔2021〕30号 from the 2021 reports on. A module of its own (no rules, no readers) so that
both the reader (to tell a format by year) and the checks (F-rules) use this one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annualreport.model import ReportFormat


@dataclass(frozen=True)
class FormatPeriod:
    """Which report years a table format is meant for."""

    format: ReportFormat
    first_year: int | None
    last_year: int | None
    source: str


FORMAT_PERIODS = (
    FormatPeriod(ReportFormat.PRE2019, None, 2018, "2007年《条例》时期的报告格式"),
    FormatPeriod(ReportFormat.F2019, 2019, 2020, "国办公开办函〔2019〕60号（2019、2020年度报告）"),
    FormatPeriod(ReportFormat.F2021, 2021, None, "国办公开办函〔2021〕30号（2021年度起）"),
)


def format_period(fmt: str) -> FormatPeriod | None:
    """The period of ``fmt`` (None for an unknown format)."""
    return next((p for p in FORMAT_PERIODS if p.format == fmt), None)


def expected_format(year: int) -> FormatPeriod | None:
    """The format period in force for a report on ``year``."""
    for p in FORMAT_PERIODS:
        if (p.first_year is None or year >= p.first_year) and (p.last_year is None or year <= p.last_year):
            return p
    return None


def format_for_year(year: int | None) -> str | None:
    """The format in force for a report on ``year`` (None when the year is unknown)."""
    period = expected_format(year) if year is not None else None
    return period.format if period else None
