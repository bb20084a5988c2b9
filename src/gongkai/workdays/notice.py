"""Reader for the State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知).

The notice lists numbered items, one per festival, e.g.
    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
Each item has a sentence that gives days off (a span "A至B", or one day, possibly "与周末连休" or "X日补休")
and optionally a sentence listing make-up working days ("…上班"). We read exactly that and report anything
else that mentions a date, a 共N天 that disagrees with the span, or a weekday in brackets that disagrees with
the date — so an administrator checks the problems instead of trusting a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.workdays.dates import WEEKDAYS, cn_date, date_range, is_weekend
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.festivals import ALIASES, MID_AUTUMN, mid_autumn
from gongkai.workdays.workcalendar import YearArrangement

TITLE_YEAR = re.compile(r"关于(\d{4})年(?:部分)?节假日安排的通知")
ITEM = re.compile(r"^\s*([一二三四五六七八九十]+)、\s*([^：:。]{1,40})[：:](.*)$")
DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(]([^）)]*)[）)])?")
WEEKDAY_MARK = re.compile(r"(?:周|星期)([一二三四五六日天])")
TOTAL_DAYS = re.compile(r"共(\d+|[一二三四五六七八九十]+)天")
HALF_DAY = "半天"
CN_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


@dataclass
class NoticeResult:
    """What the reader got from one notice, and what it could not understand."""

    year: int | None
    arrangement: YearArrangement | None
    problems: list[str] = field(default_factory=list)
    # Gaps that leave the year incomplete: a statutory festival without a day off (`YearArrangement.warnings`).
    # Kept apart from `problems` (what the reader could not understand); `to_dict` lists both.
    blocking: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when the arrangement can be entered as is: it exists and every statutory festival has days off."""
        return self.arrangement is not None and not self.blocking

    @property
    def all_problems(self) -> list[str]:
        """What the reader could not understand, then the gaps that leave the year incomplete."""
        return [*self.problems, *self.blocking]

    def to_dict(self) -> dict:
        """Issue 3's keys (year, holidays, workdays, problems) plus `festivals`: date -> festival name."""
        arr = self.arrangement
        names = {**arr.holidays, **arr.workdays} if arr else {}
        return {
            "year": self.year,
            "holidays": sorted(d.isoformat() for d in arr.holidays) if arr else [],
            "workdays": sorted(d.isoformat() for d in arr.workdays) if arr else [],
            "problems": self.all_problems,
            "festivals": {d.isoformat(): n for d, n in sorted(names.items())},
        }


@dataclass
class _DateToken:
    day: date
    start: int
    end: int
    note: str
    inherited_year: bool


def read_notice(text: str, year: int | None = None) -> NoticeResult:
    """Read a notice's text. `year` is needed only when the title (关于Y年部分节假日安排的通知) is missing."""
    problems: list[str] = []
    found = TITLE_YEAR.search(text)
    if found:
        year = int(found.group(1))
    elif year is None:
        return NoticeResult(
            None, None, ["找不到通知标题中的年份（“关于某年部分节假日安排的通知”），请指定年份（--year）"]
        )
    days = _Days({}, {})
    items = 0
    for line in text.splitlines():
        match = ITEM.match(line)
        if match:
            items += 1
            _read_item(match, year, days, problems)
    if not items:
        problems.append("未找到“一、元旦：……”形式的放假安排条目")
    try:
        arrangement = YearArrangement(
            year, days.holidays, days.workdays, source=f"国务院办公厅关于{year}年部分节假日安排的通知"
        )
    except WorkdaysError as error:
        problems.append(str(error))
        return NoticeResult(year, None, problems)
    return NoticeResult(year, arrangement, problems, arrangement.warnings())


@dataclass
class _Days:
    holidays: dict[date, str]
    workdays: dict[date, str]


def _festivals(label: str, where: str, problems: list[str]) -> list[str]:
    names = []
    for part in re.split(r"[、和及与]", label):
        name = ALIASES.get(part.strip())
        if name is None:
            problems.append(f"{where}：不认识的节日名称“{part.strip()}”，按原文记录")
            name = part.strip()
        names.append(name)
    return names


def _read_item(match: re.Match, year: int, arrangement: _Days, problems: list[str]) -> None:
    number, label, body = match.groups()
    where = f"第{number}项（{label}）"
    names = _festivals(label, where, problems)
    primary = next((n for n in names if n != MID_AUTUMN), names[0])
    added: set[date] = set()
    for sentence in filter(None, (s.strip() for s in body.split("。"))):
        tokens = _dates(sentence, year, where, problems)
        if HALF_DAY in sentence:  # 妇女节、青年节…: only some groups, half a day; not a 全体公民 day off
            problems.append(f"{where}：“{sentence}。”是放假半天，不是全体公民放假日，不计为休息日，已忽略")
        elif "上班" in sentence and tokens:
            for token in tokens:
                arrangement.workdays[token.day] = primary
                added.add(token.day)
        elif ("放假" in sentence or "补休" in sentence) and tokens:
            for day in _days_off(sentence, tokens, where, problems):
                arrangement.holidays[day] = _name_for(day, names, primary)
                added.add(day)
        elif tokens or "放假" in sentence or "上班" in sentence:
            problems.append(f"{where}：未能理解的句子，已忽略：“{sentence}。”")
    # Only the days this item added: a conflict is reported once, under the item that created it.
    for day in sorted(added & set(arrangement.workdays) & set(arrangement.holidays)):
        problems.append(f"{where}：{cn_date(day, False)}既列为放假又列为上班")


def _name_for(day: date, names: list[str], primary: str) -> str:
    """In a joint item (国庆节、中秋节) the day of 八月十五 is 中秋节, the others belong to the other festival."""
    if MID_AUTUMN in names and day == mid_autumn(day.year):
        return MID_AUTUMN
    return primary


def _dates(sentence: str, year: int, where: str, problems: list[str]) -> list[_DateToken]:
    """Every 日期 in the sentence; a missing year or month is carried over from the date before."""
    tokens: list[_DateToken] = []
    current_year, current_month = year, None
    for m in DATE.finditer(sentence):
        y, mo, d, note = m.groups()
        inherited = y is None
        current_year = int(y) if y else current_year
        current_month = int(mo) if mo else current_month
        if current_month is None:
            problems.append(f"{where}：“{m.group(0)}”缺少月份，已忽略")
            continue
        try:
            day = date(current_year, current_month, int(d))
        except ValueError:
            problems.append(f"{where}：“{m.group(0)}”不是有效日期，已忽略")
            continue
        _check_weekday(day, note or "", where, problems)
        tokens.append(_DateToken(day, m.start(), m.end(), note or "", inherited))
    return tokens


def _check_weekday(day: date, note: str, where: str, problems: list[str]) -> None:
    mark = WEEKDAY_MARK.search(note)
    if mark:
        stated = "日" if mark.group(1) == "天" else mark.group(1)
        if WEEKDAYS[day.weekday()] != stated:
            problems.append(
                f"{where}：{cn_date(day, False)}标注为星期{stated}，实为星期{WEEKDAYS[day.weekday()]}"
            )


def _days_off(sentence: str, tokens: list[_DateToken], where: str, problems: list[str]) -> list[date]:
    days: list[date] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt and sentence[token.end : nxt.start].strip() in {"至", "到", "—", "－", "-", "~"}:
            first, end = token.day, nxt.day
            if end < first and nxt.inherited_year and token.inherited_year:
                # 12月31日至1月2日 in the notice for Y: the span runs from the December before Y into Y.
                first = first.replace(year=first.year - 1)
            elif end < first and nxt.inherited_year:  # 2026年12月31日至1月2日
                end = end.replace(year=end.year + 1)
            days.extend(date_range(first, end))
            i += 2
        else:
            days.append(token.day)
            i += 1
    if "与周末连休" in sentence:
        days = _join_weekend(days)
    _check_total(sentence, days, where, problems)
    return days


def _join_weekend(days: list[date]) -> list[date]:
    """与周末连休: the adjacent Saturday/Sunday join the day(s) off."""
    first, last = min(days), max(days)
    while is_weekend(first - timedelta(days=1)):
        first -= timedelta(days=1)
    while is_weekend(last + timedelta(days=1)):
        last += timedelta(days=1)
    return list(date_range(first, last))


def _check_total(sentence: str, days: list[date], where: str, problems: list[str]) -> None:
    total = TOTAL_DAYS.search(sentence)
    if not total:
        return
    raw = total.group(1)
    stated = int(raw) if raw.isdigit() else _cn_number(raw)
    if stated != len(set(days)):
        problems.append(f"{where}：通知写“共{raw}天”，但所列日期共{len(set(days))}天")


def _cn_number(text: str) -> int:
    if text.startswith("十"):
        return 10 + CN_NUMBERS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_NUMBERS[tens] * 10 + CN_NUMBERS.get(ones, 0)
    return CN_NUMBERS.get(text, -1)
