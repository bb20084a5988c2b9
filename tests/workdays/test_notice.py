"""The notice reader on the real wording of the 2015–2026 notices, checked against chinese-calendar."""

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from gongkai.workdays import Calendar, read_notice
from gongkai.workdays.dates import date_range

NOTICES = Path(__file__).parent.parent / "fixtures" / "holiday-notices"
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def _read(year: int):
    return read_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))


def _published(table: dict, first: date, last: date) -> dict:
    return {d: NAMES[n] for d, n in table.items() if first <= d <= last}


@pytest.mark.parametrize("year", [2025, 2026])
def test_rebuilds_2025_and_2026_exactly(year):
    result = _read(year)
    assert result.year == year
    assert result.problems == []
    first, last = date(year, 1, 1), date(year, 12, 31)
    assert result.arrangement.holidays == _published(chinese_calendar.holidays, first, last)
    assert result.arrangement.workdays == _published(chinese_calendar.workdays, first, last)


def test_2026_counts():
    result = _read(2026)
    assert len(result.arrangement.holidays) == 33
    assert sorted(result.arrangement.workdays) == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]


def test_2025_joint_item_gives_mid_autumn_its_own_day():
    holidays = _read(2025).arrangement.holidays
    assert holidays[date(2025, 10, 6)] == "中秋节"
    assert holidays[date(2025, 10, 5)] == "国庆节"
    # 1月28日至2月4日 runs across the month end
    assert [d for d, n in sorted(holidays.items()) if n == "春节"] == [
        date(2025, 1, 28) + timedelta(days=i) for i in range(8)
    ]


def test_2021_matches_exactly():
    result = _read(2021)
    assert result.problems == []
    first, last = date(2021, 1, 1), date(2021, 12, 31)
    assert set(result.arrangement.holidays) == set(_published(chinese_calendar.holidays, first, last))
    assert set(result.arrangement.workdays) == set(_published(chinese_calendar.workdays, first, last))


def _status_differences(year: int) -> list[date]:
    calendar = Calendar([_read(year).arrangement])
    days = date_range(date(year, 1, 1), date(year, 12, 31))  # the whole year, 31 Dec of a leap year too
    return [d for d in days if calendar.is_workday(d) != chinese_calendar.is_workday(d)]


@pytest.mark.parametrize("year", [2016, 2017, 2021, 2022, 2023, 2024, 2025, 2026])
def test_working_day_status_matches_chinese_calendar(year):
    assert _status_differences(year) == []


def test_2015_differs_only_by_the_separate_victory_day_notice():
    # 国务院 2015 notice on the 70th anniversary: 9月3日至5日放假, 9月6日（星期日）上班 — not a yearly notice.
    assert _status_differences(2015) == [date(2015, 9, 3), date(2015, 9, 4), date(2015, 9, 6)]
    # 清明节：4月5日放假，4月6日（星期一）补休
    assert _read(2015).arrangement.holidays[date(2015, 4, 6)] == "清明节"


def test_2018_differs_only_by_what_the_2019_notice_changed_in_december():
    # The 2019 notice gave 2018-12-31 off and made Saturday 2018-12-29 a working day.
    assert _status_differences(2018) == [date(2018, 12, 29), date(2018, 12, 31)]


def test_2019_differs_only_by_the_march_2019_labour_day_amendment():
    # 国办发明电〔2019〕2号 later extended 劳动节 to 5月1日至4日 with 4月28日、5月5日 上班; the December 2018 notice
    # read here gave only 5月1日.
    assert _status_differences(2019) == [
        date(2019, 4, 28),
        date(2019, 5, 2),
        date(2019, 5, 3),
        date(2019, 5, 5),
    ]


def test_2020_differs_only_by_the_covid_extension_of_spring_festival():
    # 国办发明电〔2020〕1号 extended 春节 to 2月2日 (cancelling the 2月1日 make-up day).
    assert _status_differences(2020) == [date(2020, 1, 31), date(2020, 2, 1)]


def test_2019_reads_cross_year_new_year_and_weekend_joining():
    arrangement = _read(2019).arrangement
    assert {date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1)} <= set(arrangement.holidays)
    assert date(2018, 12, 29) in arrangement.workdays
    # 清明节：4月5日放假，与周末连休 → 4/5 (Fri) to 4/7 (Sun)
    assert [d for d, n in sorted(arrangement.holidays.items()) if n == "清明节"] == [
        date(2019, 4, 5),
        date(2019, 4, 6),
        date(2019, 4, 7),
    ]


def test_2024_reports_the_sentence_it_did_not_understand():
    result = _read(2024)
    assert result.problems == [
        "第二项（春节）：未能理解的句子，已忽略：“鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。”"
    ]
    assert date(2024, 2, 9) not in result.arrangement.holidays
    # 元旦：1月1日放假，与周末连休 (a Monday) → 2023-12-30, 31 and 2024-01-01
    assert [d for d, n in sorted(result.arrangement.holidays.items()) if n == "元旦"] == [
        date(2023, 12, 30),
        date(2023, 12, 31),
        date(2024, 1, 1),
    ]


def test_no_make_up_days_when_notice_says_not_adjusted():
    result = read_notice(
        "国务院办公厅关于2025年部分节假日安排的通知\n一、元旦：1月1日（周三）放假1天，不调休。\n"
    )
    assert result.problems == []
    assert result.arrangement.holidays == {date(2025, 1, 1): "元旦"}
    assert result.arrangement.workdays == {}


def test_reports_wrong_weekday_and_wrong_total():
    text = (
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、春节：2月5日（周四）至11日放假调休，共8天。2月20日（星期六）上班。\n"
    )
    result = read_notice(text)
    assert result.problems == [
        "第一项（春节）：2027年2月5日标注为星期四，实为星期五",
        "第一项（春节）：通知写“共8天”，但所列日期共7天",
    ]
    assert len(result.arrangement.holidays) == 7
    assert result.arrangement.workdays == {date(2027, 2, 20): "春节"}


def test_reports_unknown_festival_and_missing_items():
    result = read_notice("国务院办公厅关于2027年部分节假日安排的通知\n一、植树节：3月12日放假。\n")
    assert result.problems == ["第一项（植树节）：不认识的节日名称“植树节”，按原文记录"]
    assert result.arrangement.holidays == {date(2027, 3, 12): "植树节"}
    empty = read_notice("国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准……\n")
    assert empty.arrangement is None and not empty.complete
    assert empty.problems == [
        "未找到“一、元旦：……”形式的放假安排条目",
        "2027年放假安排没有任何放假日期，不能使用（可能是通知导入失败）；未录入安排的年份会按法定节假日暂定计算",
    ]


def test_needs_a_year():
    result = read_notice("一、元旦：1月1日放假。")
    assert result.year is None and result.arrangement is None
    assert "年份" in result.problems[0]
    assert read_notice("一、元旦：1月1日放假。", year=2027).arrangement.holidays == {date(2027, 1, 1): "元旦"}


def test_span_across_year_end_without_years():
    result = read_notice(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：12月31日至1月2日放假，共3天。\n"
    )
    # In the notice for 2027 the span starts in the December before (as 2023's "2022年12月31日至2023年1月2日").
    assert sorted(result.arrangement.holidays) == [date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)]
    assert result.problems == []


def test_entered_notice_drives_the_clock_like_the_shipped_data():
    from gongkai.workdays import ClockCase, compute

    stored = _read(2026).arrangement.to_dict()  # what the platform would keep in its database
    entered_only = Calendar.from_arrangements([stored], shipped=False)
    # as national26-friday-before in test_deadlines
    assert compute(ClockCase(date(2026, 9, 18)), entered_only).due == date(2026, 10, 22)


def test_a_day_both_off_and_working_is_reported_once_under_the_item_that_made_it():
    result = read_notice(
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日放假。1月2日（星期六）上班。\n"
        "二、春节：1月2日放假。\n"
        "三、清明节：4月5日放假。\n"
        "四、劳动节：5月1日放假。\n"
    )
    conflicts = [p for p in result.problems if "既列为放假又列为上班" in p]
    assert conflicts == ["第二项（春节）：2027年1月2日既列为放假又列为上班"]


def test_all_problems_lists_unread_sentences_then_missing_festivals():
    result = read_notice(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。鼓励休息。1月9日调整。\n"
    )
    assert result.problems and result.blocking
    assert result.all_problems == [*result.problems, *result.blocking]
    assert result.to_dict()["problems"] == result.all_problems
    assert result.blocking[0].startswith("2027年放假安排缺少法定节日：春节、清明节")
