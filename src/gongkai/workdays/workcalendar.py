"""The working-day calendar: weekends, public holidays and make-up working days (调休上班).

Shipped data (built from chinese-calendar for 2004–2026 by scripts/build_calendar.py) and arrangements an
administrator enters later are both `YearArrangement`s, JSON-serialisable so the platform can keep them in its
database. A year nobody has arranged falls back to the statutory holidays (see `festivals`), and every answer
for such a year is flagged provisional.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from gongkai.workdays.dates import date_range, is_weekend, parse_date, weekday_name
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.festivals import STATUTORY_SOURCE, statutory_festivals, statutory_holidays

MAX_SEARCH_DAYS = 3660  # no real count needs ten years; stops a runaway loop on absurd input


@dataclass
class YearArrangement:
    """One year's holidays (放假, weekends inside a holiday span included) and make-up working days.

    Dates may lie in the December before `year` (the 2023 notice gives 2022-12-31 off, the 2019 one makes
    2018-12-29 a working day), never elsewhere. An arrangement without a single day off is refused: it is what
    a failed notice import produces, and laid over the calendar it would silently turn 元旦 into a working day
    instead of keeping the provisional statutory fallback. `source` says where it came from.
    """

    year: int
    holidays: dict[date, str] = field(default_factory=dict)  # date -> festival, e.g. 国庆节
    workdays: dict[date, str] = field(default_factory=dict)  # 调休上班 date -> festival it belongs to
    source: str = ""

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise `WorkdaysError` naming the first date that does not belong to this arrangement."""
        if not self.holidays:
            raise WorkdaysError(
                f"{self.year}年放假安排没有任何放假日期，不能使用（可能是通知导入失败）；"
                f"未录入安排的年份会按法定节假日暂定计算"
            )
        first = date(self.year - 1, 12, 1)
        for kind, days in (("放假", self.holidays), ("调休上班", self.workdays)):
            for day in sorted(days):
                if not first <= day <= date(self.year, 12, 31):
                    raise WorkdaysError(
                        f"{self.year}年放假安排中的{kind}日期 {day.isoformat()} 不属于该年"
                        f"（只能是{self.year}年内或{self.year - 1}年12月的日期）"
                    )

    def warnings(self) -> list[str]:
        """Gaps an administrator should look at: a statutory festival with no day off, or no names at all."""
        names = set(self.holidays.values())
        if names <= {""}:
            return [f"{self.year}年放假安排没有节日名称，无法核对是否包含全部法定节日"]
        missing = [f for f in statutory_festivals(self.year) if f not in names]
        if missing:
            return [f"{self.year}年放假安排缺少法定节日：{'、'.join(missing)}（这些节日不会放假，请核对）"]
        return []

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "source": self.source,
            "holidays": {d.isoformat(): n for d, n in sorted(self.holidays.items())},
            "workdays": {d.isoformat(): n for d, n in sorted(self.workdays.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> YearArrangement:
        """Accepts our own `to_dict()` and the `import-notice --json` shape (lists of dates; the festival
        names, if any, in `festivals`: date -> name)."""
        if not isinstance(data, dict) or "year" not in data:
            raise WorkdaysError("放假安排数据缺少“year”字段")
        try:
            year = int(data["year"])
        except (TypeError, ValueError):
            raise WorkdaysError(f"放假安排的年份“{data['year']}”不是整数") from None
        names = _date_map(data.get("festivals", {}), f"{year}年放假安排的 festivals")
        return cls(
            year=year,
            holidays=_date_map(data.get("holidays", {}), f"{year}年放假安排的 holidays", names),
            workdays=_date_map(data.get("workdays", {}), f"{year}年放假安排的 workdays", names),
            source=str(data.get("source", "")),
        )


def _date_map(value: Any, field_name: str, names: dict[date, str] | None = None) -> dict[date, str]:
    if isinstance(value, list):
        value = {item: "" for item in value}
    if not isinstance(value, dict):
        raise WorkdaysError(f"{field_name} 应为日期列表或 日期→节日 的对象")
    result = {parse_date(k, field_name): str(v or "") for k, v in value.items()}
    return {d: n or (names or {}).get(d, "") for d, n in result.items()}


@dataclass(frozen=True)
class DayStatus:
    """Whether a day is a working day, and why, in words a clerk understands."""

    day: date
    workday: bool
    reason: str  # e.g. 国庆节, 调休上班（国庆节）, 星期六, 星期三
    provisional: bool  # the day's year has no arrangement; `reason` comes from the statutory fallback

    def describe(self) -> str:
        text = ("工作日" if self.workday else "休息日") + "：" + self.reason
        if self.provisional:
            text += f"（暂定：{self.day.year}年放假安排尚未录入，按{STATUTORY_SOURCE}）"
        return text


class Calendar:
    """Answers "is this a working day?" from arrangements, falling back to the statutory holidays."""

    def __init__(self, arrangements: list[YearArrangement] | None = None):
        self.arrangements: dict[int, YearArrangement] = {}
        self._holidays: dict[date, str] = {}
        self._workdays: dict[date, str] = {}
        for arrangement in arrangements or []:
            arrangement.validate()
            self.arrangements[arrangement.year] = arrangement
        self._rebuild()

    @classmethod
    def shipped(cls) -> Calendar:
        """The calendar of the data shipped with the package (2004–2026)."""
        return cls([YearArrangement.from_dict(data) for data in _shipped_data()])

    @classmethod
    def from_arrangements(cls, entered: list[YearArrangement | dict], shipped: bool = True) -> Calendar:
        """Shipped data, then entered arrangements on top; an entered year replaces the shipped one."""
        base = [YearArrangement.from_dict(data) for data in _shipped_data()] if shipped else []
        items = [i if isinstance(i, YearArrangement) else YearArrangement.from_dict(i) for i in entered]
        return cls(base + items)  # one rebuild; a later item of the same year wins, as with add()

    def add(self, arrangement: YearArrangement) -> None:
        """Enter (or replace) one year's arrangement (validated again: it may have been edited in place)."""
        arrangement.validate()
        self.arrangements[arrangement.year] = arrangement
        self._rebuild()

    def _rebuild(self) -> None:
        # A later year's notice wins for the days it names in the year before (e.g. 12月31日 before 元旦).
        self._holidays, self._workdays = {}, {}
        for year in sorted(self.arrangements):
            arrangement = self.arrangements[year]
            for day, name in arrangement.holidays.items():
                self._workdays.pop(day, None)
                self._holidays[day] = name
            for day, name in arrangement.workdays.items():
                self._holidays.pop(day, None)
                self._workdays[day] = name

    def is_arranged(self, year: int) -> bool:
        return year in self.arrangements

    def status(self, day: date) -> DayStatus:
        if day in self._holidays:
            return DayStatus(day, False, self._holidays[day] or "放假", False)
        if day in self._workdays:
            festival = self._workdays[day]
            return DayStatus(day, True, f"调休上班（{festival}）" if festival else "调休上班", False)
        provisional = not self.is_arranged(day.year)
        if provisional and day in _statutory(day.year):
            return DayStatus(day, False, _statutory(day.year)[day], True)
        return DayStatus(day, not is_weekend(day), weekday_name(day), provisional)

    def is_workday(self, day: date) -> bool:
        return self.status(day).workday

    def workdays_after(self, start: date):
        """Yield the working days after `start` (the day of `start` itself is never counted)."""
        day = start
        for _ in range(MAX_SEARCH_DAYS):
            day += timedelta(days=1)
            if self.is_workday(day):
                yield day
        raise WorkdaysError(f"自{start.isoformat()}起十年内找不到足够的工作日，请检查输入")

    def add_workdays(self, start: date, n: int, skip: Callable[[date], bool] | None = None) -> date:
        """The Nth working day after `start`; N = 0 gives `start` itself. Working days for which `skip`
        is true (the clock's pauses) do not count."""
        if n < 0:
            raise WorkdaysError(f"工作日天数不能为负数（收到 {n}）")
        if n == 0:
            return start
        days = (d for d in self.workdays_after(start) if not (skip and skip(d)))
        for count, day in enumerate(days, 1):
            if count == n:
                return day
        raise AssertionError("unreachable")  # pragma: no cover

    def workdays_between(self, start: date, end: date, skip: Callable[[date], bool] | None = None) -> int:
        """Number of working days in (start, end], leaving out those for which `skip` is true."""
        days = date_range(start + timedelta(days=1), end)
        return sum(1 for d in days if self.is_workday(d) and not (skip and skip(d)))

    def unarranged_years(self, start: date, end: date) -> list[int]:
        """The years from start to end that have no arrangement: answers touching them are provisional."""
        return [y for y in range(start.year, end.year + 1) if not self.is_arranged(y)]


@lru_cache(maxsize=256)
def _statutory(year: int) -> dict[date, str]:
    return statutory_holidays(year)


@lru_cache(maxsize=1)
def _shipped_data() -> tuple[dict[str, Any], ...]:
    """The raw JSON of the shipped years, read once. Only the raw data is cached: every `Calendar.shipped()`
    builds fresh `YearArrangement`s, so editing one calendar's arrangement never leaks into another."""
    folder = resources.files("gongkai.workdays") / "data"
    items = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("calendar-") and entry.name.endswith(".json"):
            items.append(json.loads(entry.read_text(encoding="utf-8")))
    return tuple(items)
