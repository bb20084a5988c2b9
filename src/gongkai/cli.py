"""The `gongkai` command.

Each sub-command lives with the code it drives; this module only dispatches, and imports lazily so
that `gongkai report …` and `gongkai workdays …` work without Django being configured.
"""

from __future__ import annotations

import sys

USAGE = """用法：gongkai 命令 [参数…]

命令：
  report     读取、检查、转写、汇总政府信息公开工作年度报告（gongkai report --help）
  workdays   工作日历、法定期限与信息处理费（gongkai workdays --help）
  serve      运行平台（gongkai serve [地址:端口] [--prod]）
  demo       建立演示数据并在 127.0.0.1:8000 运行
  manage     任一 Django manage.py 命令（gongkai manage migrate 等）
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:  # a usage error, like any other: usage on stderr, status 2
        print(USAGE, file=sys.stderr, end="")
        return 2
    if args[0] in {"-h", "--help", "help"}:
        print(USAGE, end="")
        return 0
    command, rest = args[0], args[1:]
    if command == "report":
        from gongkai.annualreport.cli import main as run
    elif command == "workdays":
        from gongkai.workdays.cli import main as run
    elif command in {"serve", "demo", "manage"}:
        from gongkai.server import main as server_main

        return server_main(command, rest)
    else:
        print(f"gongkai：错误：未知命令 {command!r}\n{USAGE}", file=sys.stderr, end="")
        return 2
    return run(rest)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
