"""The statutory clock of an application: reply due date, days used and left, other deadlines, and a trace.

Conventions (issue 3): the day of receipt is not counted and the reply is due on the Nth working day after it;
after a 补正 the count restarts from the day the corrected application arrived; working days inside a pause
(S, E] — a consultation or a fee wait — are skipped; an extension adds its days to N, at most the rule set's
limit. Every line of the trace is one step a clerk can check against a paper calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from gongkai.workdays.dates import cn_date, date_range
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.festivals import STATUTORY_SOURCE
from gongkai.workdays.rules import RuleSet, rule_set_for
from gongkai.workdays.workcalendar import Calendar

THIRD_PARTY, CO_ORGAN, FEE, OTHER = "third_party", "co_organ", "fee", "other"
PAUSE_LABELS = {
    THIRD_PARTY: "征求第三方意见",
    CO_ORGAN: "征求共同制作机关意见",
    FEE: "等待缴纳信息处理费",
    OTHER: "中止计算（征求意见或缴费）",
}


@dataclass(frozen=True)
class Pause:
    """A stretch that does not count: S = letter or fee notice sent, E = answer, payment or lapse."""

    start: date
    end: date | None
    kind: str = OTHER

    @property
    def label(self) -> str:
        return PAUSE_LABELS.get(self.kind, PAUSE_LABELS[OTHER])


@dataclass
class Application:
    """The events of one application that move its clock."""

    received: date  # 收到申请
    corrected: date | None = None  # 收到补正后的申请
    correction_notice: date | None = None  # 发出补正通知
    pauses: list[Pause] = field(default_factory=list)
    extension: int = 0  # 延长答复期限（工作日）
    replied: date | None = None  # 作出答复

    @classmethod
    def from_events(cls, events: list[tuple[str, date] | tuple[str, date, int]]) -> Application:
        """Build from (kind, date[, days]) events in any order; see EVENT_KINDS for the kinds."""
        return _from_events(events)


EVENT_KINDS = {
    "received": "收到申请",
    "correction_notice": "发出补正通知",
    "corrected": "收到补正后的申请",
    "consultation_start": "发出征求意见函（第三方）",
    "co_organ_start": "发出征求意见函（共同制作机关）",
    "consultation_end": "收到意见或期满",
    "extension": "延长答复期限（天数）",
    "fee_notice": "发出收费通知",
    "fee_paid": "缴费",
    "fee_lapsed": "缴费期满未缴",
    "reply": "作出答复",
}


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
    trace: list[str]

    @property
    def provisional(self) -> bool:
        """暂定: the result depends on a year whose arrangement nobody has entered yet."""
        return bool(self.provisional_years)

    def to_dict(self) -> dict:
        return {
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "rule_set": self.rule_set.id,
            "working_days": self.working_days,
            "used": self.used,
            "left": self.left,
            "overdue": self.overdue,
            "deadlines": {k: v.isoformat() for k, v in self.deadlines.items()},
            "trace": list(self.trace),
        }


def compute(
    app: Application,
    calendar: Calendar | None = None,
    as_of: date | None = None,
    rules: RuleSet | None = None,
    fee_wait_stops_clock: bool | None = None,
) -> Clock:
    """Run the clock. `rules` defaults to the rule set in force on the day of receipt."""
    calendar = calendar or _default_calendar()
    rules = rules or rule_set_for(app.received)
    if fee_wait_stops_clock is not None:
        rules = replace(rules, fee_wait_stops_clock=fee_wait_stops_clock)
    _validate(app, rules, as_of)
    start = app.corrected or app.received
    until = app.replied or as_of
    trace = _opening(app, rules)
    pauses = _effective_pauses(app, rules, until, trace)
    n = rules.reply_days + app.extension
    due = calendar.add_workdays(start, n, _skip(pauses))
    for pause in pauses:
        skipped = _pause_workdays(calendar, pause, start, due)
        trace.append(
            f"{pause.label}：{cn_date(pause.start, False)}至{cn_date(pause.end, False)}，"
            f"期间{skipped}个工作日不计入答复期限。"
        )
    trace.extend(_crossed(calendar, start, due, pauses))
    trace.append(f"答复截止日：自{cn_date(start, False)}次日起第{n}个计入期限的工作日，即{cn_date(due)}。")
    used, left, overdue = _progress(calendar, start, pauses, n, due, app.replied, as_of, trace)
    deadlines = _other_deadlines(calendar, app, rules, trace)
    years = calendar.unarranged_years(start, max([due, *(d for d in (until,) if d), *deadlines.values()]))
    if years:
        listed = "、".join(f"{y}年" for y in years)
        trace.append(f"暂定：{listed}的放假安排尚未录入，按{STATUTORY_SOURCE}；正式安排公布后须重新计算。")
    return Clock(rules, start, n, due, used, left, overdue, years, deadlines, trace)


@lru_cache(maxsize=1)
def _default_calendar() -> Calendar:
    """The shipped calendar, built once for every `compute()` without one. It never leaves this module, so
    nobody can edit it; callers who want to change arrangements pass their own `Calendar`."""
    return Calendar.shipped()


def _validate(app: Application, rules: RuleSet, as_of: date | None) -> None:
    if app.extension < 0:
        raise WorkdaysError(f"延长天数不能为负数（收到 {app.extension}）")
    if app.extension > rules.extension_max:
        raise WorkdaysError(
            f"延长天数 {app.extension} 超过{rules.title}规定的上限 {rules.extension_max} 个工作日"
        )
    if app.corrected and app.corrected < app.received:
        raise WorkdaysError("收到补正申请的日期早于收到申请的日期")
    if app.correction_notice and app.correction_notice < app.received:
        raise WorkdaysError("补正通知日期早于收到申请的日期")
    if app.correction_notice and app.corrected and app.corrected < app.correction_notice:
        raise WorkdaysError("收到补正申请的日期早于发出补正通知的日期")
    if app.replied and app.replied < app.received:
        raise WorkdaysError("答复日期早于收到申请的日期")
    if as_of and as_of < app.received:
        raise WorkdaysError("计算截至日期早于收到申请的日期")
    for pause in app.pauses:
        if pause.end and pause.end < pause.start:
            raise WorkdaysError(f"{pause.label}的结束日期 {pause.end} 早于开始日期 {pause.start}")
        if pause.start < app.received:
            # A letter or fee notice cannot go out before the application arrived; a pause there is a typo.
            raise WorkdaysError(
                f"{pause.label}的开始日期 {pause.start} 早于收到申请的日期 {app.received}，请检查日期"
            )


def _opening(app: Application, rules: RuleSet) -> list[str]:
    lines = [
        f"适用规则：{rules.title}（{cn_date(rules.effective, False)}起施行，按收到申请日确定）："
        f"答复期限{rules.reply_days}个工作日，可延长不超过{rules.extension_max}个工作日。",
        f"收到申请：{cn_date(app.received)}，当日不计入，自次日起算。",
    ]
    if app.corrected:
        notice = f"{cn_date(app.correction_notice, False)}发出补正通知；" if app.correction_notice else ""
        lines.append(
            f"补正：{notice}{cn_date(app.corrected)}收到补正后的申请，答复期限自该日重新起算（当日不计入）。"
        )
    if app.extension:
        total = rules.reply_days + app.extension
        lines.append(f"延长答复期限{app.extension}个工作日，共{total}个工作日。")
    else:
        lines.append(f"未延长，答复期限共{rules.reply_days}个工作日。")
    return lines


def _effective_pauses(app: Application, rules: RuleSet, until: date | None, trace: list[str]) -> list[Pause]:
    pauses = []
    for pause in sorted(app.pauses, key=lambda p: p.start):
        if pause.kind == FEE and not rules.fee_wait_stops_clock:
            trace.append(f"{pause.label}：按本规则设置，等待缴费期间不中止答复期限。")
            continue
        if pause.end is None:
            if until is None:
                raise WorkdaysError(f"{pause.label}尚未结束：请给出结束日期，或给出计算截至日期")
            trace.append(
                f"{pause.label}：{cn_date(pause.start, False)}起尚未结束，暂计至{cn_date(until, False)}。"
            )
            pause = Pause(pause.start, until, pause.kind)
        pauses.append(pause)
    return _merge_overlapping(pauses, trace)


def _merge_overlapping(pauses: list[Pause], trace: list[str]) -> list[Pause]:
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
        trace.append(
            f"{pause.label}（{cn_date(pause.start, False)}至{cn_date(pause.end, False)}）与前一中止期间"
            f"（{cn_date(last.start, False)}至{cn_date(last.end, False)}）重叠，合并计算，重叠的日期不重复扣除。"
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


def _crossed(calendar: Calendar, start: date, due: date, pauses: list[Pause]) -> list[str]:
    """Lines naming the holidays and make-up working days the count ran through.

    Consecutive days off form one span even when they belong to two festivals (国庆节、中秋节 in 2025), so
    the span's day count is the real number of days off. A make-up day inside a pause is said not to count,
    in agreement with the pause line.
    """
    runs: list[tuple[list[str], list[date]]] = []
    makeups: list[str] = []
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
            counted = "在中止期间内，不计入" if _in_pause(day, pauses) else "计入"
            makeups.append(f"{cn_date(day)}{status.reason}，{counted}")
    lines = []
    if runs:
        spans = "；".join(f"{'、'.join(names)}（{_span(days)}，{len(days)}天）" for names, days in runs)
        lines.append(f"期间放假不计入：{spans}。")
    if makeups:
        lines.append("期间调休上班日：" + "；".join(makeups) + "。")
    return lines


def _span(days: list[date]) -> str:
    first, last = days[0], days[-1]
    a = f"{first.year}年{first.month}月{first.day}日"
    return a if first == last else f"{a}至{last.month}月{last.day}日"


def _progress(calendar, start, pauses, n, due, replied, as_of, trace) -> tuple[int | None, int | None, bool]:
    until = replied or as_of
    if until is None:
        return None, None, False
    used = calendar.workdays_between(start, until, _skip(pauses)) if until > start else 0
    overdue = until > due
    if replied:
        verdict = f"逾期{used - n}个工作日" if overdue else "在期限内"
        trace.append(f"答复：{cn_date(replied)}作出答复，已用{used}个工作日，{verdict}。")
    elif overdue:
        trace.append(f"截至{cn_date(as_of)}尚未答复，已用{used}个工作日，已逾期{used - n}个工作日。")
    else:
        trace.append(f"截至{cn_date(as_of)}已用{used}个工作日，剩余{n - used}个工作日。")
    return used, max(n - used, 0), overdue


def _other_deadlines(
    calendar: Calendar, app: Application, rules: RuleSet, trace: list[str]
) -> dict[str, date]:
    deadlines: dict[str, date] = {}
    if rules.correction_notice_days:
        due = calendar.add_workdays(app.received, rules.correction_notice_days)
        deadlines["correction_notice"] = due
        late = app.correction_notice and app.correction_notice > due
        note = f"；补正通知于{cn_date(app.correction_notice, False)}发出，已超过该期限" if late else ""
        trace.append(
            f"补正告知期限：收到申请后{rules.correction_notice_days}个工作日内，"
            f"即{cn_date(due)}之前（含当日）{note}。"
        )
    for i, pause in enumerate(p for p in app.pauses if p.kind in {THIRD_PARTY, CO_ORGAN}):
        days = rules.third_party_days if pause.kind == THIRD_PARTY else rules.co_organ_days
        if days:
            due = calendar.add_workdays(pause.start, days)
            deadlines[f"{pause.kind}_{i + 1}"] = due
            who = "第三方" if pause.kind == THIRD_PARTY else "共同制作机关"
            trace.append(
                f"{who}答复期限：{cn_date(pause.start, False)}发函后{days}个工作日，即{cn_date(due)}。"
            )
    for i, pause in enumerate(p for p in app.pauses if p.kind == FEE):
        if rules.fee_payment_days:
            due = calendar.add_workdays(pause.start, rules.fee_payment_days)
            deadlines[f"fee_payment_{i + 1}"] = due
            trace.append(
                f"缴费期限：{cn_date(pause.start, False)}发出收费通知后{rules.fee_payment_days}个工作日，"
                f"即{cn_date(due)}；逾期未缴视为放弃申请。"
            )
    return deadlines


# Pause events: event -> (slot, pause kind). A start opens its slot (pause kind given), an end closes it
# (None). Third-party and co-organ consultations share one slot: consultation_end closes either.
PAUSE_EVENTS: dict[str, tuple[str, str | None]] = {
    "consultation_start": ("consult", THIRD_PARTY),
    "co_organ_start": ("consult", CO_ORGAN),
    "consultation_end": ("consult", None),
    "fee_notice": (FEE, FEE),
    "fee_paid": (FEE, None),
    "fee_lapsed": (FEE, None),
}


def _from_events(events) -> Application:
    received = None
    fields: dict = {"pauses": [], "extension": 0}
    open_pause: dict[str, Pause] = {}
    for event in sorted(events, key=lambda e: e[1]):
        kind, day = event[0], event[1]
        if kind not in EVENT_KINDS:
            raise WorkdaysError(f"未知的事件类型“{kind}”（可用：{'、'.join(EVENT_KINDS)}）")
        if kind == "received":
            received = day
        elif kind in {"correction_notice", "corrected"}:
            fields[kind] = day
        elif kind == "reply":
            fields["replied"] = day
        elif kind == "extension":
            fields["extension"] += _extension_days(event)
        else:
            _pause_event(kind, day, open_pause, fields["pauses"])
    if received is None:
        raise WorkdaysError("事件中缺少“收到申请”（received）")
    fields["pauses"].extend(open_pause.values())
    return Application(received=received, **fields)


def _extension_days(event) -> int:
    """An extension must say how many days: silently adding 0 would hide a data-entry mistake."""
    if len(event) < 3 or event[2] is None:
        raise WorkdaysError(f"事件“{EVENT_KINDS['extension']}”（{event[1]}）缺少延长的工作日天数")
    return int(event[2])


def _pause_event(kind: str, day: date, open_pause: dict[str, Pause], pauses: list[Pause]) -> None:
    """Open or close a pause; a second start while the slot is open would silently drop the first one."""
    slot, pause_kind = PAUSE_EVENTS[kind]
    if pause_kind is not None:
        if slot in open_pause:
            opened = open_pause[slot]
            raise WorkdaysError(
                f"事件“{EVENT_KINDS[kind]}”（{day}）之前，{opened.start}开始的中止尚未结束，"
                f"请先录入对应的结束事件"
            )
        open_pause[slot] = Pause(day, None, pause_kind)
        return
    if slot not in open_pause:
        raise WorkdaysError(f"事件“{EVENT_KINDS[kind]}”（{day}）之前没有对应的开始事件")
    start = open_pause.pop(slot)
    pauses.append(Pause(start.start, day, start.kind))
