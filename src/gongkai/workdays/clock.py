"""The statutory clock of an application: reply due date, days used and left, other deadlines, and a trace.

Conventions (issue 3): the day of receipt is not counted and the reply is due on the Nth working day after it;
after a 补正 the count restarts from the day the corrected application arrived; working days inside a pause
(S, E] — a consultation or a fee wait — are skipped; an extension adds its days to N, at most the rule set's
limit. Every step of the trace is one step a clerk can check against a paper calendar; the steps are data
(`gongkai.workdays.trace`), rendered to Chinese there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from gongkai.workdays.dates import date_range
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
)
from gongkai.workdays.festivals import STATUTORY_SOURCE
from gongkai.workdays.rules import RuleSet, rule_set_for
from gongkai.workdays.trace import StepKind, TraceStep, pause_label, render_trace
from gongkai.workdays.workcalendar import Calendar

THIRD_PARTY, CO_ORGAN, FEE, OTHER = PauseKind.THIRD_PARTY, PauseKind.CO_ORGAN, PauseKind.FEE, PauseKind.OTHER


@dataclass(frozen=True)
class Pause:
    """A stretch that does not count: S = letter or fee notice sent, E = answer, payment or lapse."""

    start: date
    end: date | None
    kind: str = OTHER

    @property
    def label(self) -> str:
        return pause_label(self.kind)


@dataclass
class ClockCase:
    """What of one application moves its clock (build it with `from_events`, or field by field)."""

    received: date  # 收到申请
    corrected: date | None = None  # 收到补正后的申请
    correction_notice: date | None = None  # 发出补正通知
    pauses: list[Pause] = field(default_factory=list)
    extension: int = 0  # 延长答复期限（工作日）
    replied: date | None = None  # 作出答复

    @classmethod
    def from_events(cls, events: Iterable[ClockEvent]) -> ClockCase:
        """Build from typed events (`gongkai.workdays.events`) in any order; starts and ends of pauses pair."""
        return _from_events(events)


@dataclass
class Clock:
    """The result of `compute`."""

    rule_set: RuleSet
    start: date  # the day the count runs from (receipt, or corrected receipt)
    working_days: int  # N = reply days + extension
    due: date
    used: int | None  # working days counted up to the reply or as_of
    left: int | None
    overdue: bool
    provisional_years: list[int]  # years the count touches that have no arrangement yet
    deadlines: dict[str, date]
    steps: list[TraceStep]  # the explanation as data; `trace` is its Chinese text
    # 中止: not replied and a pause that stops the count is open on as_of, so `due` moves with as_of and
    # `left` stays as it is until the pause ends.
    stopped: bool = False

    @property
    def provisional(self) -> bool:
        """暂定: the result depends on a year whose arrangement nobody has entered yet."""
        return bool(self.provisional_years)

    @property
    def trace(self) -> list[str]:
        """The steps in Chinese, one sentence each (`gongkai.workdays.trace.render_trace`)."""
        return render_trace(self.steps)

    def to_dict(self) -> dict:
        return {
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "rule_set": self.rule_set.id,
            "working_days": self.working_days,
            "used": self.used,
            "left": self.left,
            "overdue": self.overdue,
            "stopped": self.stopped,
            "deadlines": {k: v.isoformat() for k, v in self.deadlines.items()},
            "trace": self.trace,
        }


def compute(
    case: ClockCase,
    calendar: Calendar | None = None,
    as_of: date | None = None,
    rules: RuleSet | None = None,
    fee_wait_stops_clock: bool | None = None,
) -> Clock:
    """Run the clock. `rules` defaults to the rule set in force on the day of receipt."""
    calendar = calendar or _default_calendar()
    rules = rules or rule_set_for(case.received)
    if fee_wait_stops_clock is not None:
        rules = replace(rules, fee_wait_stops_clock=fee_wait_stops_clock)
    _validate(case, rules, as_of)
    start = case.corrected or case.received
    until = case.replied or as_of
    steps = _opening(case, rules)
    pauses = _effective_pauses(case, rules, until, steps)
    n = rules.reply_days + case.extension
    due = calendar.add_workdays(start, n, _skip(pauses))
    for pause in pauses:
        skipped = _pause_workdays(calendar, pause, start, due)
        steps.append(
            TraceStep(
                StepKind.PAUSE_SKIPPED,
                {
                    "pause_kind": _kind(pause.kind),
                    "start": pause.start,
                    "end": pause.end,
                    "workdays": skipped,
                },
            )
        )
    steps.extend(_crossed(calendar, start, due, pauses))
    steps.append(TraceStep(StepKind.DUE, {"start": start, "working_days": n, "due": due}))
    used, left, overdue = _progress(calendar, start, pauses, n, due, case.replied, as_of, steps)
    deadlines = _other_deadlines(calendar, case, rules, steps)
    years = calendar.unarranged_years(start, max([due, *(d for d in (until,) if d), *deadlines.values()]))
    if years:
        steps.append(TraceStep(StepKind.PROVISIONAL, {"years": list(years), "source": STATUTORY_SOURCE}))
    stopped = (
        case.replied is None
        and as_of is not None
        and any(
            p.end is None and p.start <= as_of and (p.kind != FEE or rules.fee_wait_stops_clock)
            for p in case.pauses
        )
    )
    return Clock(rules, start, n, due, used, left, overdue, years, deadlines, steps, stopped)


@lru_cache(maxsize=1)
def _default_calendar() -> Calendar:
    """The shipped calendar, built once for every `compute()` without one. It never leaves this module, so
    nobody can edit it; callers who want to change arrangements pass their own `Calendar`."""
    return Calendar.shipped()


def _validate(case: ClockCase, rules: RuleSet, as_of: date | None) -> None:
    if case.extension < 0:
        raise WorkdaysError(f"延长天数不能为负数（收到 {case.extension}）")
    if case.extension > rules.extension_max:
        raise WorkdaysError(
            f"延长天数 {case.extension} 超过{rules.title}规定的上限 {rules.extension_max} 个工作日"
        )
    if case.corrected and case.corrected < case.received:
        raise WorkdaysError("收到补正申请的日期早于收到申请的日期")
    if case.correction_notice and case.correction_notice < case.received:
        raise WorkdaysError("补正通知日期早于收到申请的日期")
    if case.correction_notice and case.corrected and case.corrected < case.correction_notice:
        raise WorkdaysError("收到补正申请的日期早于发出补正通知的日期")
    if case.replied and case.replied < case.received:
        raise WorkdaysError("答复日期早于收到申请的日期")
    if as_of and as_of < case.received:
        raise WorkdaysError("计算截至日期早于收到申请的日期")
    for pause in case.pauses:
        if pause.end and pause.end < pause.start:
            raise WorkdaysError(f"{pause.label}的结束日期 {pause.end} 早于开始日期 {pause.start}")
        if pause.start < case.received:
            # A letter or fee notice cannot go out before the application arrived; a pause there is a typo.
            raise WorkdaysError(
                f"{pause.label}的开始日期 {pause.start} 早于收到申请的日期 {case.received}，请检查日期"
            )


def _opening(case: ClockCase, rules: RuleSet) -> list[TraceStep]:
    steps = [
        TraceStep(
            StepKind.RULES,
            {
                "rule_set": rules.id,
                "rule_title": rules.title,
                "effective": rules.effective,
                "reply_days": rules.reply_days,
                "extension_max": rules.extension_max,
            },
        ),
        TraceStep(StepKind.RECEIVED, {"received": case.received}),
    ]
    if case.corrected:
        steps.append(
            TraceStep(StepKind.CORRECTED, {"notice": case.correction_notice, "corrected": case.corrected})
        )
    if case.extension:
        total = rules.reply_days + case.extension
        steps.append(TraceStep(StepKind.EXTENDED, {"days": case.extension, "total": total}))
    else:
        steps.append(TraceStep(StepKind.NOT_EXTENDED, {"reply_days": rules.reply_days}))
    return steps


def _effective_pauses(
    case: ClockCase, rules: RuleSet, until: date | None, steps: list[TraceStep]
) -> list[Pause]:
    pauses = []
    for pause in sorted(case.pauses, key=lambda p: p.start):
        if pause.kind == FEE and not rules.fee_wait_stops_clock:
            steps.append(TraceStep(StepKind.FEE_WAIT_RUNS, {"pause_kind": FEE}))
            continue
        if pause.end is None:
            if until is None:
                raise WorkdaysError(f"{pause.label}尚未结束：请给出结束日期，或给出计算截至日期")
            steps.append(
                TraceStep(
                    StepKind.PAUSE_OPEN,
                    {"pause_kind": _kind(pause.kind), "start": pause.start, "until": until},
                )
            )
            pause = Pause(pause.start, until, pause.kind)
        pauses.append(pause)
    return _merge_overlapping(pauses, steps)


def _kind(kind: str) -> PauseKind:
    """A pause's kind as the enum; an unknown string is the generic kind (as its label always was)."""
    try:
        return PauseKind(kind)
    except ValueError:
        return OTHER


def _merge_overlapping(pauses: list[Pause], steps: list[TraceStep]) -> list[Pause]:
    """Join pauses (sorted by start) that overlap, so no skipped day is counted twice in the trace.

    A consultation and a fee wait may well run at the same time; the clock stops once, not twice. A merged
    stretch of two kinds gets the generic label.
    """
    merged: list[Pause] = []
    for pause in pauses:
        last = merged[-1] if merged else None
        if last is None or pause.start >= last.end:
            merged.append(pause)
            continue
        steps.append(
            TraceStep(
                StepKind.PAUSES_MERGED,
                {
                    "pause_kind": _kind(pause.kind),
                    "start": pause.start,
                    "end": pause.end,
                    "previous_start": last.start,
                    "previous_end": last.end,
                },
            )
        )
        kind = last.kind if last.kind == pause.kind else OTHER
        merged[-1] = Pause(last.start, max(last.end, pause.end), kind)
    return merged


def _in_pause(day: date, pauses: list[Pause]) -> bool:
    return any(p.start < day <= p.end for p in pauses)


def _skip(pauses: list[Pause]):
    """The `skip` predicate for `Calendar.add_workdays` / `workdays_between`: days inside a pause."""
    return lambda day: _in_pause(day, pauses)


def _pause_workdays(calendar: Calendar, pause: Pause, start: date, due: date) -> int:
    lo, hi = max(pause.start, start), min(pause.end, due)
    return calendar.workdays_between(lo, hi) if hi > lo else 0


def _crossed(calendar: Calendar, start: date, due: date, pauses: list[Pause]) -> list[TraceStep]:
    """Steps naming the holidays and make-up working days the count ran through.

    Consecutive days off form one run even when they belong to two festivals (国庆节、中秋节 in 2025), so
    the run's day count is the real number of days off. A make-up day inside a pause is said not to count,
    in agreement with the pause step.
    """
    runs: list[tuple[list[str], list[date]]] = []
    makeups: list[dict] = []
    for day in date_range(start + timedelta(days=1), due):
        status = calendar.status(day)
        if not status.workday and not status.reason.startswith("星期"):
            if not runs or runs[-1][1][-1] != day - timedelta(days=1):
                runs.append(([], []))
            names, days = runs[-1]
            if status.reason not in names:
                names.append(status.reason)
            days.append(day)
        elif status.workday and status.reason.startswith("调休上班"):
            makeups.append({"day": day, "reason": status.reason, "counted": not _in_pause(day, pauses)})
    steps = []
    if runs:
        runs_data = [
            {"names": names, "first": days[0], "last": days[-1], "days": len(days)} for names, days in runs
        ]
        steps.append(TraceStep(StepKind.HOLIDAYS, {"runs": runs_data}))
    if makeups:
        steps.append(TraceStep(StepKind.MAKEUP_DAYS, {"days": makeups}))
    return steps


def _progress(calendar, start, pauses, n, due, replied, as_of, steps) -> tuple[int | None, int | None, bool]:
    until = replied or as_of
    if until is None:
        return None, None, False
    used = calendar.workdays_between(start, until, _skip(pauses)) if until > start else 0
    overdue = until > due
    late = used - n if overdue else 0
    if replied:
        params = {"replied": replied, "used": used, "overdue": overdue, "late": late}
        steps.append(TraceStep(StepKind.REPLIED, params))
    elif overdue:
        steps.append(TraceStep(StepKind.OVERDUE, {"as_of": as_of, "used": used, "late": late}))
    else:
        steps.append(TraceStep(StepKind.PROGRESS, {"as_of": as_of, "used": used, "left": n - used}))
    return used, max(n - used, 0), overdue


def _other_deadlines(
    calendar: Calendar, case: ClockCase, rules: RuleSet, steps: list[TraceStep]
) -> dict[str, date]:
    deadlines: dict[str, date] = {}
    if rules.correction_notice_days:
        due = calendar.add_workdays(case.received, rules.correction_notice_days)
        deadlines["correction_notice"] = due
        late = bool(case.correction_notice and case.correction_notice > due)
        steps.append(
            TraceStep(
                StepKind.CORRECTION_DEADLINE,
                {
                    "days": rules.correction_notice_days,
                    "due": due,
                    "sent": case.correction_notice,
                    "late": late,
                },
            )
        )
    for i, pause in enumerate(p for p in case.pauses if p.kind in {THIRD_PARTY, CO_ORGAN}):
        days = rules.third_party_days if pause.kind == THIRD_PARTY else rules.co_organ_days
        if days:
            due = calendar.add_workdays(pause.start, days)
            deadlines[f"{pause.kind}_{i + 1}"] = due
            steps.append(
                TraceStep(
                    StepKind.CONSULTATION_DEADLINE,
                    {"party": PauseKind(pause.kind), "sent": pause.start, "days": days, "due": due},
                )
            )
    for i, pause in enumerate(p for p in case.pauses if p.kind == FEE):
        if rules.fee_payment_days:
            due = calendar.add_workdays(pause.start, rules.fee_payment_days)
            deadlines[f"fee_payment_{i + 1}"] = due
            steps.append(
                TraceStep(
                    StepKind.FEE_DEADLINE, {"sent": pause.start, "days": rules.fee_payment_days, "due": due}
                )
            )
    return deadlines


# Pause events: class -> slot. A start opens its slot (its pause kind given), an end closes it. Third-party
# and co-organ consultations share one slot: ConsultationEnded closes either.
_STARTS = {ConsultationSent: "consult", FeeNoticeSent: FEE}
_ENDS = {ConsultationEnded: "consult", FeePaid: FEE, FeeLapsed: FEE}


def _from_events(events: Iterable[ClockEvent]) -> ClockCase:
    received = None
    fields: dict = {"pauses": [], "extension": 0}
    open_pause: dict[str, Pause] = {}
    events = list(events)
    for event in events:
        if not isinstance(event, ClockEvent):
            raise WorkdaysError(
                f"未知的事件类型：{event!r}（应为 gongkai.workdays.events 中的事件，例如 Received(date)）"
            )
    for event in sorted(events, key=lambda e: e.on):
        match event:
            case Received():
                received = event.on
            case CorrectionRequested():
                fields["correction_notice"] = event.on
            case CorrectionReceived():
                fields["corrected"] = event.on
            case Replied():
                fields["replied"] = event.on
            case Extended():
                fields["extension"] += event.days
            case _:
                _pause_event(event, open_pause, fields["pauses"])
    if received is None:
        raise WorkdaysError("事件中缺少“收到申请”（Received）")
    fields["pauses"].extend(open_pause.values())
    return ClockCase(received=received, **fields)


def _pause_event(event: ClockEvent, open_pause: dict[str, Pause], pauses: list[Pause]) -> None:
    """Open or close a pause; a second start while the slot is open would silently drop the first one."""
    if type(event) in _STARTS:
        slot = _STARTS[type(event)]
        if slot in open_pause:
            opened = open_pause[slot]
            raise WorkdaysError(
                f"事件“{event.describe()}”（{event.on}）之前，{opened.start}开始的中止尚未结束，"
                f"请先录入对应的结束事件"
            )
        kind = event.party if isinstance(event, ConsultationSent) else FEE
        open_pause[slot] = Pause(event.on, None, kind)
        return
    slot = _ENDS.get(type(event))
    if slot is None:
        raise WorkdaysError(f"未知的事件类型：{event!r}")
    if slot not in open_pause:
        raise WorkdaysError(f"事件“{event.describe()}”（{event.on}）之前没有对应的开始事件")
    start = open_pause.pop(slot)
    pauses.append(Pause(start.start, event.on, start.kind))
