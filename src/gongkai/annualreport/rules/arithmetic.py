"""R1–R4: the sum relations (勾稽关系) of tables 3 and 4, declared once and evaluated generically.

A relation says ``sum(left) == sum(right)``. The relations are built from the model's own structure
(``Results.leaf_rows`` and the column tuples), so the 2019 format, whose （六） is a single row, gets
its own leaf rows without a separate rule. A relation with a blank cell is skipped: blank cells are
reported by F1, and a sum over a blank would be a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai.annualreport.model import (
    APPLICANT_COLUMN_LABELS,
    APPLICANT_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Report,
    cell_label,
)

from .registry import TABLE_FORMATS, Context, Emit, rule

APPLICANTS = APPLICANT_COLUMNS[:-1]  # the six applicant columns, without 总计
REVIEW_PARTS = REVIEW_COLUMNS[:-1]  # 维持, 纠正, 其他, 尚未审结, without 总计


@dataclass(frozen=True)
class SumRelation:
    """``sum(left) == sum(right)``, described for the message."""

    label: str  # where, e.g. "表三 自然人列"
    left: tuple[str, ...]
    left_label: str  # e.g. "一+二"
    right: tuple[str, ...]
    right_label: str  # e.g. "三(七)+四"


def row_label(row: str) -> str:
    """Chinese name of a table-3 row path (``cell_label`` of one of its cells, minus the column)."""
    return cell_label(f"{row}.natural_person").rsplit(" ", 1)[0]


def _column_label(column: str) -> str:
    return f"表三 {APPLICANT_COLUMN_LABELS[column]}列"


def _leaf_paths(report: Report) -> list[str]:
    return [
        f"applications.results.{p}" for p, row in report.applications.results.leaf_rows() if row is not None
    ]


def _table3_rows(report: Report) -> list[str]:
    return [f"applications.{path}" for path, _ in report.applications.rows()]


def r1_relations(report: Report) -> Iterator[SumRelation]:
    """R1, printed in the table: per column, 一 + 二 = 三(七)总计 + 四."""
    for c in APPLICANT_COLUMNS:
        yield SumRelation(
            _column_label(c),
            (f"applications.new.{c}", f"applications.carried_over.{c}"),
            "一+二",
            (f"applications.results.total.{c}", f"applications.carried_forward.{c}"),
            "三(七)+四",
        )


def r2_relations(report: Report) -> Iterator[SumRelation]:
    """R2: per column, （七）总计 = the leaf rows （一）…（六） the format has."""
    leaves = _leaf_paths(report)
    for c in APPLICANT_COLUMNS:
        yield SumRelation(
            _column_label(c),
            (f"applications.results.total.{c}",),
            "（七）总计",
            tuple(f"{leaf}.{c}" for leaf in leaves),
            "（一）至（六）各项之和",
        )


def r3_relations(report: Report) -> Iterator[SumRelation]:
    """R3: per row of table 3, 总计 = the six applicant columns."""
    for row in _table3_rows(report):
        yield SumRelation(
            row_label(row),
            (f"{row}.total",),
            "总计",
            tuple(f"{row}.{c}" for c in APPLICANTS),
            "各类申请人之和",
        )


def r4_relations(report: Report) -> Iterator[SumRelation]:
    """R4: table 4, per group, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    for group in REVIEW_GROUPS:
        yield SumRelation(
            cell_label(f"reviews.{group}"),
            (f"reviews.{group}.total",),
            "总计",
            tuple(f"reviews.{group}.{p}" for p in REVIEW_PARTS),
            "维持+纠正+其他+尚未审结",
        )


def evaluate(report: Report, relations: Iterator[SumRelation]) -> Iterator[Emit]:
    for rel in relations:
        values = [report.get(p) for p in rel.left + rel.right]
        if any(v is None for v in values):
            continue
        left = sum(values[: len(rel.left)])
        right = sum(values[len(rel.left) :])
        if left != right:
            message = f"{rel.label}：{rel.left_label}={left}，{rel.right_label}={right}"
            yield rel.left + rel.right, message


def _sum_rule(rule_id: str, title: str, relations: Callable[[Report], Iterator[SumRelation]]) -> None:
    """Register a rule that reports each broken relation: R1–R4 differ only in their relations."""

    def check(ctx: Context) -> Iterator[Emit]:
        yield from evaluate(ctx.report, relations(ctx.report))

    rule(rule_id, "error", title, kind="arithmetic", basis="格式", formats=TABLE_FORMATS)(check)


_sum_rule("R1", "每列：一+二=三(七)总计+四", r1_relations)
_sum_rule("R2", "每列：（七）总计=（一）至（六）各项之和", r2_relations)
_sum_rule("R3", "表三每行：总计=六类申请人之和", r3_relations)
_sum_rule("R4", "表四每组：总计=维持+纠正+其他+尚未审结", r4_relations)
