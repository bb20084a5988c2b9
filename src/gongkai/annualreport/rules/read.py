"""READ: what the reader could not read, shown among the findings so a user sees it."""

from __future__ import annotations

from collections.abc import Iterator

from .registry import ALL_FORMATS, Context, Emit, rule


@rule("READ", "warning", "读取时无法确认的单元格或部分", kind="read", basis="实践", formats=ALL_FORMATS)
def read_problems(ctx: Context) -> Iterator[Emit]:
    for problem in ctx.report.problems:
        yield [problem.where], problem.message
