"""The rule registry: every rule's stable id, severity, title and the report formats it applies to.

Rules are declared once with :func:`rule` and evaluated by :func:`gongkai.annualreport.rules.check`.
A rule function receives a :class:`Context` and yields ``(cells, message)`` pairs; the engine turns
them into :class:`Finding` objects carrying the declared id and severity, so a rule's severity lives
in one place (its declaration) and can be listed for documentation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from gongkai.annualreport.model import Report, ReportFormat

from .finding import Severity

# Formats whose tables follow the national layouts (pre2019 tables are not read into cells).
TABLE_FORMATS = (ReportFormat.F2021, ReportFormat.F2019)
ALL_FORMATS = tuple(ReportFormat)

Emit = tuple[Sequence[str], str]


@dataclass(frozen=True)
class Context:
    report: Report
    previous: Report | None
    today: dt.date
    # Results several rules need (e.g. missing sections for F2 and READ), computed once per check.
    memo: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str  # one line, Chinese
    kind: str  # arithmetic | cross-year | text | form | read
    basis: str  # 格式 (printed in the format) | 条例 (statute) | 实践 (practice, not a statute)
    formats: tuple[ReportFormat, ...]
    func: Callable[[Context], Iterable[Emit]]
    needs_previous: bool = False


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    severity: Severity | str,
    title: str,
    *,
    kind: str,
    basis: str,
    formats: tuple[ReportFormat, ...] = ALL_FORMATS,
    needs_previous: bool = False,
):
    """Register a rule function under a stable id."""

    def register(func: Callable[[Context], Iterable[Emit]]):
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        RULES[id] = Rule(id, Severity(severity), title, kind, basis, formats, func, needs_previous)
        return func

    return register


KIND_ORDER = ("arithmetic", "cross-year", "text", "form", "read")


def all_rules() -> list[Rule]:
    """Every rule, by family (arithmetic, cross-year, text, form, read) then declaration order."""
    return sorted(RULES.values(), key=lambda r: KIND_ORDER.index(r.kind))


def rules_for(fmt: str | None) -> list[Rule]:
    """The rule set for a report format (unknown format: the rules that hold for every format)."""
    return [r for r in all_rules() if (fmt or "pre2019") in r.formats]
