"""The clock's typed events and its trace as data (a kind plus parameters), rendered to Chinese in one place."""

import json
from datetime import date, datetime

import pytest

from gongkai.workdays import (
    Calendar,
    ClockCase,
    ConsultationEnded,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    Extended,
    FeeNoticeSent,
    FeePaid,
    PauseKind,
    Received,
    Replied,
    StepKind,
    TraceStep,
    WorkdaysError,
    compute,
    event_from_kind,
    render_step,
    render_trace,
)
from gongkai.workdays.trace import RENDERERS

D = date.fromisoformat
CAL = Calendar.shipped()

EVENTS = [
    Received(D("2026-09-01")),
    CorrectionRequested(D("2026-09-03")),
    CorrectionReceived(D("2026-09-18")),
    ConsultationSent(D("2026-09-28"), PauseKind.THIRD_PARTY),
    ConsultationEnded(D("2026-10-15")),
    Extended(D("2026-10-20"), 10),
    FeeNoticeSent(D("2026-10-22")),
    FeePaid(D("2026-10-27")),
]


def test_steps_are_data_and_trace_is_their_rendering():
    clock = compute(ClockCase.from_events(EVENTS), CAL, as_of=D("2026-11-02"))
    kinds = [step.kind for step in clock.steps]
    assert kinds == [
        StepKind.RULES,
        StepKind.RECEIVED,
        StepKind.CORRECTED,
        StepKind.EXTENDED,
        StepKind.PAUSE_SKIPPED,
        StepKind.PAUSE_SKIPPED,
        StepKind.HOLIDAYS,
        StepKind.MAKEUP_DAYS,
        StepKind.DUE,
        StepKind.PROGRESS,
        StepKind.CORRECTION_DEADLINE,
        StepKind.CONSULTATION_DEADLINE,
        StepKind.FEE_DEADLINE,
    ]
    due = clock.steps[kinds.index(StepKind.DUE)]
    # From 9/18, N = 30: 9/20 调休 (1), 9/21…24 (5; 9/25 中秋节), 9/28 (6), pause (9/28, 10/15] skips 9/29 30
    # 10/8 9 10(调休) 12…15 (9), 10/16 (7), 10/19…22 (11), pause (10/22, 10/27] skips 10/23 26 27, 10/28…30 (14),
    # 11/2…6 (19), 9…13 (24), 16…20 (29), 23 (30)
    assert due.params == {"start": D("2026-09-18"), "working_days": 30, "due": D("2026-11-23")}
    assert clock.due == D("2026-11-23")
    assert (
        render_step(due)
        == "答复截止日：自2026年9月18日次日起第30个计入期限的工作日，即2026年11月23日（星期一）。"
    )
    makeup = clock.steps[kinds.index(StepKind.MAKEUP_DAYS)]
    assert makeup.params["days"] == [
        {"day": D("2026-09-20"), "reason": "调休上班（国庆节）", "counted": True},
        {"day": D("2026-10-10"), "reason": "调休上班（国庆节）", "counted": False},
    ]
    skipped = [s.params["workdays"] for s in clock.steps if s.kind == StepKind.PAUSE_SKIPPED]
    assert skipped == [9, 3]
    assert clock.trace == render_trace(clock.steps) == [step.text() for step in clock.steps]
    assert clock.to_dict()["trace"] == clock.trace


def test_a_step_is_json_ready_and_renders_alone():
    step = TraceStep(
        StepKind.PAUSE_SKIPPED,
        {"pause_kind": PauseKind.CO_ORGAN, "start": D("2026-10-09"), "end": D("2026-10-15"), "workdays": 4},
    )
    assert (
        render_step(step)
        == "征求共同制作机关意见：2026年10月9日至2026年10月15日，期间4个工作日不计入答复期限。"
    )
    assert json.loads(json.dumps(step.to_dict())) == {
        "kind": "pause_skipped",
        "params": {"pause_kind": "co_organ", "start": "2026-10-09", "end": "2026-10-15", "workdays": 4},
    }


def test_every_step_kind_has_its_one_renderer():
    assert set(RENDERERS) == set(StepKind)


def test_a_reply_on_a_rest_day_after_the_due_date_is_late_by_zero_working_days():
    # due 2026-10-30 (Fri, as test_calendar); a reply on Saturday 10/31 is after it but no working day later
    clock = compute(ClockCase(D("2026-09-28"), replied=D("2026-10-31")), CAL)
    replied = next(s for s in clock.steps if s.kind == StepKind.REPLIED)
    assert replied.params == {"replied": D("2026-10-31"), "used": 20, "overdue": True, "late": 0}
    assert clock.overdue is True


@pytest.mark.parametrize(
    "kind,days,expected",
    [
        ("received", None, Received(D("2026-06-01"))),
        ("correction_notice", None, CorrectionRequested(D("2026-06-01"))),
        ("corrected", None, CorrectionReceived(D("2026-06-01"))),
        ("consultation_start", None, ConsultationSent(D("2026-06-01"), PauseKind.THIRD_PARTY)),
        ("co_organ_start", None, ConsultationSent(D("2026-06-01"), PauseKind.CO_ORGAN)),
        ("consultation_end", None, ConsultationEnded(D("2026-06-01"))),
        ("extension", 5, Extended(D("2026-06-01"), 5)),
        ("fee_notice", None, FeeNoticeSent(D("2026-06-01"))),
        ("fee_paid", None, FeePaid(D("2026-06-01"))),
        ("reply", None, Replied(D("2026-06-01"))),
    ],
)
def test_event_from_a_stored_kind(kind, days, expected):
    assert event_from_kind(kind, D("2026-06-01"), days) == expected


def test_events_refuse_what_would_hide_a_mistake():
    with pytest.raises(WorkdaysError, match="日期应为日期（date），收到 datetime"):
        Received(datetime(2026, 6, 1, 9, 30))
    with pytest.raises(WorkdaysError, match="日期应为日期（date），收到 str"):
        FeePaid("2026-06-01")
    with pytest.raises(WorkdaysError, match="天数应为整数"):
        Extended(D("2026-06-01"), "5")
    with pytest.raises(WorkdaysError, match="征求意见的对象应为 third_party 或 co_organ"):
        ConsultationSent(D("2026-06-01"), PauseKind.FEE)
    with pytest.raises(WorkdaysError, match="缺少延长的工作日天数"):
        event_from_kind("extension", D("2026-06-01"))
