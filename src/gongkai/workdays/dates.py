"""Date parsing and Chinese date formatting shared by the calendar, clock, notice reader and CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from gongkai.workdays.errors import WorkdaysError

WEEKDAYS = "一二三四五六日"  # date.weekday(): 0 = 星期一 … 6 = 星期日


def parse_date(text: str, field: str = "日期") -> date:
    """Parse YYYY-MM-DD (the only form the CLI and JSON accept), naming `field` in the error."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise WorkdaysError(f"{field}“{text}”不是有效日期，应为 YYYY-MM-DD 格式，例如 2026-10-08") from None


def weekday_name(day: date) -> str:
    return "星期" + WEEKDAYS[day.weekday()]


def cn_date(day: date, weekday: bool = True) -> str:
    """2026年10月8日（星期四）: the form used in traces and notices."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{weekday_name(day)}）" if weekday else text


def date_range(first: date, last: date) -> Iterator[date]:
    """Every day from `first` to `last`, both included (nothing when last < first)."""
    return (first + timedelta(days=i) for i in range((last - first).days + 1))


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5
