"""`gongkai report write FILE --to json|md|html|docx -o OUT`: read a report in any format, write it in another."""

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
    return 0


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
