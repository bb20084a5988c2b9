"""The registry: ids, severities, versioned rule sets, and the docs listing every rule."""

import re
from pathlib import Path

from gongkai.annualreport.rules import RULES, rules_for
from gongkai.annualreport.rules.finding import SEVERITIES

DOC = Path(__file__).parents[2] / "docs" / "annual-report-checks.md"


def test_every_rule_is_declared_with_severity_title_and_formats():
    assert list(RULES) == [
        *("R1", "R2", "R3", "R4", "X0", "X1", "X2", "X3", "X4", "X5"),
        *("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11"),
        "READ",
        *(f"T{i}" for i in range(1, 11)),
    ]
    for r in RULES.values():
        assert r.severity in SEVERITIES and r.title and r.formats
        assert r.basis in {"格式", "条例", "实践"}


def test_rule_sets_per_format():
    ids = {fmt: [r.id for r in rules_for(fmt)] for fmt in ("2021", "2019", "pre2019")}
    assert ids["2021"][:4] == ["R1", "R2", "R3", "R4"] and ids["2021"][-1] == "READ"
    assert set(ids["2021"]) - set(ids["2019"]) == {"X2", "T4", "T5", "T6", "T7", "F11"}
    assert set(ids["2019"]) - set(ids["2021"]) == {"X5"}
    assert set(ids["pre2019"]) == {
        "X0",
        "X3",
        "X4",
        "T8",
        "F3",
        "F4",
        "F5",
        "F6",
        "F7",
        "F8",
        "F9",
        "F10",
        "READ",
    }


def test_docs_list_every_rule_with_its_severity():
    text = DOC.read_text("utf-8")
    for r in RULES.values():
        assert re.search(rf"^\| {r.id} \| {r.severity} \|", text, re.M), r.id
