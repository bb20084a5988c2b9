"""`gongkai report …`: read, write, check and tabulate annual reports.

This module only builds the argument parser; each sub-command's work is in
``gongkai.annualreport.commands.<name>.run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from gongkai.cliparse import ChineseArgumentParser

if TYPE_CHECKING:
    from gongkai.annualreport.model import Report

T = TypeVar("T")
R = TypeVar("R")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gongkai report",
        description="政府信息公开工作年度报告工具：读取、检查、转写、汇总。",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser(
        "read", help="读取报告，输出 JSON", description="读取报告，输出 JSON（多个文件为 JSON Lines）。"
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="报告文件（文本、HTML、DOCX、PDF、OFD、DOC/WPS、JSON）"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON（默认即是，保留此选项与 check 一致）")
    _jobs_option(p)

    p = sub.add_parser(
        "write", help="把报告转写为另一种格式", description="把报告转写为 JSON、Markdown、HTML 或 DOCX。"
    )
    p.add_argument("file", metavar="FILE", help="报告文件")
    p.add_argument("--to", required=True, choices=["json", "md", "html", "docx"], help="输出格式")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件（- 表示标准输出）")

    p = sub.add_parser(
        "check", help="按勾稽关系等规则检查报告", description="按勾稽关系、文字与表格、形式等规则检查报告。"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件")
    p.add_argument("--previous", metavar="FILE", help="上年报告，用于跨年度规则")
    p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    _jobs_option(p)

    p = sub.add_parser(
        "table", help="汇总为表格：每份报告一行，每个单元格一列", description="汇总为 xlsx 或 csv 表格。"
    )
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="报告文件或目录（递归查找）")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx|OUT.csv", help="输出表格文件")
    _jobs_option(p)

    p = sub.add_parser(
        "compare",
        help="比较两份报告：逐个单元格的差值和文字的改动",
        description="比较两份报告（同一机关两个年度，或同一年度两个机关）：逐个单元格列出差值，"
        "列出文字改动、新增、删除的句子，并统计与 A 逐字相同的句子所占比例。",
    )
    p.add_argument("a", metavar="A", help="较早的报告（如上年度）")
    p.add_argument("b", metavar="B", help="较晚的报告（如本年度）")
    p.add_argument("--all", action="store_true", help="列出全部单元格（默认只列不同的）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    return parser


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数，实际为 {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实际为 {text!r}")
    return value


def _jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="并行读取的进程数（默认为本机核数）；结果仍按输入顺序输出",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = importlib.import_module(f"gongkai.annualreport.commands.{args.command}")
    try:
        return command.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def unreadable(path: object, reason: object) -> str:
    """The message for an input that cannot be read: "文件不存在：PATH" or "无法读取：PATH（reason）"."""
    text = str(reason)
    if text == "文件不存在":
        return f"文件不存在：{path}"
    return f"无法读取：{path}（{text}）" if text else f"无法读取：{path}"


def unwritable(path: object, error: OSError) -> str:
    from gongkai.annualreport.readers import os_reason

    return f"无法写入：{path}（{os_reason(error)}）"


class LoadError(Exception):
    """A file that cannot be read at all (missing, unreadable, not a report); the message says why."""


def load(path: str | Path) -> Report:
    """The report in ``path`` through the readers, for every command; :class:`LoadError` when nothing
    can be read. A reader bug becomes a LoadError too: it must not stop a batch nor show a traceback."""
    from gongkai.annualreport.readers import UnreadableError, read

    try:
        return read(Path(path), name=str(path))
    except UnreadableError as exc:
        raise LoadError(str(exc)) from exc
    except Exception as exc:
        raise LoadError(f"读取时出现内部错误（{type(exc).__name__}: {exc}）") from exc


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


CHUNK = 4  # files per task sent to a worker: small enough to keep the cores busy to the end


def parallel(work: Callable[[T], R], items: Sequence[T], jobs: int | None, desc: str = "") -> Iterator[R]:
    """``work(item)`` for every item, in input order, in ``jobs`` processes (default: the cores), with the
    progress bar. ``work`` must be a module-level function and catch its own errors (a file that cannot
    be read is a result, not an exception), so that one file never stops the batch.

    One process (``jobs == 1``, or a single item) runs in this process: no pool is started."""
    jobs = min(jobs or default_jobs(), len(items))
    if jobs <= 1:
        yield from progress(map(work, items), total=len(items), desc=desc)
        return
    import multiprocessing

    # forkserver: workers start from a clean process (no threads of ours copied), with the reader
    # already imported once for all of them.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["gongkai.annualreport.readers", "gongkai.annualreport.rules"])
    with context.Pool(jobs) as pool:
        chunk = max(1, min(CHUNK, len(items) // (jobs * 4)))
        yield from progress(pool.imap(work, items, chunksize=chunk), total=len(items), desc=desc)
