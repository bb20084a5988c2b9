"""Property tests: random consistent reports break no sum rule; any one wrong cell breaks one that cites it."""

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from report_strategies import reports

from gongkai.annualreport.rules import check

SUMS = {"R1", "R2", "R3", "R4"}
TODAY = dt.date(2030, 1, 1)


@settings(max_examples=150, deadline=None)
@given(reports())
def test_consistent_reports_have_no_arithmetic_finding(report):
    findings = check(report, today=TODAY)
    assert [f for f in findings if f.rule in SUMS] == []
    blanks = [path for path, value in report.cells() if value is None]
    # every blank cell is cited once by F1, one finding per table
    f1 = [f for f in findings if f.rule == "F1"]
    assert sorted(c for f in f1 for c in f.cells) == sorted(blanks)
    assert len(f1) == len({p.split(".")[0] for p in blanks})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(reports(), st.data())
def test_one_wrong_cell_in_table_3_or_4_is_cited_by_a_sum_rule(report, data):
    assume(all(value is not None for _, value in report.cells()))
    paths = [p for p, _ in report.cells() if p.startswith(("applications.", "reviews."))]
    path = data.draw(st.sampled_from(paths))
    report.set(path, report.get(path) + data.draw(st.integers(1, 5)))
    cited = [f for f in check(report, today=TODAY) if f.rule in SUMS and path in f.cells]
    assert cited, path
    assert all(f.severity == "error" for f in cited)
