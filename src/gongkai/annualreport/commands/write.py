"""`gongkai report write FILE --to json|md|html|docx|pdf -o OUT`: read a report in any format, write it in another.

Besides the reader's problems, stderr lists what `gongkai report check` would flag in the written file
(blank cells, a date before the year's end, a missing title or section, …), and each table the source
lacked (left out of the output, so that the written file does not turn a missing table into blank cells)."""

from __future__ import annotations

import sys
from pathlib import Path

from gongkai.annualreport.cli import LoadError, fail, load, unreadable, unwritable


def run(args) -> int:
    """Read ``args.file`` with the dispatcher, write ``args.to`` to ``args.output`` ("-" = stdout for text)."""
    from gongkai.annualreport.writers import write

    try:
        report = load(args.file)
    except LoadError as exc:
        return fail(unreadable(args.file, exc))
    output = write(report, args.to)
    try:
        _save(output, args.output)
    except OSError as exc:
        return fail(unwritable(args.output, exc))
    if args.to == "md":
        _warn_fragile(report)
    if report.problems:
        print(f"gongkai report: 注意：读取 {args.file} 时有 {len(report.problems)} 条问题：", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem.where}：{problem.message}", file=sys.stderr)
    _warn_check(report)
    return 0


def _warn_check(report) -> None:
    """What `check` flags in the report as written (the reader's problems, rule READ, are listed above)."""
    from gongkai.annualreport.commands.check import SEVERITY_LABELS
    from gongkai.annualreport.rules import check
    from gongkai.annualreport.writers.layout import TABLE_NAMES, unread_tables

    for key in sorted(unread_tables(report)):
        print(f"gongkai report: 注意：{TABLE_NAMES[key]} 在源文件中没有读到，输出中未列此表", file=sys.stderr)
    findings = [f for f in check(report) if f.rule != "READ"]
    if findings:
        print(f"gongkai report: 注意：gongkai report check 将提示 {len(findings)} 项：", file=sys.stderr)
        for f in findings:
            print(f"  {f.rule} {SEVERITY_LABELS[f.severity]}：{f.message}", file=sys.stderr)


def _save(output: bytes | str, target: str) -> None:
    if target == "-":
        if isinstance(output, bytes):
            sys.stdout.buffer.write(output)
        else:
            sys.stdout.write(output)
        return
    path = Path(target)
    if isinstance(output, bytes):
        path.write_bytes(output)
    else:
        path.write_text(output, encoding="utf-8")


def _warn_fragile(report) -> None:
    """Lines Markdown cannot carry as they are (they would read back as headings, rows or emphasis)."""
    from gongkai.annualreport.writers.markdown import fragile_lines

    for where, line in fragile_lines(report):
        print(f"gongkai report: 注意：{where} 的一行在 Markdown 中无法原样读回：{line}", file=sys.stderr)
