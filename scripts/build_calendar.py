"""Build src/gongkai/workdays/data/calendar-YYYY.json from chinese-calendar (dev only).

Run: .venv/bin/python scripts/build_calendar.py
chinese-calendar is a pinned dev dependency; the shipped package never imports it. Each day goes into the
file of its own calendar year (2022-12-31, given off by the 2023 notice, lands in calendar-2022.json).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import chinese_calendar

from gongkai.workdays.workcalendar import YearArrangement

FIRST_YEAR, LAST_YEAR = 2004, 2026
OUT = Path(__file__).resolve().parent.parent / "src" / "gongkai" / "workdays" / "data"

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def build() -> list[YearArrangement]:
    source = f"chinese-calendar {chinese_calendar.__version__}"
    grouped = {"holidays": defaultdict(dict), "workdays": defaultdict(dict)}
    for target, table in (("holidays", chinese_calendar.holidays), ("workdays", chinese_calendar.workdays)):
        for day, name in table.items():
            grouped[target][day.year][day] = NAMES[name]
    # Built whole, because a YearArrangement refuses to exist without a day off.
    return [
        YearArrangement(y, grouped["holidays"][y], grouped["workdays"][y], source=source)
        for y in range(FIRST_YEAR, LAST_YEAR + 1)
    ]


def main() -> None:
    for arrangement in build():
        path = OUT / f"calendar-{arrangement.year}.json"
        path.write_text(
            json.dumps(arrangement.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{path.name}: {len(arrangement.holidays)} holidays, {len(arrangement.workdays)} make-up days")


if __name__ == "__main__":
    main()
