"""The review chain as pure data and rules (no Django): which level comes next, who may take it, and when
publication is due.

A chain is the organ's ordered levels (default 初审 → 复审 → 终审), each naming the role that may take it.
Rules (issue 10): nobody reviews their own draft; nobody takes two levels of the same entry in one round;
the last level needs the 保密审查 attestation first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.catalog.params import ReviewLevel
from gongkai.workdays import Calendar


class Refused(Exception):
    """A review step the rules do not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Approval:
    level: int  # 1-based
    actor_id: int


def chain_from(data) -> tuple[ReviewLevel, ...]:
    levels = tuple(ReviewLevel(label=str(item["label"]), role=str(item["role"])) for item in data or ())
    if not levels:
        raise ValueError("审核层级不能为空")
    return levels


def next_level(chain: tuple[ReviewLevel, ...], approvals: list[Approval]) -> int | None:
    """The 1-based level to take next, or None when every level has approved."""
    done = len(approvals)
    return done + 1 if done < len(chain) else None


def check_approval(
    chain: tuple[ReviewLevel, ...],
    approvals: list[Approval],
    *,
    actor_id: int | None,
    author_id: int,
    actor_roles: frozenset[str],
    is_admin: bool,
    secrecy_attested: bool,
) -> int:
    """The level `actor` would approve, or `Refused` naming the rule that forbids it."""
    level = next_level(chain, approvals)
    if level is None:
        raise Refused("各级审核均已完成")
    if actor_id is not None and actor_id == author_id:
        raise Refused("不能审核本人起草的信息")
    if actor_id is not None and any(a.actor_id == actor_id for a in approvals):
        raise Refused("同一人不能承担同一条信息的两级审核")
    required = chain[level - 1]
    if not is_admin and required.role not in actor_roles:
        raise Refused(f"“{required.label}”须由具有相应角色的人员办理")
    if level == len(chain) and not secrecy_attested:
        raise Refused(f"“{required.label}”前须完成保密审查")
    return level


def check_secrecy(*, actor_id: int | None, author_id: int, already: bool) -> None:
    if already:
        raise Refused("本轮已完成保密审查")
    if actor_id is not None and actor_id == author_id:
        raise Refused("保密审查须由起草人以外的审核人员作出")


@dataclass(frozen=True)
class Due:
    due_on: date
    state: str  # "late" | "soon" | "ok"
    provisional: bool  # the deadline crosses a year whose holidays are not yet published

    @property
    def label(self) -> str:
        return {"late": "已超期", "soon": "即将到期", "ok": "未到期"}[self.state]


def publication_due(
    generated_on: date, today: date, *, workdays: int, soon: int, calendar: Calendar | None = None
) -> Due:
    """第二十六条: publish within `workdays` working days of the day the information was made or changed."""
    calendar = calendar or Calendar.shipped()
    due_on = calendar.add_workdays(generated_on, workdays)
    provisional = bool(calendar.unarranged_years(generated_on, due_on))
    if today > due_on:
        state = "late"
    elif calendar.workdays_between(today, due_on) <= soon:
        state = "soon"
    else:
        state = "ok"
    return Due(due_on, state, provisional)
