"""The state machine of a case: which action is allowed in which status, and where it leads.

Pure (no database): `check(status, action)` returns the new status or raises `TransitionError` with a
Chinese message that says why, e.g. "已答复的申请不能再发补正告知书".
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.applications.choices import CLOSED_STATUSES, Status


class Action(StrEnum):
    CONFIRM = "confirm"
    ASSIGN = "assign"
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    LAPSE_CORRECTION = "lapse_correction"
    CONSULT = "consult"
    END_CONSULTATION = "end_consultation"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    REQUEST_REASONS = "request_reasons"
    RECEIVE_REASONS = "receive_reasons"
    FEE_NOTICE = "fee_notice"
    FEE_PAID = "fee_paid"
    FEE_LAPSED = "fee_lapsed"
    REPLY = "reply"
    WITHDRAW = "withdraw"
    FORWARD = "forward"
    REOPEN = "reopen"


# What each action is called in a refusal ("…的申请不能{verb}").
VERBS = {
    Action.CONFIRM: "确认收到",
    Action.ASSIGN: "指定承办人",
    Action.REQUEST_CORRECTION: "发补正告知书",
    Action.RECEIVE_CORRECTION: "登记补正材料",
    Action.LAPSE_CORRECTION: "按逾期未补正办结",
    Action.CONSULT: "发征求意见书",
    Action.END_CONSULTATION: "登记征求意见结果",
    Action.REQUEST_EXTENSION: "申请延期答复",
    Action.DECIDE_EXTENSION: "审批延期答复",
    Action.REQUEST_REASONS: "要求说明理由",
    Action.RECEIVE_REASONS: "登记申请人说明的理由",
    Action.FEE_NOTICE: "发收费通知书",
    Action.FEE_PAID: "登记缴费",
    Action.FEE_LAPSED: "按逾期未缴费办结",
    Action.REPLY: "作出答复",
    Action.WITHDRAW: "撤回",
    Action.FORWARD: "转送",
    Action.REOPEN: "重新办理",
}

_WORKING = {Status.OPEN, Status.REOPENED}
_IN_PROGRESS = {Status.OPEN, Status.REOPENED, Status.CORRECTION, Status.CONSULTING, Status.FEE}

# action -> ({allowed from}, to); to None = the status stays as it is.
TABLE: dict[Action, tuple[frozenset[Status], Status | None]] = {
    Action.CONFIRM: (frozenset({Status.PENDING}), Status.OPEN),
    Action.ASSIGN: (frozenset({Status.PENDING, *_IN_PROGRESS}), None),
    Action.REQUEST_CORRECTION: (frozenset({Status.OPEN}), Status.CORRECTION),
    Action.RECEIVE_CORRECTION: (frozenset({Status.CORRECTION}), Status.OPEN),
    Action.LAPSE_CORRECTION: (frozenset({Status.CORRECTION}), Status.CLOSED),
    Action.CONSULT: (frozenset(_WORKING), Status.CONSULTING),
    Action.END_CONSULTATION: (frozenset({Status.CONSULTING}), Status.OPEN),
    Action.REQUEST_EXTENSION: (frozenset(_WORKING | {Status.CONSULTING}), None),
    Action.DECIDE_EXTENSION: (frozenset(_WORKING | {Status.CONSULTING}), None),
    Action.REQUEST_REASONS: (frozenset(_WORKING), None),
    Action.RECEIVE_REASONS: (frozenset(_WORKING), None),
    Action.FEE_NOTICE: (frozenset(_WORKING), Status.FEE),
    Action.FEE_PAID: (frozenset({Status.FEE}), Status.OPEN),
    Action.FEE_LAPSED: (frozenset({Status.FEE}), Status.CLOSED),
    Action.REPLY: (frozenset(_WORKING), Status.CLOSED),
    Action.WITHDRAW: (frozenset({Status.PENDING, *_IN_PROGRESS}), Status.WITHDRAWN),
    Action.FORWARD: (frozenset({Status.PENDING, Status.OPEN}), Status.FORWARDED),
    Action.REOPEN: (frozenset({Status.CLOSED, Status.FORWARDED}), Status.REOPENED),
}

# Why an action waits for something else, in the statuses where that is the reason.
_WAITING = {
    Status.PENDING: "尚未确认收到申请，请先确认",
    Status.CORRECTION: "正在等待申请人补正，请先登记补正材料或按逾期未补正办结",
    Status.CONSULTING: "正在征求意见，请先登记征求意见结果",
    Status.FEE: "正在等待缴纳信息处理费，请先登记缴费或按逾期未缴费办结",
}


class TransitionError(Exception):
    """An action not allowed in the case's status; the message says why, in Chinese."""


def check(status: str, action: Action | str) -> Status:
    """The status after `action`, or TransitionError."""
    action = Action(action)
    status = Status(status)
    allowed, to = TABLE[action]
    if status in allowed:
        return to or status
    verb = VERBS[action]
    if status in CLOSED_STATUSES:
        again = "再" if action not in {Action.CONFIRM} else ""
        raise TransitionError(f"{status.label}的申请不能{again}{verb}")
    reason = _WAITING.get(status)
    if reason:
        raise TransitionError(f"{status.label}的申请不能{verb}：{reason}")
    raise TransitionError(f"{status.label}的申请不能{verb}")


def allowed_actions(status: str) -> list[Action]:
    status = Status(status)
    return [action for action, (allowed, _) in TABLE.items() if status in allowed]
