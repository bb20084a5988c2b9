"""The clock's explanation as data, and the one place it is put into Chinese.

`compute()` returns `Clock.steps`: a list of `TraceStep(kind, params)`, one per step a clerk can check
against a paper calendar. `render_step` / `render_trace` turn them into the sentences the CLI prints, the
case page shows and a letter may quote (`Clock.trace` is `render_trace(Clock.steps)`). Parameters are plain
values: dates as `date`, counts as `int`, pause kinds as `PauseKind`, names as `str`; `TraceStep.to_dict()`
gives a JSON-ready copy (dates as ISO strings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from gongkai.workdays.dates import cn_date
from gongkai.workdays.events import PauseKind


class StepKind(StrEnum):
    RULES = "rules"  # rule_title, effective, reply_days, extension_max
    RECEIVED = "received"  # received
    CORRECTED = "corrected"  # notice (date | None), corrected
    EXTENDED = "extended"  # days, total
    NOT_EXTENDED = "not_extended"  # reply_days
    FEE_WAIT_RUNS = "fee_wait_runs"  # pause_kind: the rule set lets the clock run while a fee is awaited
    PAUSE_OPEN = "pause_open"  # pause_kind, start, until: a pause without its end, counted to `until`
    PAUSES_MERGED = "pauses_merged"  # pause_kind, start, end, previous_start, previous_end
    PAUSE_SKIPPED = "pause_skipped"  # pause_kind, start, end, workdays
    HOLIDAYS = "holidays"  # runs: [{"names": [str], "first": date, "last": date, "days": int}]
    MAKEUP_DAYS = "makeup_days"  # days: [{"day": date, "reason": str, "counted": bool}]
    DUE = "due"  # start, working_days, due
    REPLIED = "replied"  # replied, used, overdue, late (working days past the due date)
    OVERDUE = "overdue"  # as_of, used, late
    PROGRESS = "progress"  # as_of, used, left
    CORRECTION_DEADLINE = "correction_deadline"  # days, due, sent (date | None), late (bool)
    CONSULTATION_DEADLINE = "consultation_deadline"  # party (PauseKind), sent, days, due
    FEE_DEADLINE = "fee_deadline"  # sent, days, due
    PROVISIONAL = "provisional"  # years, source


@dataclass(frozen=True)
class TraceStep:
    kind: StepKind
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": str(self.kind), "params": _plain(dict(self.params))}

    def text(self) -> str:
        return render_step(self)


PAUSE_LABELS: dict[PauseKind, str] = {
    PauseKind.THIRD_PARTY: "征求第三方意见",
    PauseKind.CO_ORGAN: "征求共同制作机关意见",
    PauseKind.FEE: "等待缴纳信息处理费",
    PauseKind.OTHER: "中止计算（征求意见或缴费）",
}

PARTY_NAMES: dict[PauseKind, str] = {PauseKind.THIRD_PARTY: "第三方", PauseKind.CO_ORGAN: "共同制作机关"}


def pause_label(kind: str) -> str:
    """The Chinese name of a pause kind; an unknown kind gets the generic one."""
    try:
        return PAUSE_LABELS[PauseKind(kind)]
    except ValueError:
        return PAUSE_LABELS[PauseKind.OTHER]


def _d(day: date) -> str:
    return cn_date(day, False)


def _span(first: date, last: date) -> str:
    a = f"{first.year}年{first.month}月{first.day}日"
    return a if first == last else f"{a}至{last.month}月{last.day}日"


def _rules(p) -> str:
    return (
        f"适用规则：{p['rule_title']}（{_d(p['effective'])}起施行，按收到申请日确定）："
        f"答复期限{p['reply_days']}个工作日，可延长不超过{p['extension_max']}个工作日。"
    )


def _corrected(p) -> str:
    notice = f"{_d(p['notice'])}发出补正通知；" if p.get("notice") else ""
    return f"补正：{notice}{cn_date(p['corrected'])}收到补正后的申请，答复期限自该日重新起算（当日不计入）。"


def _pause_open(p) -> str:
    return f"{pause_label(p['pause_kind'])}：{_d(p['start'])}起尚未结束，暂计至{_d(p['until'])}。"


def _pauses_merged(p) -> str:
    return (
        f"{pause_label(p['pause_kind'])}（{_d(p['start'])}至{_d(p['end'])}）与前一中止期间"
        f"（{_d(p['previous_start'])}至{_d(p['previous_end'])}）重叠，合并计算，重叠的日期不重复扣除。"
    )


def _pause_skipped(p) -> str:
    return (
        f"{pause_label(p['pause_kind'])}：{_d(p['start'])}至{_d(p['end'])}，"
        f"期间{p['workdays']}个工作日不计入答复期限。"
    )


def _holidays(p) -> str:
    spans = "；".join(
        f"{'、'.join(run['names'])}（{_span(run['first'], run['last'])}，{run['days']}天）"
        for run in p["runs"]
    )
    return f"期间放假不计入：{spans}。"


def _makeup_days(p) -> str:
    items = [
        f"{cn_date(d['day'])}{d['reason']}，{'计入' if d['counted'] else '在中止期间内，不计入'}"
        for d in p["days"]
    ]
    return "期间调休上班日：" + "；".join(items) + "。"


def _replied(p) -> str:
    # A reply on a rest day after the due date is overdue by 0 working days, and says so.
    verdict = f"逾期{p['late']}个工作日" if p["overdue"] else "在期限内"
    return f"答复：{cn_date(p['replied'])}作出答复，已用{p['used']}个工作日，{verdict}。"


def _correction_deadline(p) -> str:
    note = f"；补正通知于{_d(p['sent'])}发出，已超过该期限" if p.get("late") else ""
    return f"补正告知期限：收到申请后{p['days']}个工作日内，即{cn_date(p['due'])}之前（含当日）{note}。"


def _provisional(p) -> str:
    listed = "、".join(f"{y}年" for y in p["years"])
    return f"暂定：{listed}的放假安排尚未录入，按{p['source']}；正式安排公布后须重新计算。"


RENDERERS: dict[StepKind, Callable[[Mapping[str, Any]], str]] = {
    StepKind.RULES: _rules,
    StepKind.RECEIVED: lambda p: f"收到申请：{cn_date(p['received'])}，当日不计入，自次日起算。",
    StepKind.CORRECTED: _corrected,
    StepKind.EXTENDED: lambda p: f"延长答复期限{p['days']}个工作日，共{p['total']}个工作日。",
    StepKind.NOT_EXTENDED: lambda p: f"未延长，答复期限共{p['reply_days']}个工作日。",
    StepKind.FEE_WAIT_RUNS: lambda p: (
        f"{pause_label(p['pause_kind'])}：按本规则设置，等待缴费期间不中止答复期限。"
    ),
    StepKind.PAUSE_OPEN: _pause_open,
    StepKind.PAUSES_MERGED: _pauses_merged,
    StepKind.PAUSE_SKIPPED: _pause_skipped,
    StepKind.HOLIDAYS: _holidays,
    StepKind.MAKEUP_DAYS: _makeup_days,
    StepKind.DUE: lambda p: (
        f"答复截止日：自{_d(p['start'])}次日起第{p['working_days']}个计入期限的工作日，即{cn_date(p['due'])}。"
    ),
    StepKind.REPLIED: _replied,
    StepKind.OVERDUE: lambda p: (
        f"截至{cn_date(p['as_of'])}尚未答复，已用{p['used']}个工作日，已逾期{p['late']}个工作日。"
    ),
    StepKind.PROGRESS: lambda p: (
        f"截至{cn_date(p['as_of'])}已用{p['used']}个工作日，剩余{p['left']}个工作日。"
    ),
    StepKind.CORRECTION_DEADLINE: _correction_deadline,
    StepKind.CONSULTATION_DEADLINE: lambda p: (
        f"{PARTY_NAMES[PauseKind(p['party'])]}答复期限：{_d(p['sent'])}发函后{p['days']}个工作日，"
        f"即{cn_date(p['due'])}。"
    ),
    StepKind.FEE_DEADLINE: lambda p: (
        f"缴费期限：{_d(p['sent'])}发出收费通知后{p['days']}个工作日，即{cn_date(p['due'])}；逾期未缴视为放弃申请。"
    ),
    StepKind.PROVISIONAL: _provisional,
}


def render_step(step: TraceStep) -> str:
    """One step as the Chinese sentence a clerk reads."""
    return RENDERERS[StepKind(step.kind)](step.params)


def render_trace(steps: Iterable[TraceStep]) -> list[str]:
    return [render_step(step) for step in steps]


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
