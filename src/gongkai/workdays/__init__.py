"""Working days, statutory deadlines and fees of 政府信息公开 (pure Python, no Django).

The public API (what apps import; everything else is internal):
- `Calendar`, `YearArrangement`, `DayStatus`: weekends, holidays and 调休 (shipped 2004–2026, extendable),
  with a provisional statutory fallback for years nobody has arranged;
- `read_notice`: reads the State Council's yearly holiday notice;
- `RuleSet`, `rule_set_for`, `rule_sets`: the 政府信息公开条例 rule set in force on a date of receipt;
- the statutory clock: typed events (`Received`, `CorrectionRequested`, `CorrectionReceived`,
  `ConsultationSent`, `ConsultationEnded`, `Extended`, `FeeNoticeSent`, `FeePaid`, `FeeLapsed`, `Replied`;
  `event_from_kind` for stored kind strings), `ClockCase.from_events`, `compute` → `Clock`;
- the clock's explanation: `Clock.steps` (`TraceStep`: a `StepKind` plus parameters), rendered to Chinese by
  `render_step` / `render_trace` (`Clock.trace`);
- `fee_by_count`, `fee_by_pages`: 信息处理费;
- `WorkdaysError`: every input error, with a Chinese message naming the field.
See docs/workdays.md.
"""

from gongkai.workdays.clock import Clock, ClockCase, Pause, compute
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.events import (
    ClockEvent,
    ConsultationEnded,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    Extended,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    PauseKind,
    Received,
    Replied,
    event_from_kind,
)
from gongkai.workdays.fees import fee_by_count, fee_by_pages
from gongkai.workdays.notice import read_notice
from gongkai.workdays.rules import RuleSet, rule_set_for, rule_sets
from gongkai.workdays.trace import StepKind, TraceStep, render_step, render_trace
from gongkai.workdays.workcalendar import Calendar, DayStatus, YearArrangement

__all__ = [
    "Calendar",
    "Clock",
    "ClockCase",
    "ClockEvent",
    "ConsultationEnded",
    "ConsultationSent",
    "CorrectionReceived",
    "CorrectionRequested",
    "DayStatus",
    "Extended",
    "FeeLapsed",
    "FeeNoticeSent",
    "FeePaid",
    "Pause",
    "PauseKind",
    "Received",
    "Replied",
    "RuleSet",
    "StepKind",
    "TraceStep",
    "WorkdaysError",
    "YearArrangement",
    "compute",
    "event_from_kind",
    "fee_by_count",
    "fee_by_pages",
    "read_notice",
    "render_step",
    "render_trace",
    "rule_set_for",
    "rule_sets",
]
