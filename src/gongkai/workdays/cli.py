"""`gongkai workdays …`: calendar queries, statutory deadlines, notice import and fees.

Errors (bad dates, negative counts, unreadable files, wrong options) print one Chinese line on stderr and
exit 2; a traceback is never shown. Notes (暂定, warnings about an arrangement) go to stderr too, so stdout
carries only the answer. `is-workday` exits 0 for a working day and 1 for a rest day. A closed pipe
(`… | head -1`) ends the command quietly with status 0, as `gongkai report` does.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from gongkai.cliparse import ChineseArgumentParser, translate_error
from gongkai.workdays.clock import ClockCase, Pause, compute
from gongkai.workdays.dates import parse_date
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.fees import fee_by_count, fee_by_pages
from gongkai.workdays.festivals import STATUTORY_SOURCE
from gongkai.workdays.notice import read_notice
from gongkai.workdays.workcalendar import Calendar, YearArrangement

PROG = "gongkai workdays"


class _Parser(ChineseArgumentParser):
    """The shared Chinese parser, but raising instead of exiting, so `main` decides the message and status."""

    def error(self, message: str):
        raise WorkdaysError(f"参数错误：{translate_error(message)}（用 {PROG} --help 查看用法）")


def _parser() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--arrangement",
        action="append",
        default=[],
        metavar="FILE",
        help="补充的年度放假安排 JSON 文件（import-notice --json 的输出或 YearArrangement.to_dict），可重复",
    )
    parser = _Parser(prog=PROG, description="工作日、法定期限与信息处理费")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    due = sub.add_parser("due", parents=[common], help="申请的答复截止日及计算过程")
    due.add_argument("--received", required=True, metavar="DATE", help="收到申请日期（YYYY-MM-DD）")
    due.add_argument("--corrected", metavar="DATE", help="收到补正后申请的日期")
    due.add_argument(
        "--pause",
        nargs=2,
        action="append",
        default=[],
        metavar=("START", "END"),
        help="中止期间 (START, END]：征求意见或等待缴费，可重复",
    )
    due.add_argument("--extend", default="0", metavar="N", help="延长的工作日天数")
    due.add_argument("--replied", metavar="DATE", help="作出答复的日期（核对是否逾期）")
    due.add_argument("--as-of", metavar="DATE", help="计算截至该日已用和剩余的工作日")
    due.add_argument("--json", action="store_true")

    isw = sub.add_parser("is-workday", parents=[common], help="DATE 是否工作日（是则退出码 0，否则 1）")
    isw.add_argument("date", metavar="DATE")

    add = sub.add_parser("add", parents=[common], help="DATE 之后第 N 个工作日")
    add.add_argument("date", metavar="DATE")
    add.add_argument("n", metavar="N")
    add.add_argument("--json", action="store_true")

    imp = sub.add_parser("import-notice", help="读取国务院办公厅放假安排通知")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--year", type=int, help="年份（通知没有标题时需要）")
    imp.add_argument("--json", action="store_true")
    imp.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="即使有法定节日未放假（安排不完整）也输出结果并以 0 退出",
    )

    fee = sub.add_parser("fee", help="信息处理费：按件（--count）或按量（--pages）")
    group = fee.add_mutually_exclusive_group(required=True)
    group.add_argument("--count", metavar="N", help="同一申请人一个自然月内的申请件数")
    group.add_argument("--pages", metavar="P", help="一件申请的页数")
    fee.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        status = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return status
    except BrokenPipeError:
        _silence_stdout()
        return 0


def _run(args_list: list[str]) -> int:
    try:
        if not args_list or args_list[0] in {"-h", "--help"}:
            _parser().print_help()
            return 0
        args = _parser().parse_args(args_list)
        return COMMANDS[args.command](args)
    except WorkdaysError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except SystemExit as exit_:  # --help inside a sub-command
        return int(exit_.code or 0)


def _silence_stdout() -> None:
    """The reader went away (`| head -1`): point stdout at /dev/null so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (captured by a test runner, say)
        pass


def _note(text: str) -> None:
    print(text, file=sys.stderr)


def _calendar(args) -> Calendar:
    """Shipped data plus every --arrangement file; an arrangement's gaps are noted on stderr."""
    arrangements = []
    for name in args.arrangement:
        data = _read_json(name)
        for item in data if isinstance(data, list) else [data]:
            try:
                arrangements.append(YearArrangement.from_dict(item))
            except WorkdaysError as error:
                raise WorkdaysError(f"{name}：{error}") from None
    for arrangement in arrangements:
        for warning in arrangement.warnings():
            _note(f"注意：{warning}")
    return Calendar.from_arrangements(arrangements)


def _read_text(name: str) -> str:
    """A UTF-8 file's text; every way of failing becomes one Chinese sentence naming the path."""
    try:
        return Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorkdaysError(f"文件不存在：{name}") from None
    except IsADirectoryError:
        raise WorkdaysError(f"不是文件，而是目录：{name}") from None
    except PermissionError:
        raise WorkdaysError(f"没有权限读取文件：{name}") from None
    except OSError as error:
        raise WorkdaysError(f"无法读取文件：{name}（错误号 {error.errno}）") from None
    except UnicodeDecodeError:
        raise WorkdaysError(f"文件 {name} 不是 UTF-8 文本") from None


def _read_json(name: str):
    try:
        return json.loads(_read_text(name))
    except json.JSONDecodeError as error:
        raise WorkdaysError(f"文件 {name} 不是有效的 JSON（第{error.lineno}行）") from None


def _int(text: str, field: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise WorkdaysError(f"{field}“{text}”不是整数") from None
    if value < 0:
        raise WorkdaysError(f"{field}不能为负数（收到 {value}）")
    return value


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_due(args) -> int:
    case = ClockCase(
        received=parse_date(args.received, "--received"),
        corrected=parse_date(args.corrected, "--corrected") if args.corrected else None,
        pauses=[Pause(parse_date(s, "--pause START"), parse_date(e, "--pause END")) for s, e in args.pause],
        extension=_int(args.extend, "--extend"),
        replied=parse_date(args.replied, "--replied") if args.replied else None,
    )
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else None
    clock = compute(case, _calendar(args), as_of=as_of)
    if args.json:
        _print_json(clock.to_dict())
        return 0
    flag = "（暂定）" if clock.provisional else ""
    print(f"答复截止日：{clock.due.isoformat()}{flag}")
    for number, line in enumerate(clock.trace, 1):
        print(f"{number}. {line}")
    return 0


def cmd_is_workday(args) -> int:
    day = parse_date(args.date, "日期")
    status = _calendar(args).status(day)
    print(f"{day.isoformat()} {status.describe()}")
    return 0 if status.workday else 1


def cmd_add(args) -> int:
    start = parse_date(args.date, "日期")
    n = _int(args.n, "天数N")
    calendar = _calendar(args)
    result = calendar.add_workdays(start, n)
    years = calendar.unarranged_years(start, result)
    if args.json:
        _print_json({"date": result.isoformat(), "provisional": bool(years)})
        return 0
    print(result.isoformat())
    if years:
        listed = "、".join(f"{y}年" for y in years)
        _note(f"暂定：{listed}放假安排尚未录入，按{STATUTORY_SOURCE}")
    return 0


def cmd_import_notice(args) -> int:
    """Policy: nothing on stdout and exit 2 unless the notice gave a usable, complete year (see docs)."""
    result = read_notice(_read_text(args.file), args.year)
    if result.arrangement is None:
        raise WorkdaysError("未能从通知中读出放假安排：" + "；".join(result.problems))
    if result.blocking and not args.allow_incomplete:
        found = "；".join(result.all_problems)
        raise WorkdaysError(
            f"{result.year}年放假安排不完整，未输出（确需导入部分安排请加 --allow-incomplete）：{found}"
        )
    if args.json:
        _print_json(result.to_dict())
        return 0
    arr = result.arrangement
    print(f"{result.year}年放假安排（{len(arr.holidays)}天放假，{len(arr.workdays)}天调休上班）")
    for day, name in sorted(arr.holidays.items()):
        print(f"  放假 {day.isoformat()} {name}")
    for day, name in sorted(arr.workdays.items()):
        print(f"  上班 {day.isoformat()} 调休（{name}）")
    for problem in result.all_problems:
        print(f"问题：{problem}")
    return 0


def cmd_fee(args) -> int:
    if args.count is not None:
        fee = fee_by_count(_int(args.count, "--count"))
    else:
        fee = fee_by_pages(_int(args.pages, "--pages"))
    if args.json:
        _print_json(fee.to_dict())
        return 0
    print(fee.summary())
    for line in fee.lines:
        print(f"  {line.text()}")
    return 0


COMMANDS = {
    "due": cmd_due,
    "is-workday": cmd_is_workday,
    "add": cmd_add,
    "import-notice": cmd_import_notice,
    "fee": cmd_fee,
}
