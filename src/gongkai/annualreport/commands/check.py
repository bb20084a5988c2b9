"""`gongkai report check FILE… [--previous FILE] [--json] [--jobs N]`: run the rules and show the findings.

Files are read and checked by ``--jobs`` processes (default: the cores); findings are printed in the
order the files were given.

Exit status: 2 when a file cannot be read at all (said on stderr), else 1 when any finding is an
error, else 0. Cells the reader could not read appear as findings of rule READ.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from functools import partial

from gongkai.annualreport.cli import LoadError, fail, load, parallel, unreadable
from gongkai.annualreport.model import Report
from gongkai.annualreport.rules import Finding, check
from gongkai.annualreport.rules.finding import Severity

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
CELLS_SHOWN = 2  # cells quoted per row of the readable table; the JSON has them all


def run(args) -> int:
    previous = None
    if args.previous:
        try:
            previous = load(args.previous)
        except LoadError as exc:
            return fail("上年报告" + unreadable(args.previous, exc))
    status = 0
    several = len(args.files) > 1
    work = partial(check_one, previous=previous)
    for path, findings, error in parallel(work, args.files, args.jobs, desc="检查"):
        if findings is None:
            fail(unreadable(path, error))
            status = 2
            continue
        if status == 0 and any(f.severity == "error" for f in findings):
            status = 1
        _print(path, findings, as_json=args.json, several=several)
    return status


def check_one(path: str, *, previous: Report | None) -> tuple[str, list[Finding] | None, str | None]:
    """(path, findings, None) or (path, None, why it cannot be read); run in a worker."""
    try:
        report = load(path)
    except LoadError as exc:
        return path, None, str(exc)
    return path, check(report, previous), None


def _print(path: str, findings: list[Finding], *, as_json: bool, several: bool) -> None:
    out = sys.stdout
    if as_json and several:
        out.write(
            json.dumps({"source": path, "findings": [f.to_dict() for f in findings]}, ensure_ascii=False)
        )
        out.write("\n")
    elif as_json:
        out.write(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n")
    else:
        if several:
            out.write(f"== {path} ==\n")
        out.write(render_table(findings) + "\n")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _cells(finding: Finding) -> str:
    shown = ", ".join(finding.cells[:CELLS_SHOWN])
    rest = len(finding.cells) - CELLS_SHOWN
    return f"{shown} 等{len(finding.cells)}个" if rest > 0 else shown


def render_table(findings: list[Finding]) -> str:
    """Findings as an aligned table (rule, severity, cells, message) and a count line."""
    if not findings:
        return "未发现问题。"
    header = ("规则", "级别", "单元格", "说明")
    rows = [(f.rule, SEVERITY_LABELS.get(f.severity, f.severity), _cells(f), f.message) for f in findings]
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = [
        "  ".join(pad(col, widths[i]) for i, col in enumerate(row[:3])) + "  " + row[3]
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 4)
    errors = sum(f.severity == "error" for f in findings)
    lines.append(f"共{len(findings)}项：错误{errors}项，警告{len(findings) - errors}项。")
    return "\n".join(lines)
