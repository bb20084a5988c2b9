"""Building an application from events, and the clock's input errors."""

from datetime import date

import pytest

from gongkai.workdays import (
    Calendar,
    ClockCase,
    ConsultationEnded,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    Extended,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    Pause,
    PauseKind,
    Received,
    Replied,
    WorkdaysError,
    compute,
    event_from_kind,
)
from gongkai.workdays.clock import CO_ORGAN, FEE, THIRD_PARTY

D = date.fromisoformat
CAL = Calendar.shipped()


def test_from_events_pairs_starts_and_ends():
    app = ClockCase.from_events(
        [
            Replied(D("2026-11-20")),
            Received(D("2026-09-01")),
            CorrectionRequested(D("2026-09-03")),
            CorrectionReceived(D("2026-09-18")),
            ConsultationSent(D("2026-10-09")),
            ConsultationEnded(D("2026-10-15")),
            FeeNoticeSent(D("2026-10-20")),
            FeePaid(D("2026-10-22")),
            Extended(D("2026-10-30"), 5),
        ]
    )
    assert app.received == D("2026-09-01")
    assert app.corrected == D("2026-09-18")
    assert app.extension == 5
    assert app.replied == D("2026-11-20")
    assert app.pauses == [
        Pause(D("2026-10-09"), D("2026-10-15"), THIRD_PARTY),
        Pause(D("2026-10-20"), D("2026-10-22"), FEE),
    ]


def test_events_clock_hand_counted():
    # From corrected 9/18, N = 25: 9/20W(1) 21…24(5) 28 29 30(8) 10/8 9(10), pause (10/9, 10/15] skips 10W 12…15,
    # 16(11) 19(12), pause (10/20, 10/22] skips 21 22, 20(13) 23(14) 26…30(19) 11/2…6(24) 9(25)
    app = ClockCase.from_events(
        [
            Received(D("2026-09-01")),
            CorrectionReceived(D("2026-09-18")),
            ConsultationSent(D("2026-10-09"), PauseKind.CO_ORGAN),
            ConsultationEnded(D("2026-10-15")),
            FeeNoticeSent(D("2026-10-20")),
            FeeLapsed(D("2026-10-22")),
            Extended(D("2026-10-30"), 5),
            Replied(D("2026-11-09")),
        ]
    )
    assert app.pauses[0].kind == CO_ORGAN
    clock = compute(app, CAL)
    assert clock.due == D("2026-11-09")
    assert (clock.used, clock.left, clock.overdue) == (25, 0, False)


def test_open_pause_runs_to_as_of():
    app = ClockCase(D("2026-06-01"), pauses=[Pause(D("2026-06-05"), None, THIRD_PARTY)])
    with pytest.raises(WorkdaysError, match="尚未结束"):
        compute(app, CAL)
    # as of 6/12 the pause (6/5, 6/12] holds, so due as duanwu26-third-party-pause
    clock = compute(app, CAL, as_of=D("2026-06-12"))
    assert clock.due == D("2026-07-07")
    assert clock.used == 4  # 6/2 3 4 5


@pytest.mark.parametrize(
    "app,message",
    [
        (ClockCase(D("2026-06-01"), extension=21), "超过"),
        (ClockCase(D("2018-06-01"), extension=16), "上限 15"),
        (ClockCase(D("2026-06-01"), extension=-1), "负数"),
        (ClockCase(D("2026-06-01"), corrected=D("2026-05-01")), "补正"),
        (ClockCase(D("2026-06-01"), replied=D("2026-05-01")), "答复日期"),
        (ClockCase(D("2026-06-01"), pauses=[Pause(D("2026-06-09"), D("2026-06-05"))]), "早于开始日期"),
        (ClockCase(D("2008-04-30")), "早于"),
    ],
)
def test_bad_input_is_a_clear_error(app, message):
    with pytest.raises(WorkdaysError, match=message):
        compute(app, CAL)


def test_events_need_a_receipt_and_known_kinds():
    with pytest.raises(WorkdaysError, match="收到申请"):
        ClockCase.from_events([Replied(D("2026-01-05"))])
    with pytest.raises(WorkdaysError, match="未知的事件类型"):
        event_from_kind("appeal", D("2026-01-06"))
    with pytest.raises(WorkdaysError, match="未知的事件类型"):  # a tuple is no event (the old input)
        ClockCase.from_events([Received(D("2026-01-05")), ("received", D("2026-01-06"))])
    with pytest.raises(WorkdaysError, match="没有对应的开始事件"):
        ClockCase.from_events([Received(D("2026-01-05")), FeePaid(D("2026-01-06"))])


@pytest.mark.parametrize(
    "second",
    [
        (PauseKind.THIRD_PARTY, "发出征求意见函（第三方）"),
        (PauseKind.CO_ORGAN, "发出征求意见函（共同制作机关）"),
    ],
)
def test_second_consultation_start_while_one_is_open_is_refused(second):
    events = [
        Received(D("2026-06-01")),
        ConsultationSent(D("2026-06-05")),
        ConsultationSent(D("2026-06-08"), second[0]),
        ConsultationEnded(D("2026-06-12")),
    ]
    with pytest.raises(
        WorkdaysError, match=f"事件“{second[1]}”（2026-06-08）之前，2026-06-05开始的中止尚未结束"
    ):
        ClockCase.from_events(events)


def test_second_fee_notice_while_one_is_open_is_refused():
    events = [Received(D("2026-06-01")), FeeNoticeSent(D("2026-06-03")), FeeNoticeSent(D("2026-06-04"))]
    with pytest.raises(WorkdaysError, match="发出收费通知.*2026-06-04.*尚未结束"):
        ClockCase.from_events(events)


def test_extension_without_days_is_refused():
    with pytest.raises(WorkdaysError, match="延长答复期限（天数）”（2026-06-10）缺少延长的工作日天数"):
        ClockCase.from_events([Received(D("2026-06-01")), Extended(D("2026-06-10"))])
    app = ClockCase.from_events([Received(D("2026-06-01")), Extended(D("2026-06-10"), 5)])
    assert app.extension == 5


def test_trace_is_chinese_and_names_the_provisional_year():
    clock = compute(ClockCase(D("2026-12-10")), CAL)
    assert clock.trace[0].startswith("适用规则：《中华人民共和国政府信息公开条例》（2019年修订）")
    assert "期间放假不计入：元旦（2027年1月1日，1天）。" in clock.trace
    assert clock.trace[-1].startswith("暂定：2027年的放假安排尚未录入")
    assert clock.provisional_years == [2027]


def test_overlapping_pauses_skip_each_working_day_once_in_the_trace():
    pauses = [
        Pause(D("2026-06-05"), D("2026-06-12"), THIRD_PARTY),
        Pause(D("2026-06-10"), D("2026-06-15"), FEE),
    ]
    clock = compute(ClockCase(D("2026-06-01"), pauses=pauses), CAL)
    apart = compute(ClockCase(D("2026-06-01"), pauses=[Pause(D("2026-06-05"), D("2026-06-15"))]), CAL)
    # counted: 6/2-5 (4), 6/16-18 (7; 6/19-21 端午节), 6/22-26 (12), 6/29-7/3 (17), 7/6 7 8 (20)
    assert clock.due == apart.due == D("2026-07-08")
    # (6/5, 6/15]: 6/8 9 10 11 12 15 are working days, 6/13-14 a weekend -> 6, not 5 + 3
    assert (
        "中止计算（征求意见或缴费）：2026年6月5日至2026年6月15日，期间6个工作日不计入答复期限。"
        in clock.trace
    )
    assert not any("期间5个工作日" in line or "期间3个工作日" in line for line in clock.trace)
    assert any("重叠，合并计算" in line for line in clock.trace)
