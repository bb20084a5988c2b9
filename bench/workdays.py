"""Figures for gongkai.workdays (printed, not asserted): calendar load, clock and notice-reader speed.

Run: .venv/bin/python bench/workdays.py
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from gongkai.workdays import Calendar, ClockCase, Pause, compute, read_notice

NOTICES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "holiday-notices"


def timed(label: str, repeat: int, func) -> None:
    start = time.perf_counter()
    for i in range(repeat):
        func(i)
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {repeat:>6} runs  {elapsed * 1000 / repeat:8.3f} ms each")


def main() -> None:
    timed("Calendar.shipped() (2004–2026)", 20, lambda i: Calendar.shipped())
    calendar = Calendar.shipped()
    base = date(2019, 5, 15)
    timed("compute(), plain 20 days", 2000, lambda i: compute(ClockCase(base + timedelta(days=i)), calendar))
    timed(
        "compute(), pause + extension 20",
        2000,
        lambda i: compute(
            ClockCase(
                base + timedelta(days=i),
                pauses=[Pause(base + timedelta(days=i + 5), base + timedelta(days=i + 20))],
                extension=20,
            ),
            calendar,
        ),
    )
    timed(
        "compute() into unarranged 2027",
        300,
        lambda i: compute(ClockCase(date(2026, 12, 1) + timedelta(days=i)), calendar),
    )
    texts = [p.read_text(encoding="utf-8") for p in sorted(NOTICES.glob("*.txt"))]
    timed(
        f"read_notice() ({len(texts)} notices, round robin)",
        500,
        lambda i: read_notice(texts[i % len(texts)]),
    )


if __name__ == "__main__":
    main()
