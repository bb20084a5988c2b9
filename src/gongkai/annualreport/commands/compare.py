"""`gongkai report compare A B [--all] [--json]`: two reports side by side.

A is the earlier report (last year's, or another organ's of the same year), B the later one. Prints the
table cells that differ (every cell with ``--all``) with A, B and the difference B − A, then the text's
changed, added and removed sentences by section, and the share of B's sentences copied word for word
from A. Exit status: 0; 2 when either file cannot be read (said on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys

from gongkai.annualreport.cli import LoadError, fail, load, unreadable
from gongkai.annualreport.commands.check import display_width, pad
from gongkai.annualreport.compare import PART_TITLES, Comparison, compare

KIND_LABELS = {"changed": "改动", "added": "新增", "removed": "删除"}


def run(args: argparse.Namespace) -> int:
    reports = []
    for which, path in (("A", args.a), ("B", args.b)):
        try:
            reports.append(load(path))
        except LoadError as exc:
            return fail(f"报告{which}" + unreadable(path, exc))
    result = compare(*reports)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(result, every_cell=args.all) + "\n")
    return 0


def _name(report, path: str) -> str:
    parts = [report.agency or "机关未读出", f"{report.year}年度" if report.year else "年度未读出"]
    return f"{path}（{' '.join(parts)}）"


def _value(value: int | None) -> str:
    return "空" if value is None else str(value)


def _difference(value: int | None) -> str:
    return "—" if value is None else f"{value:+d}" if value else "0"


def render(result: Comparison, *, every_cell: bool = False) -> str:
    a, b = result.a, result.b
    lines = [f"A：{_name(a, a.source or 'A')}", f"B：{_name(b, b.source or 'B')}", ""]
    differing = result.differing
    lines.append(f"表格：共{len(result.cells)}个单元格，{len(differing)}个不同。")
    shown = result.cells if every_cell else differing
    if shown:
        header = ("单元格", "A", "B", "差值")
        rows = [(c.label, _value(c.a), _value(c.b), _difference(c.difference)) for c in shown]
        widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(4)]
        for row in [header, *rows]:
            lines.append("  ".join(pad(col, widths[i]) for i, col in enumerate(row)).rstrip())
    lines.append("")
    if result.counted:
        lines.append(
            f"文字：B的{result.counted}句中有{len(result.copied)}句与A逐字相同（{result.copied_share:.0%}）。"
        )
    else:
        lines.append("文字：B没有可比较的句子。")
    part = None
    for change in result.sentences:
        if change.part != part:
            part = change.part
            lines.append(f"【{PART_TITLES[part]}】")
        label = KIND_LABELS[change.kind]
        if change.kind == "changed":
            lines.append(f"  {label}：{change.a}")
            lines.append(f"    改为：{change.b}")
        else:
            lines.append(f"  {label}：{change.b if change.kind == 'added' else change.a}")
    if not result.sentences:
        lines.append("两份报告的文字相同。" if result.counted else "")
    return "\n".join(lines).rstrip()
