"""The checks (勾稽关系 and more) of an annual report: declarative rules with stable ids.

``check(report, previous=None)`` runs every rule of the report's format and returns the findings in
registry order. Rule families:

* R1–R4 (arithmetic): sum relations of tables 3 and 4 (``arithmetic``);
* X1–X5 (cross-year, practice): against last year's report (``crossyear``);
* T1–T9 (text, practice): narrative figures against the tables and against themselves (``text``);
* F1–F10 (form): blank cells, sections, year, format, dates (``form``);
* READ: cells and parts the reader could not read.
"""

from __future__ import annotations

import datetime as dt

from gongkai.annualreport.model import Report

from . import arithmetic, crossyear, form, read, text  # noqa: F401  (registers the rules)
from .finding import Finding
from .registry import RULES, Context, Rule, rules_for

__all__ = ["RULES", "Finding", "Rule", "check", "rules_for"]


def check(report: Report, previous: Report | None = None, *, today: dt.date | None = None) -> list[Finding]:
    """Every finding of every rule of the report's format, in registry order."""
    ctx = Context(report, previous, today or dt.date.today())
    findings: list[Finding] = []
    for r in rules_for(report.format):
        if r.needs_previous and previous is None:
            continue
        for cells, message in r.func(ctx):
            findings.append(Finding(r.id, r.severity, tuple(cells), message))
    return _without_repeats(findings)


# Rules that say what the reader's "not found" problem says, about the same cell.
SAME_AS_READ = ("F3", "F4", "F10")  # agency, year, date missing


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """Drop a READ finding about a cell that F3, F4 or F10 already report as missing."""
    said = {f.cells for f in findings if f.rule in SAME_AS_READ}
    return [f for f in findings if not (f.rule == "READ" and f.cells in said)]
