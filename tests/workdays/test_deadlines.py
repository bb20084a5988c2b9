"""Hand-checked reply deadlines.

Each expected date was counted by hand on a month grid of the published arrangement (H = holiday,
W = 调休上班), never taken from the code. Conventions (issue 3): the day of receipt is not counted; due = the
Nth working day after it; after 补正 the count restarts from the corrected receipt; working days in a pause
(S, E] are skipped; an extension adds to N. 2019 rules: N = 20; 2007 rules (before 2019-05-15): N = 15.
2027 is not arranged: statutory fallback 1/1 (Fri); 春节 2/5–2/8 (除夕 to 初三); no 调休.
"""

from datetime import date

import pytest

from gongkai.workdays import Calendar, ClockCase, Pause, compute
from gongkai.workdays.clock import FEE, THIRD_PARTY

D = date.fromisoformat
CAL = Calendar.shipped()

CASES = [
    # id, received, corrected, pauses, extension, expected due, rule set, provisional
    # --- 春节 2026 (2/14 W, 2/15–23 H, 2/28 W) ---
    # 2/11(1) 12 13 14W(4) | 24(5) 25 26 27 28W(9) | 3/2(10)…3/6(14) 3/9…3/13(19) 3/16(20)
    ("cny26-weekday", "2026-02-10", None, [], 0, "2026-03-16", "2019", False),
    # from 2/18: 24(1) 25 26 27 28W(5) 3/2…3/6(10) 3/9…3/13(15) 3/16…3/20(20)
    ("cny26-on-holiday", "2026-02-17", None, [], 0, "2026-03-20", "2019", False),
    # on make-up Saturday 2/14: next day 2/15 is a holiday; 24(1) … as above → 3/20
    ("cny26-on-makeup-sat", "2026-02-14", None, [], 0, "2026-03-20", "2019", False),
    # on make-up Saturday 2/28: 3/2…3/6(5) 3/9…(10) 3/16…(15) 3/23…3/27(20)
    ("cny26-on-makeup-sat-after", "2026-02-28", None, [], 0, "2026-03-27", "2019", False),
    # on a plain Saturday 2/7: 2/9…2/13(5) 14W(6) 24…27(10) 28W(11) 3/2…3/6(16) 3/9 10 11 12(20)
    ("cny26-on-weekend", "2026-02-07", None, [], 0, "2026-03-12", "2019", False),
    # extension 20 → N = 40: 3/16 is 20th; 3/17…3/20(24) 23…27(29) 30 31(31) 4/1 2 3(34) 4/4–6 H 4/7(35) 8 9 10(38) 13(39) 14(40)
    ("cny26-extend-20", "2026-02-10", None, [], 20, "2026-04-14", "2019", False),
    # 补正: received 2/2, corrected 2/10 → as cny26-weekday, extend 5 → N = 25: 3/17 18 19 20(24) 3/23(25)
    ("cny26-corrected-extend-5", "2026-02-02", "2026-02-10", [], 5, "2026-03-23", "2019", False),
    # --- 春节 2025 (1/26 Sun W, 1/28–2/4 H, 2/8 Sat W) ---
    # 1/21…1/24(4) 26W(5) 27(6) | 2/5 6 7(9) 8W(10) 10…14(15) 17…21(20)
    ("cny25-weekday", "2025-01-20", None, [], 0, "2025-02-21", "2019", False),
    # on Saturday 1/25: 26W(1) 27(2) 2/5 6 7(5) 8W(6) 10…14(11) 17…21(16) 24 25 26 27(20)
    ("cny25-on-weekend", "2025-01-25", None, [], 0, "2025-02-27", "2019", False),
    # on make-up Sunday 1/26: 27(1) 2/5 6 7(4) 8W(5) 10…14(10) 17…21(15) 24…28(20)
    ("cny25-on-makeup-sun", "2025-01-26", None, [], 0, "2025-02-28", "2019", False),
    # --- 清明 2026 (4/4–6 H) and 劳动节 2026 (5/1–5 H, 5/9 Sat W) ---
    # 4/7…4/10(4) 13…17(9) 20…24(14) 27 28 29 30(18) | 5/6(19) 5/7(20)
    ("qingming26-friday-before", "2026-04-03", None, [], 0, "2026-05-07", "2019", False),
    # on the holiday Sunday 4/5: 4/6 H, then as above
    ("qingming26-on-holiday", "2026-04-05", None, [], 0, "2026-05-07", "2019", False),
    # extension 10 → N = 30: 5/7 is 20th; 8(21) 9W(22) 11…15(27) 18 19 20(30)
    ("qingming26-extend-10", "2026-04-03", None, [], 10, "2026-05-20", "2019", False),
    # 4/30: 5/1–5 H; 6(1) 7 8(3) 9W(4) 11…15(9) 18…22(14) 25…29(19) 6/1(20)
    ("labour26-day-before", "2026-04-30", None, [], 0, "2026-06-01", "2019", False),
    # on the holiday Sunday 5/3: same count as above
    ("labour26-on-holiday", "2026-05-03", None, [], 0, "2026-06-01", "2019", False),
    # on make-up Saturday 5/9: 11…15(5) 18…22(10) 25…29(15) 6/1…6/5(20)
    ("labour26-on-makeup-sat", "2026-05-09", None, [], 0, "2026-06-05", "2019", False),
    # --- 清明/劳动节/端午 2025 (4/4–6 H, 4/27 Sun W, 5/1–5 H, 5/31–6/2 H) ---
    # 4/7…11(5) 14…18(10) 21…25(15) 27W(16) 28 29 30(19) 5/6(20)
    ("qingming25-thursday-before", "2025-04-03", None, [], 0, "2025-05-06", "2019", False),
    # on make-up Sunday 4/27: 28 29 30(3) 5/6…9(7) 12…16(12) 19…23(17) 26 27 28(20)
    ("labour25-on-makeup-sun", "2025-04-27", None, [], 0, "2025-05-28", "2019", False),
    # 5/30 (Fri): 5/31–6/2 H; 6/3…6(4) 9…13(9) 16…20(14) 23…27(19) 30(20)
    ("duanwu25-friday-before", "2025-05-30", None, [], 0, "2025-06-30", "2019", False),
    # --- 端午 2026 (6/19–21 H) ---
    # 6/2…5(4) 8…12(9) 15…18(13) 22…26(18) 29 30(20)
    ("duanwu26-weekday", "2026-06-01", None, [], 0, "2026-06-30", "2019", False),
    # on the holiday Friday 6/19: 22…26(5) 29 30(7) 7/1 2 3(10) 6…10(15) 13…17(20)
    ("duanwu26-on-holiday", "2026-06-19", None, [], 0, "2026-07-17", "2019", False),
    # third-party pause (6/5, 6/12]: 6/2…6/5(4), 6/8…6/12 skipped, 15…18(8) 22…26(13) 29 30(15) 7/1 2 3(18) 6 7(20)
    (
        "duanwu26-third-party-pause",
        "2026-06-01",
        None,
        [("2026-06-05", "2026-06-12")],
        0,
        "2026-07-07",
        "2019",
        False,
    ),
    # --- 中秋/国庆 2026 (9/20 Sun W, 9/25–27 H, 10/1–7 H, 10/10 Sat W) ---
    # 9/20W(1) 21…24(5) 28 29 30(8) 10/8 9(10) 10W(11) 12…16(16) 19 20 21 22(20)
    ("national26-friday-before", "2026-09-18", None, [], 0, "2026-10-22", "2019", False),
    # on make-up Sunday 9/20: 21…24(4) 28 29 30(7) 10/8 9(9) 10W(10) 12…16(15) 19…23(20)
    ("national26-on-makeup-sun", "2026-09-20", None, [], 0, "2026-10-23", "2019", False),
    # on 国庆 10/1: 10/8 9(2) 10W(3) 12…16(8) 19…23(13) 26…30(18) 11/2 3(20)
    ("national26-on-holiday", "2026-10-01", None, [], 0, "2026-11-03", "2019", False),
    # on make-up Saturday 10/10: 12…16(5) 19…23(10) 26…30(15) 11/2…6(20)
    ("national26-on-makeup-sat", "2026-10-10", None, [], 0, "2026-11-06", "2019", False),
    # on 中秋 9/26 (Sat, holiday): 28 29 30(3) 10/8 9(5) 10W(6) 12…16(11) 19…23(16) 26 27 28 29(20)
    ("midautumn26-on-holiday", "2026-09-26", None, [], 0, "2026-10-29", "2019", False),
    # 补正: received 9/1, corrected 9/18 → restart as national26-friday-before
    ("national26-corrected", "2026-09-01", "2026-09-18", [], 0, "2026-10-22", "2019", False),
    # 补正 received on a holiday 10/3 → restart as national26-on-holiday
    ("national26-corrected-on-holiday", "2026-09-10", "2026-10-03", [], 0, "2026-11-03", "2019", False),
    # pause (10/9, 10/15] + extension 5 → N = 25: 28 29 30(3) 10/8 9(5), skip 10W 12…15, 16(6) 19…23(11)
    # 26…30(16) 11/2…6(21) 9 10 11 12(25)
    (
        "national26-pause-extend",
        "2026-09-24",
        None,
        [("2026-10-09", "2026-10-15")],
        5,
        "2026-11-12",
        "2019",
        False,
    ),
    # pause (9/23, 10/9] spanning both holidays: 22(1) 23(2), skip 24 28 29 30 10/8 9, 10W(3) 12…16(8) 19…23(13)
    # 26…30(18) 11/2 3(20)
    (
        "national26-pause-over-holidays",
        "2026-09-21",
        None,
        [("2026-09-23", "2026-10-09")],
        0,
        "2026-11-03",
        "2019",
        False,
    ),
    # --- 国庆/中秋 2025 (9/28 Sun W, 10/1–8 H, 10/11 Sat W) ---
    # 9/28W(1) 29 30(3) 10/9 10(5) 11W(6) 13…17(11) 20…24(16) 27 28 29 30(20)
    ("national25-friday-before", "2025-09-26", None, [], 0, "2025-10-30", "2019", False),
    # on 中秋 10/6: 7 8 H; 9 10(2) 11W(3) 13…17(8) 20…24(13) 27…31(18) 11/3 4(20)
    ("national25-on-midautumn", "2025-10-06", None, [], 0, "2025-11-04", "2019", False),
    # --- 2007 rules (N = 15 + ≤ 15) ---
    # 2018 春节 (2/11 Sun W, 2/15–21 H, 2/24 Sat W): 14(1) 22 23(3) 24W(4) 26 27 28(7) 3/1 2(9) 5…8(13) 9(14) 12(15)
    ("cny18-2007-rules", "2018-02-13", None, [], 0, "2018-03-12", "2007", False),
    # on make-up Sunday 2/11: 12 13 14(3) 22 23(5) 24W(6) 26 27 28(9) 3/1 2(11) 5 6 7 8(15)
    ("cny18-2007-on-makeup-sun", "2018-02-11", None, [], 0, "2018-03-08", "2007", False),
    # 2018 中秋/国庆 (9/24 H, 9/29 9/30 W, 10/1–7 H): 25…28(4) 29W 30W(6) 10/8…12(11) 15 16 17 18(15)
    ("national18-2007-rules", "2018-09-21", None, [], 0, "2018-10-18", "2007", False),
    # extension 15 → N = 30: 19(16) 22…26(21) 29 30 31(24) 11/1 2(26) 5 6 7 8(30)
    ("national18-2007-extend-15", "2018-09-21", None, [], 15, "2018-11-08", "2007", False),
    # 补正 under 2007 rules: restart from 9/21 → as national18-2007-rules
    ("national18-2007-corrected", "2018-09-03", "2018-09-21", [], 0, "2018-10-18", "2007", False),
    # last day of the 2007 rules, 2019-05-14: 15 16 17(3) 20…24(8) 27…31(13) 6/3 4(15)
    ("boundary-2019-05-14", "2019-05-14", None, [], 0, "2019-06-04", "2007", False),
    # first day of the 2019 rules: 16 17(2) 20…24(7) 27…31(12) 6/3…6(16) 6/7 H 10 11 12 13(20)
    ("boundary-2019-05-15", "2019-05-15", None, [], 0, "2019-06-13", "2019", False),
    # --- into 2027 (not arranged: provisional) ---
    # 12/11(1) 14…18(6) 21…25(11) 28…31(15) 1/1 H 1/4…1/8(20)
    ("into-2027-new-year", "2026-12-10", None, [], 0, "2027-01-08", "2019", True),
    # on 12/31: 1/1 H; 1/4…8(5) 11…15(10) 18…22(15) 25…29(20)
    ("into-2027-dec-31", "2026-12-31", None, [], 0, "2027-01-29", "2019", True),
    # on 元旦 2027 itself: same count from 1/4
    ("2027-on-new-year", "2027-01-01", None, [], 0, "2027-01-29", "2019", True),
    # 2027 春节 fallback 2/5–2/8: 1/21 22(2) 25…29(7) 2/1…4(11) 2/9…12(15) 15…19(20)
    ("2027-spring-festival", "2027-01-20", None, [], 0, "2027-02-19", "2019", True),
    # pause (12/10, 12/20], extend 20 → N = 40: 12/2 3 4(3) 7…10(7) skip 11 14…18, 21…25(12) 28…31(16)
    # 1/1 H 1/4…8(21) 11…15(26) 18…22(31) 25…29(36) 2/1 2 3 4(40)
    (
        "into-2027-pause-extend",
        "2026-12-01",
        None,
        [("2026-12-10", "2026-12-20")],
        20,
        "2027-02-04",
        "2019",
        True,
    ),
]


@pytest.mark.parametrize(
    "received,corrected,pauses,extension,expected,rule_id,provisional",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hand_counted_due(received, corrected, pauses, extension, expected, rule_id, provisional):
    app = ClockCase(
        received=D(received),
        corrected=D(corrected) if corrected else None,
        pauses=[Pause(D(s), D(e), THIRD_PARTY) for s, e in pauses],
        extension=extension,
    )
    clock = compute(app, CAL)
    assert clock.due == D(expected)
    assert clock.rule_set.id == rule_id
    assert clock.provisional is provisional
    assert clock.working_days == {"2019": 20, "2007": 15}[rule_id] + extension


def test_at_least_forty_hand_counted_cases():
    assert len(CASES) >= 40
    assert len({case[0] for case in CASES}) == len(CASES)


def test_reply_on_due_date_is_in_time_and_the_day_after_is_overdue():
    app = ClockCase(D("2025-09-26"), replied=D("2025-10-30"))
    on_time = compute(app, CAL)
    assert (on_time.used, on_time.left, on_time.overdue) == (20, 0, False)
    late = compute(ClockCase(D("2025-09-26"), replied=D("2025-10-31")), CAL)
    assert (late.used, late.left, late.overdue) == (21, 0, True)
    assert any("逾期1个工作日" in line for line in late.trace)


def test_days_used_and_left_as_of_a_date():
    # 9/28W 29 30 10/9 10 = 5 working days used by 2025-10-10
    clock = compute(ClockCase(D("2025-09-26")), CAL, as_of=D("2025-10-10"))
    assert (clock.used, clock.left, clock.overdue) == (5, 15, False)


def test_fee_wait_stops_clock_is_a_parameter():
    fee_pause = [Pause(D("2026-06-05"), D("2026-06-12"), FEE)]
    stops = compute(ClockCase(D("2026-06-01"), pauses=fee_pause), CAL)
    runs = compute(ClockCase(D("2026-06-01"), pauses=fee_pause), CAL, fee_wait_stops_clock=False)
    assert stops.due == D("2026-07-07")  # as duanwu26-third-party-pause
    assert runs.due == D("2026-06-30")  # as duanwu26-weekday


def test_other_deadlines_hand_counted():
    # Each deadline runs from its own event; a pause must start on or after receipt, hence three applications.
    # 补正 notice: 9/28 29 30(3) 10/8 9(5) 10W(6) 12(7)
    assert compute(ClockCase(D("2026-09-24")), CAL).deadlines["correction_notice"] == D("2026-10-12")
    consulted = ClockCase(D("2026-06-01"), pauses=[Pause(D("2026-06-05"), D("2026-06-12"), THIRD_PARTY)])
    # third party from 6/5: 8…12(5) 15…18(9) 22…26(14) 29(15)
    assert compute(consulted, CAL).deadlines["third_party_1"] == D("2026-06-29")
    charged = ClockCase(D("2026-09-15"), pauses=[Pause(D("2026-09-18"), D("2026-09-30"), FEE)])
    # fee payment from 9/18: as national26-friday-before
    assert compute(charged, CAL).deadlines["fee_payment_1"] == D("2026-10-22")


def test_2007_rules_have_no_correction_notice_deadline():
    assert "correction_notice" not in compute(ClockCase(D("2018-09-21")), CAL).deadlines
