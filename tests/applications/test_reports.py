"""Table 3 and table 4 from the cases: each outcome lands in its row, carry-over across years, drill-down."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.applications.conftest import COMPANY, PERSON

from gongkai.annualreport.model import Results
from gongkai.applications import legal, selectors
from gongkai.applications.choices import AppealResult
from gongkai.applications.services import appeals, cases

D = date
SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "annual-report.schema.json"


def test_outcome_rows_are_exactly_the_schema_leaf_rows():
    rows = set(legal.version_for(D(2026, 1, 1)).rows)
    assert rows == {path for path, _ in Results().leaf_rows()}
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    results = schema["properties"]["applications"]["properties"]["results"]["properties"]
    leaves = set()
    for key, value in results.items():
        if key == "total":
            continue
        props = value.get("properties")
        leaves |= {f"{key}.{leaf}" for leaf in props} if props else {key}
    assert rows == leaves


def test_every_type_in_the_mapping_is_a_known_reply_type():
    types = legal.reply_types()
    for version in legal.versions():
        for row in version.rows.values():
            assert set(row.types) <= set(types), row.key


def _replied(region, on, outcome, reply_type, data=PERSON, received=None):
    case = cases.register(
        region.perms("clerk"),
        region.own,
        dict(data),
        "in_person",
        submitted_on=received or on,
        issue_documents=False,
    )
    return cases.reply(region.perms("clerk"), case.pk, on, outcome, reply_type, issue_documents=False)


def test_each_outcome_lands_in_its_row_and_column(region):
    every = [(row, version.types[0]) for row, version in legal.version_for(D(2026, 1, 1)).rows.items()]
    every = [(r, t) for r, t in every if r not in {"other.no_correction", "other.fee_unpaid"}]
    for row, reply_type in every:
        _replied(region, D(2026, 3, 2), row, reply_type)
    _replied(region, D(2026, 3, 3), "granted", "36-1", data=COMPANY)
    counts = selectors.table3_counts(region.own, 2026)
    for row, _ in every:
        group, _, leaf = row.partition(".")
        cell = counts["results"][group][leaf] if leaf else counts["results"][group]
        expected_person = 1
        assert cell["natural_person"] == expected_person, row
    assert counts["results"]["granted"] == {
        "natural_person": 1,
        "commercial_enterprise": 1,
        "research_institution": 0,
        "public_interest_org": 0,
        "legal_service_org": 0,
        "other_org": 0,
        "total": 2,
    }
    assert counts["new"]["total"] == len(every) + 1 == counts["results"]["total"]["total"]
    assert counts["carried_forward"]["total"] == 0


def test_carry_over_across_the_year_end(region, settings):
    clerk = region.perms("clerk")
    late = cases.register(
        clerk, region.own, dict(PERSON), "in_person", submitted_on=D(2025, 12, 22), issue_documents=False
    )
    done = cases.register(
        clerk, region.own, dict(PERSON), "in_person", submitted_on=D(2025, 12, 1), issue_documents=False
    )
    cases.reply(clerk, done.pk, D(2025, 12, 10), "granted", "36-2", issue_documents=False)
    cases.reply(clerk, late.pk, D(2026, 1, 9), "unable.not_held", "36-4", issue_documents=False)
    y2025, y2026 = selectors.table3_counts(region.own, 2025), selectors.table3_counts(region.own, 2026)
    assert (y2025["new"]["total"], y2025["results"]["total"]["total"], y2025["carried_forward"]["total"]) == (
        2,
        1,
        1,
    )
    assert (
        y2026["carried_over"]["total"],
        y2026["new"]["total"],
        y2026["results"]["unable"]["not_held"]["total"],
    ) == (1, 0, 1)
    # R1: 一 + 二 = 三(七)总计 + 四, per column
    for counts in (y2025, y2026):
        assert counts["new"]["total"] + counts["carried_over"]["total"] == (
            counts["results"]["total"]["total"] + counts["carried_forward"]["total"]
        )
    drill = selectors.table3_cases(region.own, 2025, "carried_forward")
    assert [c.pk for c in drill] == [late.pk]
    assert [
        c.pk for c in selectors.table3_cases(region.own, 2026, "results.unable.not_held", "natural_person")
    ] == [late.pk]


def test_pending_and_other_organs_are_not_counted(region):
    cases.submit_online(region.own, dict(PERSON))
    _replied(region, D(2026, 3, 2), "granted", "36-2")
    sibling = cases.register(
        region.perms("sibling_clerk"),
        region.sibling,
        dict(PERSON),
        "in_person",
        submitted_on=D(2026, 3, 2),
        issue_documents=False,
    )
    assert sibling.organ == region.sibling
    assert selectors.table3_counts(region.own, 2026)["new"]["total"] == 1


def test_table4_by_state_at_year_end(region):
    clerk = region.perms("clerk")
    a = _replied(region, D(2025, 11, 3), "denied.internal_affairs", "36-3")
    b = _replied(region, D(2025, 11, 4), "unable.not_held", "36-4")
    first = appeals.file_appeal(
        clerk, a.pk, "reconsideration", D(2025, 11, 20), "高安市人民政府", "高府复〔2025〕1号"
    )
    second = appeals.file_appeal(
        clerk, b.pk, "litigation_direct", D(2025, 12, 1), "高安市人民法院", "（2025）赣0983行初1号"
    )
    appeals.decide_appeal(clerk, first.pk, AppealResult.UPHELD, D(2025, 12, 20))
    appeals.decide_appeal(clerk, second.pk, AppealResult.CORRECTED, D(2026, 2, 1))
    y2025, y2026 = selectors.table4_counts(region.own, 2025), selectors.table4_counts(region.own, 2026)
    assert y2025["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert y2025["litigation_direct"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert y2026["reconsideration"]["total"] == 0
    assert y2026["litigation_direct"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert [x.pk for x in selectors.table4_cases(region.own, 2025, "litigation_direct", "pending")] == [
        second.pk
    ]
