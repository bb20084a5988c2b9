"""The pure review rules and the 第二十六条 deadline."""

from datetime import date

import pytest

from gongkai.catalog.params import ReviewLevel, column_set, params
from gongkai.catalog.workflow import Approval, Refused, check_approval, check_secrecy, publication_due

CHAIN = (ReviewLevel("初审", "reviewer"), ReviewLevel("复审", "reviewer"), ReviewLevel("终审", "head"))


def approve(approvals, actor, roles=frozenset({"reviewer"}), secrecy=True, author=1):
    return check_approval(
        CHAIN,
        approvals,
        actor_id=actor,
        author_id=author,
        actor_roles=roles,
        is_admin=False,
        secrecy_attested=secrecy,
    )


def test_levels_in_order():
    assert approve([], 2) == 1
    assert approve([Approval(1, 2)], 3) == 2
    assert approve([Approval(1, 2), Approval(2, 3)], 4, roles=frozenset({"head"})) == 3


def test_refusals():
    with pytest.raises(Refused, match="本人起草"):
        approve([], 1)
    with pytest.raises(Refused, match="两级审核"):
        approve([Approval(1, 2)], 2)
    with pytest.raises(Refused, match="终审"):
        approve([Approval(1, 2), Approval(2, 3)], 4, roles=frozenset({"reviewer"}))
    with pytest.raises(Refused, match="保密审查"):
        approve([Approval(1, 2), Approval(2, 3)], 4, roles=frozenset({"head"}), secrecy=False)
    with pytest.raises(Refused, match="均已完成"):
        approve([Approval(1, 2), Approval(2, 3), Approval(3, 4)], 5)
    with pytest.raises(Refused, match="起草人以外"):
        check_secrecy(actor_id=1, author_id=1, already=False)


def test_publication_due_counts_working_days():
    # 2024-09-27 (Fri) + 20 working days, across the National Day holiday (10-01..10-07) with its 调休 days
    # 09-29 (Sun) and 10-12 (Sat) counted: 09-29, 09-30, 10-08…10-12, 10-14…10-18, 10-21…10-25, 10-28…10-30.
    due = publication_due(date(2024, 9, 27), date(2024, 9, 30), workdays=20, soon=5)
    assert due.due_on == date(2024, 10, 30)
    assert due.state == "ok"
    assert publication_due(date(2024, 9, 27), date(2024, 10, 24), workdays=20, soon=5).state == "soon"
    assert publication_due(date(2024, 9, 27), date(2024, 10, 30), workdays=20, soon=5).state == "soon"
    assert publication_due(date(2024, 9, 27), date(2024, 10, 31), workdays=20, soon=5).state == "late"


def test_parameters_are_dated_data():
    p = params(date(2024, 1, 1))
    assert p.publication_workdays == 20
    assert [level.label for level in p.review_chain] == ["初审", "复审", "终审"]
    keys = [c["key"] for c in column_set(date(2024, 1, 1))["columns"]]
    assert keys[:3] == ["guide", "system", "five"]
    statutory = next(c for c in column_set()["columns"] if c["key"] == "statutory")
    assert len(statutory["children"]) == 15
