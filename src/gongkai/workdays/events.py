"""The typed events that move an application's statutory clock (frozen dataclasses, one class per kind).

A case's clock is computed from its events, never stored: the casework app maps its own case events to these
and calls `ClockCase.from_events(events)` then `compute(...)`. Each class has a stable `kind` (the string a
database row or a JSON document may carry; `event_from_kind` turns one back into an event) and a Chinese
`label` for messages. Pauses (征求意见, 等待缴费) come as a start event and an end event; `ClockCase.from_events`
pairs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from gongkai.workdays.errors import WorkdaysError


class PauseKind(StrEnum):
    """Why the clock stands still; the values are the strings the library has always used."""

    THIRD_PARTY = "third_party"  # 征求第三方意见（第三十二条）
    CO_ORGAN = "co_organ"  # 征求共同制作机关意见（第三十四条）
    FEE = "fee"  # 等待缴纳信息处理费
    OTHER = "other"  # 中止计算（征求意见或缴费）, e.g. a CLI --pause, or two kinds merged


@dataclass(frozen=True)
class ClockEvent:
    """One event on `on`, the calendar day it happened (a `date`, never a `datetime`)."""

    on: date
    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if isinstance(self.on, datetime) or not isinstance(self.on, date):
            raise WorkdaysError(
                f"事件“{self.describe()}”的日期应为日期（date），收到 {type(self.on).__name__}：{self.on!r}"
            )

    def describe(self) -> str:
        """The Chinese name of this event, as messages and the trace use it."""
        return self.label


@dataclass(frozen=True)
class Received(ClockEvent):
    """收到申请: the lawful date of receipt (第三十一条); the day itself is not counted."""

    kind: ClassVar[str] = "received"
    label: ClassVar[str] = "收到申请"


@dataclass(frozen=True)
class CorrectionRequested(ClockEvent):
    """补正通知 sent to the applicant (第三十条)."""

    kind: ClassVar[str] = "correction_notice"
    label: ClassVar[str] = "发出补正通知"


@dataclass(frozen=True)
class CorrectionReceived(ClockEvent):
    """收到补正后的申请: the count restarts from this day."""

    kind: ClassVar[str] = "corrected"
    label: ClassVar[str] = "收到补正后的申请"


@dataclass(frozen=True)
class ConsultationSent(ClockEvent):
    """征求意见函 sent: to a third party (第三十二条) or to a co-producing organ (第三十四条). Starts a pause."""

    party: PauseKind = PauseKind.THIRD_PARTY
    kind: ClassVar[str] = "consultation_start"
    label: ClassVar[str] = "发出征求意见函（第三方）"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.party not in (PauseKind.THIRD_PARTY, PauseKind.CO_ORGAN):
            raise WorkdaysError(f"征求意见的对象应为 third_party 或 co_organ，收到“{self.party}”")
        object.__setattr__(self, "party", PauseKind(self.party))

    def describe(self) -> str:
        return "发出征求意见函（共同制作机关）" if self.party == PauseKind.CO_ORGAN else self.label


@dataclass(frozen=True)
class ConsultationEnded(ClockEvent):
    """The consulted party answered, or its window lapsed. Ends the open consultation pause."""

    kind: ClassVar[str] = "consultation_end"
    label: ClassVar[str] = "收到意见或期满"


@dataclass(frozen=True)
class Extended(ClockEvent):
    """延长答复期限 by `days` working days (approved by the head); several extensions add up."""

    days: int | None = None
    kind: ClassVar[str] = "extension"
    label: ClassVar[str] = "延长答复期限（天数）"

    def __post_init__(self) -> None:
        super().__post_init__()
        # An extension must say how many days: silently adding 0 would hide a data-entry mistake.
        if self.days is None:
            raise WorkdaysError(f"事件“{self.label}”（{self.on}）缺少延长的工作日天数")
        if isinstance(self.days, bool) or not isinstance(self.days, int):
            raise WorkdaysError(f"事件“{self.label}”（{self.on}）的天数应为整数，收到“{self.days}”")


@dataclass(frozen=True)
class FeeNoticeSent(ClockEvent):
    """收费通知 sent. Starts the fee pause (if the rule set stops the clock while a fee is awaited)."""

    kind: ClassVar[str] = "fee_notice"
    label: ClassVar[str] = "发出收费通知"


@dataclass(frozen=True)
class FeePaid(ClockEvent):
    kind: ClassVar[str] = "fee_paid"
    label: ClassVar[str] = "缴费"


@dataclass(frozen=True)
class FeeLapsed(ClockEvent):
    """The payment window lapsed unpaid (视为放弃申请); ends the fee pause."""

    kind: ClassVar[str] = "fee_lapsed"
    label: ClassVar[str] = "缴费期满未缴"


@dataclass(frozen=True)
class Replied(ClockEvent):
    """作出答复: stops the clock; used and left are counted up to this day."""

    kind: ClassVar[str] = "reply"
    label: ClassVar[str] = "作出答复"


EVENT_TYPES: dict[str, type[ClockEvent]] = {
    cls.kind: cls
    for cls in (
        Received,
        CorrectionRequested,
        CorrectionReceived,
        ConsultationSent,
        ConsultationEnded,
        Extended,
        FeeNoticeSent,
        FeePaid,
        FeeLapsed,
        Replied,
    )
}

# The co-organ consultation's own kind string, kept so that stored rows and JSON read back as before.
CO_ORGAN_START = "co_organ_start"


def event_from_kind(kind: str, on: date, days: int | None = None) -> ClockEvent:
    """A typed event from its `kind` string (as stored in a database row): `received`, `correction_notice`,
    `corrected`, `consultation_start`, `co_organ_start`, `consultation_end`, `extension` (with days),
    `fee_notice`, `fee_paid`, `fee_lapsed`, `reply`."""
    if kind == CO_ORGAN_START:
        return ConsultationSent(on, PauseKind.CO_ORGAN)
    if kind not in EVENT_TYPES:
        known = "、".join([*EVENT_TYPES, CO_ORGAN_START])
        raise WorkdaysError(f"未知的事件类型“{kind}”（可用：{known}）")
    if kind == Extended.kind:
        return Extended(on, days)
    return EVENT_TYPES[kind](on)
