"""`gongkai report read FILE… [--json]`: reports as JSON.

One file prints the report as pretty JSON; several print JSON Lines, one object per file (each has
``source``). A file that cannot be read at all is named on stderr and makes the exit status 2; the other
files are still printed.
"""

from __future__ import annotations

import argparse
import json
import sys

from gongkai.annualreport.cli import LoadError, fail, load, progress, unreadable


def run(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    status = 0
    single = len(files) == 1
    for name in progress(files, total=len(files), desc="读取"):
        try:
            report = load(name)
        except LoadError as error:
            status = fail(unreadable(name, error))
            continue
        data = report.to_dict()
        if single:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(json.dumps(data, ensure_ascii=False))
        sys.stdout.flush()
    return status
