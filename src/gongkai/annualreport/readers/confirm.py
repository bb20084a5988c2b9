"""Numbers read without certainty (OCR'd) stand only when an identity (R1–R4) confirms them.

A cell is confirmed when at least one of the sum relations it takes part in (``rules.arithmetic``: R1 per
column 一+二=三+四, R2 per column （七）=（一）…（六）, R3 per row 总计=六类申请人, R4 per group of table 4) has
every cell read and holds. A misread digit breaks every relation of its cell (unless another misread
cancels it exactly in every one of them), so a confirmed number is right; an unconfirmed one is unread
(None) and named in ``problems``. Table 2 has no identity: its OCR'd numbers are always unread.

This is the one entry point the scanned-PDF reader calls (``confirm_unconfirmed``); a decoder that also
uses the grid, the labels and the narrative figures can replace its body without changing the callers.
"""

from __future__ import annotations

from gongkai.annualreport.model import Problem, Report, cell_label


def relations(report: Report):
    """R1–R4 for the report's format, as ``rules.arithmetic.SumRelation``s."""
    from gongkai.annualreport.rules.arithmetic import r1_relations, r2_relations, r3_relations, r4_relations

    if report.format not in ("2019", "2021"):
        return
    for build in (r1_relations, r2_relations, r3_relations, r4_relations):
        yield from build(report)


def confirmed_cells(report: Report) -> set[str]:
    """The cells that take part in at least one relation that has every cell read and holds."""
    out: set[str] = set()
    for rel in relations(report):
        values = [report.get(p) for p in rel.left + rel.right]
        if any(v is None for v in values):
            continue
        if sum(values[: len(rel.left)]) == sum(values[len(rel.left) :]):
            out.update(rel.left + rel.right)
    return out


def confirm_unconfirmed(report: Report, unconfirmed: set[str], *, how: str) -> list[str]:
    """Unread (None) every cell of ``unconfirmed`` that no identity confirms, each named in a problem that
    says ``how`` it was read; the paths unread, in the report's order."""
    confirmed = confirmed_cells(report)
    unread = []
    for path, value in report.cells():
        if path in unconfirmed and value is not None and path not in confirmed:
            report.set(path, None)
            report.problems.append(
                Problem(path, f"{cell_label(path)}：{how}读出“{value}”，没有勾稽关系（R1–R4）能证实，未读取")
            )
            unread.append(path)
    kept = sum(1 for path in unconfirmed if path in confirmed)
    if unconfirmed:
        report.problems.append(
            Problem(
                "tables",
                f"表格数字由{how}得出：{kept} 个经勾稽关系证实后采用，{len(unread)} 个未能证实、未读取",
            )
        )
    return unread
