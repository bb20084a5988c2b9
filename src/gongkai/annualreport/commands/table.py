"""`gongkai report table FILE_OR_DIR… -o OUT.xlsx|OUT.csv [--jobs N]`: one row per report, every cell a column.

Files are read by ``--jobs`` processes (default: the cores); rows keep the input order.

Columns: source, agency, year, format, published_on, every cell of the 2021 format then the cells
only the 2019 format has, the error and warning counts, and the read error (a file that cannot be
read still gets its row). Two header rows: Chinese labels, then the dotted JSON paths.

Exit status: 0; 2 when an input could not be read (each is named on stderr, "文件不存在：PATH" or
"无法读取：PATH（原因）", and the table is still written with the others) or the table cannot be written.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from gongkai.annualreport.cli import LoadError, fail, load, parallel, unreadable, unwritable
from gongkai.annualreport.model import cell_label, cell_paths
from gongkai.annualreport.rules import check

EXTENSIONS = {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".json", ".ofd", ".doc", ".wps"}
META = [
    ("source", "来源文件"),
    ("agency", "机关"),
    ("year", "年度"),
    ("format", "格式"),
    ("published_on", "落款日期"),
]
COUNTS = [("errors", "错误数"), ("warnings", "警告数"), ("read_error", "无法读取的原因")]


def columns() -> list[tuple[str, str]]:
    """(dotted path, Chinese label) for every column, in order."""
    paths = cell_paths("2021")
    paths += [p for p in cell_paths("2019") if p not in set(paths)]
    return META + [(p, cell_label(p)) for p in paths] + COUNTS


def inputs(args: list[str]) -> Iterator[Path]:
    """Files as given, and report files under directories (recursively, sorted)."""
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
        else:
            yield path


def row(path: Path, cols: list[tuple[str, str]]) -> list[Any]:
    """The report's row; a file that cannot be read gets a row with the reason (run in a worker; the
    caller names it on stderr)."""
    values: dict[str, Any] = {"source": str(path)}
    try:
        report = load(path)
    except LoadError as exc:
        values["read_error"] = str(exc)
    else:
        findings = check(report)
        values.update(
            agency=report.agency,
            year=report.year,
            format=report.format,
            published_on=report.published_on.isoformat() if report.published_on else None,
            errors=sum(f.severity == "error" for f in findings),
            warnings=sum(f.severity == "warning" for f in findings),
        )
        values.update(report.cells())
    return [values.get(key) for key, _ in cols]


def run(args) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        return fail(f"{args.output}: 输出文件须以 .xlsx 或 .csv 结尾")
    files = list(inputs(args.inputs))
    if not files:
        return fail("没有找到报告文件（支持 " + " ".join(sorted(EXTENSIONS)) + "）")
    cols = columns()
    error_at = cols.index(("read_error", "无法读取的原因"))
    rows = []
    for path, r in zip(files, parallel(partial(row, cols=cols), files, args.jobs, desc="汇总"), strict=True):
        if r[error_at] is not None:
            fail(unreadable(path, r[error_at]))
        rows.append(r)
    try:
        (write_xlsx if suffix == ".xlsx" else write_csv)(out, cols, rows)
    except OSError as exc:
        return fail(unwritable(args.output, exc))
    unread = sum(r[error_at] is not None for r in rows)
    return 2 if unread else 0  # the table is written with the others; the status says some were not read


def write_csv(out: Path, cols: list[tuple[str, str]], rows: list[list[Any]]) -> None:
    """UTF-8 with BOM so that Excel opens the Chinese headers correctly."""
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([label for _, label in cols])
        writer.writerow([key for key, _ in cols])
        writer.writerows([["" if v is None else v for v in r] for r in rows])


def write_xlsx(out: Path, cols: list[tuple[str, str]], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "年度报告"
    ws.append([label for _, label in cols])
    ws.append([key for key, _ in cols])
    for r in rows:
        ws.append(r)
    ws.freeze_panes = "B3"
    wb.save(out)
