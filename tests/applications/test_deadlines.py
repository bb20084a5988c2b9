"""Every deadline the case shows equals `gongkai workdays due` for the same events (国庆, 春节 with 调休, a
year not yet published, a 补正, a fee wait)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.applications.conftest import PERSON

from gongkai.applications.clock import case_clock
from gongkai.applications.models import Application
from gongkai.applications.services import cases

D = date
GONGKAI = str(Path(sys.executable).parent / "gongkai")


def cli_due(*args: str) -> dict:
    out = subprocess.run(
        [GONGKAI, "workdays", "due", *args, "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def shown(case_id: int, as_of: date):
    case = Application.objects.get(pk=case_id)
    return case_clock(case, case.events.all(), as_of)


def received(region, on: date):
    return cases.register(
        region.perms("clerk"), region.own, dict(PERSON), "in_person", submitted_on=on, issue_documents=False
    )


def test_over_guoqing(region):
    case = received(region, D(2026, 9, 24))
    result = shown(case.pk, D(2026, 10, 20))
    expected = cli_due("--received", "2026-09-24", "--as-of", "2026-10-20")
    assert result.due.isoformat() == expected["due"] == "2026-10-29"
    assert (result.clock.used, result.clock.left) == (expected["used"], expected["left"])
    assert result.trace == expected["trace"]
    assert any("国庆节" in line for line in result.trace)
    assert result.deadlines == [
        ("补正告知期限（收到申请后7个工作日内）", D.fromisoformat(expected["deadlines"]["correction_notice"]))
    ]


def test_over_chunjie_with_tiaoxiu_a_consultation_and_an_extension(region):
    clerk, head = region.perms("clerk"), region.perms("head")
    case = received(region, D(2026, 2, 5))
    cases.consult(clerk, case.pk, D(2026, 2, 10), "third_party", "某某公司", issue_documents=False)
    cases.end_consultation(clerk, case.pk, D(2026, 3, 2), answered=True)
    cases.request_extension(clerk, case.pk, D(2026, 3, 3), 10, "材料较多")
    cases.decide_extension(head, case.pk, D(2026, 3, 3), True, issue_documents=False)
    result = shown(case.pk, D(2026, 3, 10))
    expected = cli_due(
        "--received",
        "2026-02-05",
        "--pause",
        "2026-02-10",
        "2026-03-02",
        "--extend",
        "10",
        "--as-of",
        "2026-03-10",
    )
    assert result.due.isoformat() == expected["due"]
    assert (result.clock.used, result.clock.left, result.overdue) == (
        expected["used"],
        expected["left"],
        False,
    )
    assert any("调休上班" in line for line in result.trace)
    assert result.clock.working_days == 30


def test_into_a_year_not_yet_published_is_provisional(region):
    case = received(region, D(2026, 12, 1))
    cases.request_extension(region.perms("clerk"), case.pk, D(2026, 12, 2), 10, "涉及多个科室")
    cases.decide_extension(region.perms("head"), case.pk, D(2026, 12, 3), True, issue_documents=False)
    result = shown(case.pk, D(2026, 12, 3))
    expected = cli_due("--received", "2026-12-01", "--extend", "10", "--as-of", "2026-12-03")
    assert result.due.year == 2027
    assert result.due.isoformat() == expected["due"]
    assert result.provisional is expected["provisional"] is True
    assert result.trace[-1] == expected["trace"][-1]
    assert "暂定" in result.trace[-1]


def test_after_a_correction_the_count_restarts(region):
    clerk = region.perms("clerk")
    case = received(region, D(2026, 3, 2))
    cases.request_correction(
        clerk, case.pk, D(2026, 3, 4), "请写明年份", D(2026, 3, 20), issue_documents=False
    )
    cases.receive_correction(clerk, case.pk, D(2026, 3, 16))
    result = shown(case.pk, D(2026, 3, 30))
    expected = cli_due("--received", "2026-03-02", "--corrected", "2026-03-16", "--as-of", "2026-03-30")
    assert result.due.isoformat() == expected["due"]
    assert result.clock.used == expected["used"]


def test_fee_wait_stops_the_clock_and_shows_the_payment_deadline(region):
    clerk = region.perms("clerk")
    case = received(region, D(2026, 6, 1))
    cases.fee_notice(clerk, case.pk, D(2026, 6, 3), "pages", pages=40, issue_documents=False)
    result = shown(case.pk, D(2026, 6, 10))
    expected = cli_due(
        "--received", "2026-06-01", "--pause", "2026-06-03", "2026-06-10", "--as-of", "2026-06-10"
    )
    assert result.due.isoformat() == expected["due"]
    fee_due = [d for label, d in result.deadlines if label.startswith("缴费期限")]
    added = subprocess.run(
        [GONGKAI, "workdays", "add", "2026-06-03", "20"], capture_output=True, text=True, check=True
    )
    assert fee_due == [D.fromisoformat(added.stdout.strip())]


@pytest.mark.parametrize(
    ("as_of", "overdue", "soon"), [(D(2026, 10, 22), False, True), (D(2026, 10, 30), True, False)]
)
def test_due_soon_and_overdue_are_computed_not_stored(region, as_of, overdue, soon):
    case = received(region, D(2026, 9, 24))
    result = shown(case.pk, as_of)
    assert (result.overdue, result.due_soon) == (overdue, soon)
