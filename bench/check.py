"""Figures for gongkai.annualreport.rules (printed, not asserted): how many reports per second `check`
runs on one core, on the five seeds read once, cycled over at least 1,000 checks.

Run: .venv/bin/python bench/check.py
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from gongkai.annualreport.readers import read
from gongkai.annualreport.rules import check

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
RUNS = 2000


def main() -> None:
    reports = [read(path) for path in sorted(SEEDS.glob("*.txt"))]
    # The same organ one year earlier, so the cross-year rules really compare (not stop at X0/X3).
    previous = [dataclasses.replace(r, year=r.year - 1) for r in reports]
    for label, prevs in (("check(report)", [None] * len(reports)), ("check(report, previous)", previous)):
        start = time.perf_counter()
        for i in range(RUNS):
            check(reports[i % len(reports)], prevs[i % len(reports)])
        elapsed = time.perf_counter() - start
        print(
            f"{label:<28} {RUNS:>6} reports  {RUNS / elapsed:8.0f} reports/s  {elapsed * 1000 / RUNS:6.2f} ms each"
        )


if __name__ == "__main__":
    main()
