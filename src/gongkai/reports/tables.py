"""The report's tables as rows for the templates: each cell with its path (for its drill-down link)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annualreport.model import (
    APPLICANT_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SEGMENT_LABELS,
    Report,
)

TABLE2_ROWS = (
    ("rules", ("issued", "repealed", "in_force")),
    ("normative_documents", ("issued", "repealed", "in_force")),
    ("licensing", ("decisions",)),
    ("penalty", ("decisions",)),
    ("coercion", ("decisions",)),
    ("fees", ("amount_wan_yuan",)),
)
DRILLABLE_TABLE2 = {"rules", "normative_documents"}


@dataclass
class CellView:
    path: str
    value: object
    drill: bool


@dataclass
class RowView:
    label: str
    cells: list[CellView]


def table_rows(report: Report) -> dict[str, list[RowView]]:
    out: dict[str, list[RowView]] = {"table2": [], "table3": [], "table4": []}
    if report.proactive is not None:
        for key, cells in TABLE2_ROWS:
            out["table2"].append(
                RowView(
                    SEGMENT_LABELS[key],
                    [
                        CellView(
                            f"proactive.{key}.{c}",
                            report.get(f"proactive.{key}.{c}"),
                            key in DRILLABLE_TABLE2,
                        )
                        for c in cells
                    ],
                )
            )
    for path, row in report.applications.rows():
        label = SEGMENT_LABELS.get(path.rpartition(".")[2], path)
        if path == "results.total":
            label = "（七）总计"
        elif path.startswith("results.other."):
            label = {
                "no_correction": "1.申请人无正当理由逾期不补正",
                "fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用",
                "other": "3.其他",
            }[path.rpartition(".")[2]]
        elif path.startswith("results.") and path.count(".") == 1 and path.endswith(".other"):
            label = "（六）其他处理"
        out["table3"].append(
            RowView(
                label,
                [CellView(f"applications.{path}.{c}", getattr(row, c), True) for c in APPLICANT_COLUMNS],
            )
        )
    for group in REVIEW_GROUPS:
        node = getattr(report.reviews, group)
        out["table4"].append(
            RowView(
                SEGMENT_LABELS[group],
                [CellView(f"reviews.{group}.{c}", getattr(node, c), True) for c in REVIEW_COLUMNS],
            )
        )
    return out
