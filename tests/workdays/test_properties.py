"""Property tests of the clock over 2019-05-15 … 2027-12-31 (2019 rules throughout)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import Calendar, ClockCase, Pause, compute

CAL = Calendar.shipped()
receipts = st.dates(min_value=date(2019, 5, 15), max_value=date(2027, 10, 31))


@settings(max_examples=150, deadline=None)
@given(receipts, st.integers(min_value=0, max_value=40))
def test_due_is_monotonic_in_receipt_date(received, gap):
    later = received + timedelta(days=gap)
    assert compute(ClockCase(received), CAL).due <= compute(ClockCase(later), CAL).due


@settings(max_examples=150, deadline=None)
@given(receipts, st.integers(min_value=0, max_value=20))
def test_extension_of_k_adds_exactly_k_working_days(received, k):
    base = compute(ClockCase(received), CAL).due
    extended = compute(ClockCase(received, extension=k), CAL).due
    assert CAL.workdays_between(base, extended) == k
    assert CAL.is_workday(extended)


@settings(max_examples=150, deadline=None)
@given(receipts, st.integers(min_value=0, max_value=20))
def test_due_is_a_working_day_and_exactly_n_after_receipt(received, k):
    clock = compute(ClockCase(received, extension=k), CAL)
    assert CAL.is_workday(clock.due)
    assert CAL.workdays_between(received, clock.due) == 20 + k


@settings(max_examples=150, deadline=None)
@given(receipts, st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=30))
def test_pause_pushes_due_by_the_working_days_it_covers(received, offset, length):
    start = received + timedelta(days=offset)
    pause = Pause(start, start + timedelta(days=length))
    base = compute(ClockCase(received), CAL).due
    paused = compute(ClockCase(received, pauses=[pause]), CAL).due
    if pause.start >= base:  # a pause after the due date changes nothing
        assert paused == base
    else:
        covered = CAL.workdays_between(pause.start, min(pause.end, paused))
        assert CAL.workdays_between(received, paused) == 20 + covered


@settings(max_examples=100, deadline=None)
@given(receipts, st.integers(min_value=1, max_value=60))
def test_corrected_receipt_restarts_the_count(received, days_later):
    corrected = received + timedelta(days=days_later)
    assert (
        compute(ClockCase(received, corrected=corrected), CAL).due == compute(ClockCase(corrected), CAL).due
    )
