"""`gongkai report read FILE… [--json] [--jobs N]`: reports as JSON.

One file prints the report as pretty JSON; several print JSON Lines, one object per file (each has
``source``), in the order given, read by ``--jobs`` processes (default: the cores). A file that cannot be
read at all is named on stderr and makes the exit status 2; the other files are still printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial

from gongkai.annualreport.cli import LoadError, fail, load, parallel, unreadable


def read_one(name: str, *, single: bool) -> tuple[str, str | None, str | None]:
    """(name, the report as JSON, None) or (name, None, why it cannot be read); run in a worker."""
    try:
        report = load(name)
    except LoadError as error:
        return name, None, str(error)
    data = report.to_dict()
    return name, json.dumps(data, ensure_ascii=False, indent=2 if single else None), None


def run(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    status = 0
    work = partial(read_one, single=len(files) == 1)
    for name, text, error in parallel(work, files, args.jobs, desc="读取"):
        if error is not None:
            status = fail(unreadable(name, error))
            continue
        print(text)
        sys.stdout.flush()
    return status
