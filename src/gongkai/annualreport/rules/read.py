"""READ: what the reader could not read, shown among the findings so a user sees it."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annualreport.model import SECTION_KEYS, Report

from .form import missing_in
from .registry import ALL_FORMATS, TABLE_FORMATS, Context, Emit, rule

SECTION_PATHS = {f"sections.{k}" for k in SECTION_KEYS}


def _said_elsewhere(report: Report, where: str, missing: set[str]) -> bool:
    """A reader's "section missing" is F2's finding, or wrong when the section's table was read."""
    if where not in SECTION_PATHS:
        return False
    return where not in missing or report.format in TABLE_FORMATS


@rule("READ", "warning", "读取时无法确认的单元格或部分", kind="read", basis="实践", formats=ALL_FORMATS)
def read_problems(ctx: Context) -> Iterator[Emit]:
    missing = {f"sections.{k}" for k in missing_in(ctx)}
    for problem in ctx.report.problems:
        if problem.level == "info":
            continue  # a decoded cell (split, realigned): read, and named in the reader's problems
        if not _said_elsewhere(ctx.report, problem.where, missing):
            yield [problem.where], problem.message
