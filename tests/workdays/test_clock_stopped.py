"""`Clock.stopped`: a pause that stops the count is open on the day counted to, and no reply yet."""

from datetime import date

from gongkai.workdays import ClockCase, compute
from gongkai.workdays.clock import Pause


def test_an_open_consultation_stops_the_clock_and_its_due_date_moves_with_as_of():
    case = ClockCase(received=date(2026, 3, 2), pauses=[Pause(date(2026, 3, 10), None, "third_party")])
    now, later = compute(case, as_of=date(2026, 3, 20)), compute(case, as_of=date(2026, 4, 20))
    assert now.stopped and later.stopped
    assert later.due > now.due and later.left == now.left == 14


def test_a_closed_pause_a_reply_or_a_fee_wait_that_does_not_stop_the_count_leave_it_running():
    closed = ClockCase(
        received=date(2026, 3, 2), pauses=[Pause(date(2026, 3, 10), date(2026, 3, 12), "third_party")]
    )
    assert compute(closed, as_of=date(2026, 3, 20)).stopped is False
    replied = ClockCase(
        received=date(2026, 3, 2),
        pauses=[Pause(date(2026, 3, 10), None, "third_party")],
        replied=date(2026, 3, 11),
    )
    assert compute(replied).stopped is False
    fee = ClockCase(received=date(2026, 3, 2), pauses=[Pause(date(2026, 3, 10), None, "fee")])
    assert compute(fee, as_of=date(2026, 3, 20)).stopped is True
    assert compute(fee, as_of=date(2026, 3, 20), fee_wait_stops_clock=False).stopped is False
    assert compute(ClockCase(received=date(2026, 3, 2)), as_of=date(2026, 3, 20)).stopped is False
