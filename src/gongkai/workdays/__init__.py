"""Working days, statutory deadlines and fees of 政府信息公开 (pure Python, no Django).

- `Calendar`, `YearArrangement`: weekends, holidays and 调休 (shipped 2004–2026, extendable), with a
  provisional statutory fallback for years nobody has arranged;
- `read_notice`: reads the State Council's yearly holiday notice;
- `rule_set_for`: the 政府信息公开条例 rule set in force on a date of receipt;
- `compute`, `Application`, `Pause`: the statutory clock;
- `fee_by_count`, `fee_by_pages`: 信息处理费.
"""

from gongkai.workdays.clock import Application, Clock, Pause, compute
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.fees import fee_by_count, fee_by_pages
from gongkai.workdays.notice import read_notice
from gongkai.workdays.rules import RuleSet, rule_set_for, rule_sets
from gongkai.workdays.workcalendar import Calendar, DayStatus, YearArrangement

__all__ = [
    "Application",
    "Calendar",
    "Clock",
    "DayStatus",
    "Pause",
    "RuleSet",
    "WorkdaysError",
    "YearArrangement",
    "compute",
    "fee_by_count",
    "fee_by_pages",
    "read_notice",
    "rule_set_for",
    "rule_sets",
]
