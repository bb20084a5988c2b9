"""Festival names and the statutory holidays of a year nobody has arranged yet.

《全国年节及纪念日放假办法》 as revised in November 2024 (in force 2025-01-01) gives every citizen these days off:
元旦 1 day; 春节 4 days, 农历除夕 to 正月初三; 清明 1 day; 劳动节 5月1日–2日; 端午 1 day (五月初五); 中秋 1 day
(八月十五); 国庆 10月1日–3日. The State Council's notice then moves days around (调休), but until that notice
is published this is the best honest guess, and everything derived from it is provisional.
"""

from __future__ import annotations

from datetime import date, timedelta

from lunardate import LunarDate

from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.solar import qingming

NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"
VICTORY_DAY = "抗战胜利纪念日"  # 2015 only: 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日

# The name a notice may use for a festival, mapped to our canonical name.
ALIASES = {
    "元旦": NEW_YEAR,
    "春节": SPRING_FESTIVAL,
    "清明": QINGMING,
    "清明节": QINGMING,
    "劳动节": LABOUR_DAY,
    "五一": LABOUR_DAY,
    "国际劳动节": LABOUR_DAY,
    "端午": DRAGON_BOAT,
    "端午节": DRAGON_BOAT,
    "中秋": MID_AUTUMN,
    "中秋节": MID_AUTUMN,
    "国庆": NATIONAL_DAY,
    "国庆节": NATIONAL_DAY,
    "抗战胜利纪念日": VICTORY_DAY,
    "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日": VICTORY_DAY,
}

# 清明节, 端午节 and 中秋节 became public holidays with the 2007 revision of the holiday law (in force 2008).
LAW_2008_FIRST_YEAR = 2008


def statutory_festivals(year: int) -> tuple[str, ...]:
    """The festivals every arrangement of `year` must give days off for (used to warn about gaps)."""
    if year >= LAW_2008_FIRST_YEAR:
        return (NEW_YEAR, SPRING_FESTIVAL, QINGMING, LABOUR_DAY, DRAGON_BOAT, MID_AUTUMN, NATIONAL_DAY)
    return (NEW_YEAR, SPRING_FESTIVAL, LABOUR_DAY, NATIONAL_DAY)


STATUTORY_SOURCE = "《全国年节及纪念日放假办法》（2024年修订）推算，无调休"


def lunar_to_solar(year: int, month: int, day: int) -> date:
    """Gregorian date of a lunar date; lunardate's tables cover lunar years 1900–2099."""
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:
        raise WorkdaysError(f"{year}年超出农历换算范围（1900—2099年），无法推算该年的法定节假日") from None


def chinese_new_year_eve(year: int) -> date:
    """农历除夕: the last day of 腊月 (29th or 30th), i.e. the day before 正月初一 of `year`."""
    return lunar_to_solar(year, 1, 1) - timedelta(days=1)


def mid_autumn(year: int) -> date:
    return lunar_to_solar(year, 8, 15)


def statutory_holidays(year: int) -> dict[date, str]:
    """The days off the 2024 holiday law fixes for `year`, without any 调休."""
    days: dict[date, str] = {date(year, 1, 1): NEW_YEAR}
    eve = chinese_new_year_eve(year)
    days.update({eve + timedelta(days=i): SPRING_FESTIVAL for i in range(4)})
    days[qingming(year)] = QINGMING
    days.update({date(year, 5, 1): LABOUR_DAY, date(year, 5, 2): LABOUR_DAY})
    days[lunar_to_solar(year, 5, 5)] = DRAGON_BOAT
    days[mid_autumn(year)] = MID_AUTUMN
    days.update({date(year, 10, d): NATIONAL_DAY for d in (1, 2, 3)})
    return days
