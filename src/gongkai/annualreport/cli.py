"""`gongkai report …`: read, write, check and tabulate annual reports.

This module only builds the argument parser; each sub-command's work is in
``gongkai.annualreport.commands.<name>.run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai report", description="政府信息公开工作年度报告工具")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("read", help="read reports into JSON")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print JSON (the default; kept for symmetry)")

    p = sub.add_parser("write", help="write a report in another format")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, choices=["json", "md", "html", "docx"])
    p.add_argument("-o", "--output", required=True, metavar="OUT")

    p = sub.add_parser("check", help="check reports against the consistency rules (勾稽关系)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--previous", metavar="FILE", help="last year's report, for the cross-year rules")
    p.add_argument("--json", action="store_true", help="print findings as JSON")

    p = sub.add_parser("table", help="one row per report, every cell a column")
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx|OUT.csv")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = importlib.import_module(f"gongkai.annualreport.commands.{args.command}")
    try:
        return command.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def fail(message: str, code: int = 2) -> int:
    """Print an error on stderr, prefixed with the command name; return the exit code."""
    print(f"gongkai report: {message}", file=sys.stderr)
    return code


def progress(items: Iterable[T], total: int | None = None, desc: str = "") -> Iterator[T]:
    """A progress bar on stderr when it is a terminal; silent when piped (batch commands)."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=desc, unit="份", file=sys.stderr, leave=False)
