"""The `gongkai` command.

Each sub-command lives with the code it drives; this module only dispatches, and imports lazily so
that `gongkai report …` and `gongkai workdays …` work without Django being configured.
"""

from __future__ import annotations

import sys

USAGE = """usage: gongkai COMMAND [ARGS…]

commands:
  report     read, check, write and tabulate annual reports (gongkai report --help)
  workdays   working-day calendar, statutory deadlines and fees (gongkai workdays --help)
  serve      run the platform (gongkai serve [ADDR:PORT] [--prod])
  demo       set up demo data and serve on 127.0.0.1:8000
  manage     any Django manage.py command (gongkai manage migrate, …)
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
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
        print(f"gongkai: unknown command {command!r}\n{USAGE}", file=sys.stderr, end="")
        return 2
    return run(rest)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
