"""Legal parameters the checks use, as dated data (not literals in the rules).

Each entry says from when it applies and which text it comes from, so that a report is judged by
the rules in force when it was due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DeadlineRule:
    """Publication deadlines of the annual report, as (month, day) of the year after the one reported."""

    effective: dt.date
    department: tuple[int, int]  # 县级以上人民政府部门 (and, in practice, 乡镇/街道 and other organs)
    government: tuple[int, int]  # the government's own report, published by its 主管部门
    source: str


DEADLINES = (
    DeadlineRule(dt.date(2008, 5, 1), (3, 31), (3, 31), "2007年《条例》第三十一条：每年3月31日前"),
    DeadlineRule(
        dt.date(2019, 5, 15),
        (1, 31),
        (3, 31),
        "2019年《条例》第四十九条：部门1月31日前，本级政府年度报告3月31日前",
    ),
)


def deadline_rule(year: int) -> DeadlineRule | None:
    """The deadline rule in force for the report on ``year`` (judged on 1 January of the next year)."""
    due_season = dt.date(year + 1, 1, 1)
    found = None
    for entry in DEADLINES:
        if entry.effective <= due_season:
            found = entry
    return found
