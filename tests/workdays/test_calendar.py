"""Calendar data against chinese-calendar, the statutory fallback, and arrangements round-tripping."""

from datetime import date

import chinese_calendar
import pytest

from gongkai.workdays import Calendar, ClockCase, WorkdaysError, YearArrangement, compute
from gongkai.workdays.dates import date_range
from gongkai.workdays.festivals import chinese_new_year_eve, statutory_holidays
from gongkai.workdays.solar import qingming

CAL = Calendar.shipped()


def test_shipped_data_matches_chinese_calendar_every_day_2004_2026():
    mismatches = [
        d
        for d in date_range(date(2004, 1, 1), date(2026, 12, 31))
        if CAL.is_workday(d) != chinese_calendar.is_workday(d)
    ]
    assert mismatches == []
    assert sorted(CAL.arrangements) == list(range(2004, 2027))


def test_reasons_name_the_festival_and_the_makeup_day():
    assert CAL.status(date(2026, 10, 1)).describe() == "休息日：国庆节"
    assert CAL.status(date(2026, 10, 10)).describe() == "工作日：调休上班（国庆节）"
    assert CAL.status(date(2015, 9, 3)).reason == "抗战胜利纪念日"
    assert CAL.status(date(2026, 11, 11)).describe() == "工作日：星期三"
    assert CAL.status(date(2026, 11, 14)).describe() == "休息日：星期六"


def test_2027_new_year_friday_is_a_provisional_rest_day():
    status = CAL.status(date(2027, 1, 1))
    assert date(2027, 1, 1).weekday() == 4
    assert (status.workday, status.reason, status.provisional) == (False, "元旦", True)
    assert "暂定" in status.describe()
    assert CAL.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.parametrize("year", range(1901, 2100))
def test_qingming_matches_chinese_calendar_solar_terms(year):
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    assert qingming(year) == next(d for d, name in terms if name == "清明")


def test_chinese_new_year_eve_is_last_day_of_the_twelfth_month():
    # 2025 除夕 1/28 (腊月廿九), 2026 除夕 2/16 (腊月廿九), 2024 除夕 2/9 (腊月三十) — from the notices
    assert [chinese_new_year_eve(y) for y in (2024, 2025, 2026)] == [
        date(2024, 2, 9),
        date(2025, 1, 28),
        date(2026, 2, 16),
    ]


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_holidays_lie_inside_the_published_arrangement(year):
    # Since the 2024 revision the notices only add days around the statutory ones.
    published = {d for d in chinese_calendar.holidays if d.year == year}
    days = statutory_holidays(year)
    assert len(days) == 13
    assert set(days) <= published


def test_statutory_2027():
    days = statutory_holidays(2027)
    assert days[date(2027, 1, 1)] == "元旦"
    assert [d for d, n in sorted(days.items()) if n == "春节"] == [date(2027, 2, d) for d in (5, 6, 7, 8)]
    assert [d for d, n in days.items() if n == "国庆节"] == [date(2027, 10, d) for d in (1, 2, 3)]
    assert [d for d, n in days.items() if n == "劳动节"] == [date(2027, 5, 1), date(2027, 5, 2)]


def test_arrangement_round_trips_and_entered_year_replaces_the_fallback():
    arrangement = YearArrangement(
        2027,
        holidays={date(2027, 1, 1): "元旦", date(2027, 1, 2): "元旦", date(2027, 1, 3): "元旦"},
        workdays={date(2027, 2, 20): "春节"},
        source="test",
    )
    data = arrangement.to_dict()
    assert YearArrangement.from_dict(data) == arrangement
    calendar = Calendar.from_arrangements([data])
    assert calendar.status(date(2027, 2, 20)).workday is True  # a Saturday declared a working day
    assert calendar.status(date(2027, 2, 5)).workday is True  # not in this (made-up) arrangement
    assert not calendar.status(date(2027, 1, 1)).provisional
    assert Calendar.shipped().status(date(2027, 2, 5)).workday is False


def test_later_notice_wins_for_days_it_names_in_the_year_before():
    calendar = Calendar.from_arrangements([{"year": 2027, "holidays": ["2026-12-31"], "workdays": []}])
    assert calendar.is_workday(date(2026, 12, 31)) is False


def test_from_dict_errors_name_the_field():
    with pytest.raises(WorkdaysError, match="year"):
        YearArrangement.from_dict({"holidays": []})
    with pytest.raises(WorkdaysError, match="2027年放假安排的 holidays"):
        YearArrangement.from_dict({"year": 2027, "holidays": ["2027-02-30"]})


def test_add_workdays_rejects_negative():
    with pytest.raises(WorkdaysError, match="负数"):
        CAL.add_workdays(date(2026, 1, 5), -1)


def test_shipped_files_are_what_the_build_script_makes():
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "build_calendar.py"
    spec = importlib.util.spec_from_file_location("build_calendar", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = {a.year: a.to_dict() for a in module.build()}
    assert built == {year: a.to_dict() for year, a in CAL.arrangements.items()}


def test_pure_core_imports_neither_chinese_calendar_nor_django():
    import subprocess
    import sys

    code = (
        "import sys, datetime; from gongkai.workdays import ClockCase, compute; "
        "compute(ClockCase(datetime.date(2026, 12, 1))); "
        "bad = [m for m in ('chinese_calendar', 'django') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, "[]")


def test_editing_one_shipped_calendar_does_not_leak_into_the_next():
    first = Calendar.shipped()
    first.arrangements[2026].workdays[date(2026, 3, 7)] = "元旦"
    first.arrangements[2026].holidays.clear()
    second = Calendar.shipped()
    assert date(2026, 3, 7) not in second.arrangements[2026].workdays
    assert second.arrangements[2026].holidays[date(2026, 10, 1)] == "国庆节"
    assert second.status(date(2026, 3, 7)).describe() == "休息日：星期六"


def test_entered_year_replaces_the_shipped_one_and_the_default_clock_stays_shipped():
    entered = {"year": 2026, "holidays": {"2026-03-02": "元旦"}, "workdays": []}
    calendar = Calendar.from_arrangements([entered])
    assert calendar.arrangements[2026].holidays == {date(2026, 3, 2): "元旦"}
    assert calendar.is_workday(date(2026, 10, 1)) is True  # the shipped 国庆节 is replaced, not merged
    assert calendar.is_workday(date(2025, 10, 1)) is False  # other shipped years stay
    Calendar.shipped().arrangements[2026].holidays.clear()
    assert compute(ClockCase(date(2026, 9, 28))).due == compute(ClockCase(date(2026, 9, 28)), CAL).due
    assert compute(ClockCase(date(2026, 9, 28))).due == date(2026, 10, 30)


def test_date_range_includes_both_ends_and_skip_leaves_days_out():
    assert list(date_range(date(2024, 2, 28), date(2024, 3, 1))) == [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
    ]
    assert list(date_range(date(2024, 3, 1), date(2024, 2, 28))) == []
    friday = date(2026, 3, 6)
    assert CAL.add_workdays(date(2026, 3, 2), 3, skip=lambda d: d == date(2026, 3, 4)) == friday
    assert CAL.workdays_between(date(2026, 3, 1), friday, skip=lambda d: d.day % 2 == 0) == 2  # 3, 5
    assert CAL.unarranged_years(date(2025, 12, 1), date(2028, 1, 1)) == [2027, 2028]
