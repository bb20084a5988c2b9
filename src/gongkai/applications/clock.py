"""A case's deadlines, computed from its events by `gongkai.workdays` (never stored, never counted here).

`case_clock(application, events, as_of)` maps the case events to the clock's events, runs `compute` and
returns the due date, days used and left, overdue / due soon / provisional, the other deadlines (补正 notice
within 7 working days, the third party's 15, the fee's 20) and the clock's step-by-step explanation.

After a 纠正 decision the case is replied to again; practice (no statute fixes it): the new reply period is
counted like a new application from the day the case was reopened, so only the events after the last
reopening move the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from gongkai.applications.choices import CLOSED_STATUSES, ConsultParty, EventKind, Status
from gongkai.workdays import Clock, ClockCase, WorkdaysError, compute, event_from_kind


def _clock_case(rows: list[tuple]) -> ClockCase:
    return ClockCase.from_events([event_from_kind(kind, on, days) for kind, on, days in rows])


@lru_cache(maxsize=8192)
def _computed(rows: tuple[tuple[str, date, int | None], ...], as_of: date) -> Clock:
    """`compute` memoised per process. The key is the clock's whole input (every clock row of the case and
    the day counted to) and the calendar is the shipped one, fixed for the life of the process, so a hit is
    exactly what `compute` would return: a cache of a pure derivation, never state. Callers must not
    mutate the result."""
    return compute(_clock_case(list(rows)), as_of=as_of)


# Working days left at which a case counts as 即将到期 (a display setting, not a legal parameter).
DUE_SOON_DAYS = 5

# Case event kind -> the clock's event kinds it produces (a closing event also ends the clock as a reply).
CLOCK_KINDS: dict[str, tuple[str, ...]] = {
    EventKind.CONFIRMED: ("received",),
    EventKind.CORRECTION_REQUESTED: ("correction_notice",),
    EventKind.CORRECTED: ("corrected",),
    EventKind.CORRECTION_LAPSED: ("reply",),
    EventKind.CONSULTATION_ANSWERED: ("consultation_end",),
    EventKind.CONSULTATION_LAPSED: ("consultation_end",),
    EventKind.EXTENSION_APPROVED: ("extension",),
    EventKind.FEE_NOTICE: ("fee_notice",),
    EventKind.FEE_PAID: ("fee_paid",),
    EventKind.FEE_LAPSED: ("fee_lapsed", "reply"),
    EventKind.REPLIED: ("reply",),
    EventKind.WITHDRAWN: ("reply",),
    EventKind.FORWARDED: ("reply",),
}

DEADLINE_LABELS = {
    "correction_notice": "补正告知期限（收到申请后7个工作日内）",
    "third_party": "第三方答复期限（15个工作日）",
    "co_organ": "共同制作机关答复期限（15个工作日）",
    "fee_payment": "缴费期限（20个工作日）",
}


@dataclass
class CaseClock:
    clock: Clock | None  # None: not received yet (待确认), or the events do not make a clock
    as_of: date
    error: str = ""
    deadlines: list[tuple[str, date]] = field(default_factory=list)
    correct_by: date | None = None  # the date the 补正 notice set, if one is running

    @property
    def due(self) -> date | None:
        return self.clock.due if self.clock else None

    @property
    def running(self) -> bool:
        return self.clock is not None and self.clock.used is not None and not self._replied

    _replied: bool = False

    @property
    def overdue(self) -> bool:
        return bool(self.clock and self.running and self.clock.overdue)

    @property
    def days_late(self) -> int:
        return self.clock.used - self.clock.working_days if self.overdue else 0

    @property
    def due_soon(self) -> bool:
        return bool(
            self.running
            and not self.overdue
            and self.clock.left is not None
            and self.clock.left <= DUE_SOON_DAYS
        )

    @property
    def late_reply(self) -> bool:
        """Replied after the due date."""
        return bool(self.clock and self._replied and self.clock.overdue)

    @property
    def provisional(self) -> bool:
        return bool(self.clock and self.clock.provisional)

    @property
    def trace(self) -> list[str]:
        return list(self.clock.trace) if self.clock else []

    def urgency(self) -> tuple:
        """Sort key of the work queue: overdue first (most overdue first), then fewest days left."""
        if not self.running:
            return (2, 0)
        if self.overdue:
            return (0, -(self.clock.used - self.clock.working_days))
        return (1, self.clock.left)


def clock_rows(events: Iterable) -> list[tuple[str, date, int | None]]:
    """The clock's (kind, date, days) rows from case events (objects with kind, on, days, data)."""
    rows: list[tuple[str, date, int | None]] = []
    for event in sorted(events, key=lambda e: (e.on, e.pk or 0)):
        if event.kind == EventKind.REOPENED:
            rows = [("received", event.on, None)]
            continue
        if event.kind == EventKind.CONSULTATION_SENT:
            party = (event.data or {}).get("party", ConsultParty.THIRD_PARTY)
            kind = "co_organ_start" if party == ConsultParty.CO_ORGAN else "consultation_start"
            rows.append((kind, event.on, None))
            continue
        for kind in CLOCK_KINDS.get(event.kind, ()):
            rows.append((kind, event.on, event.days if kind == "extension" else None))
    return rows


def case_clock(application, events: Iterable, as_of: date) -> CaseClock:
    events = list(events)
    rows = clock_rows(events)
    if not any(kind == "received" for kind, _, _ in rows):
        return CaseClock(None, as_of)
    received = max(on for kind, on, _ in rows if kind == "received")
    replied = any(kind == "reply" for kind, _, _ in rows)
    try:
        clock = _computed(tuple(rows), max(as_of, received))
    except WorkdaysError as exc:
        return CaseClock(None, as_of, error=str(exc))
    result = CaseClock(clock, as_of, _replied=replied)
    result.deadlines = _deadlines(application, events, clock, replied)
    return result


def _deadlines(application, events, clock: Clock, replied: bool) -> list[tuple[str, date]]:
    """The other deadlines that still matter: the 补正 notice while none was sent and the case is open, the
    date the notice set for the correction, each consultation and fee notice still open."""
    out: list[tuple[str, date]] = []
    status = application.status
    kinds = {e.kind for e in events}
    for key, due in clock.deadlines.items():
        base = key.rsplit("_", 1)[0] if key[-1].isdigit() else key
        if base == "correction_notice":
            if status in {Status.OPEN} and EventKind.CORRECTION_REQUESTED not in kinds and not replied:
                out.append((DEADLINE_LABELS[base], due))
        elif (
            base in {"third_party", "co_organ"}
            and status == Status.CONSULTING
            or base == "fee_payment"
            and status == Status.FEE
        ):
            out.append((DEADLINE_LABELS[base], due))
    if status == Status.CORRECTION:
        notice = [e for e in events if e.kind == EventKind.CORRECTION_REQUESTED]
        if notice and notice[-1].data.get("correct_by"):
            out.append(("补正期限（补正告知书所定）", date.fromisoformat(notice[-1].data["correct_by"])))
    return out


# Case event kinds that move the clock (the others leave the derived sort key below as it was).
CLOCK_EVENT_KINDS = frozenset({*CLOCK_KINDS, EventKind.REOPENED, EventKind.CONSULTATION_SENT})


def urgency_key(events: Iterable, as_of: date) -> tuple[date | None, int | None]:
    """The work queue's sort key as a materialised derivation of the events (`Application.clock_due`,
    `Application.clock_stopped_left`, rewritten in the transaction of every event append): the due date of
    a running clock, or, while the clock is stopped (补正, consultation, fee), the working days left, which
    stay constant until it restarts. (None, None) when no clock runs: not received, replied, or events the
    clock refuses."""
    rows = tuple(clock_rows(events))
    received = [on for kind, on, _ in rows if kind == "received"]
    if not received or any(kind == "reply" for kind, _, _ in rows):
        return None, None
    as_of = max(as_of, *received)
    try:
        now = _computed(rows, as_of)
    except WorkdaysError:
        return None, None
    return now.due, now.left if now.stopped else None


def is_closed(status: str) -> bool:
    return status in CLOSED_STATUSES
