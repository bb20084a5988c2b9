"""Decoding time and reading speed of the mangled layouts: `.venv/bin/python bench/decode.py`.

* Worst inputs for the decoder (readers/decoding.py): long run-together digit strings (all 1s, all 9s,
  repeating patterns), a whole table of them, and table 4's run of 15; each timed over repeats, the slowest
  run reported. Target (issue 11): the worst input takes at most 50 ms of decoding.
* Reading speed per layout (crawler text, pdftotext raw, PDF→Markdown, OCR text, HTML fragment): reports
  per second of CPU time on one core, over reports rendered by ``tests/annualreport/layouts.py``, with the
  share of table-3 cells right, unread and wrong. Target (issue 2): ≥ 500 text/HTML reports/s per core.

Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "annualreport"))

import layouts  # noqa: E402

from gongkai.annualreport.model import Report  # noqa: E402
from gongkai.annualreport.readers import decoding, read  # noqa: E402

ROW = (decoding.Group(7, 6),)


def _worst_rows() -> dict[str, list[str]]:
    return {
        "1 × 25": ["1" * 25],
        "9 × 25": ["9" * 25],
        "123456789 × 3": ["123456789" * 3],
        "10 × 12": ["10" * 12],
        "1 × 40": ["1" * 40],
        "1 × 14 (no cut)": ["1" * 14],
        "125…127 (issue)": ["12520000127"],
    }


def _time(function, repeats: int) -> float:
    slowest = 0.0
    for _ in range(repeats):
        start = time.process_time()
        function()
        slowest = max(slowest, time.process_time() - start)
    return slowest * 1000


def bench_worst(repeats: int) -> None:
    print("decoding, slowest of", repeats, "runs (ms):")
    for name, tokens in _worst_rows().items():
        ms = _time(lambda tokens=tokens: decoding.split_row(tokens, ROW), repeats)
        print(f"  one row {name:<22} {ms:7.2f}")
    report = Report.blank("2021")
    specs, equations = decoding.table3_specs(report), decoding.table3_equations(report)
    for name, digits in (
        ("all rows 1 × 25", "1" * 25),
        ("all rows 9 × 30", "9" * 30),
        ("all rows 10 × 12", "10" * 12),
    ):
        pending = {spec.key: [digits] for spec in specs}
        ms = _time(lambda pending=pending: decoding.decode_rows(specs, {}, pending, equations), repeats)
        print(f"  table 3 {name:<22} {ms:7.2f}")
    ambiguous = {spec.key: ["101000011"] for spec in specs}  # two cuts per row: the identities' combinations
    ms = _time(lambda: decoding.decode_rows(specs, {}, ambiguous, equations), repeats)
    print(f"  table 3 {'25 rows, 2 cuts each':<22} {ms:7.2f}")
    t4 = decoding.table4_specs()
    for name, digits in (("run of 15, 1 × 30", "1" * 30), ("run of 15, 9 × 40", "9" * 40)):
        ms = _time(
            lambda d=digits: decoding.decode_rows(t4, {}, {"reviews": [d]}, decoding.table4_equations()),
            repeats,
        )
        print(f"  table 4 {name:<22} {ms:7.2f}")
    t2 = decoding.table2_specs(
        "proactive", {"rules": [("issued", "int"), ("repealed", "int"), ("in_force", "int")]}
    )
    ms = _time(lambda: decoding.decode_rows(t2, {}, {"proactive.rules": ["1" * 21]}, []), repeats)
    print(f"  table 2 {'row 1 × 21 (blanks)':<22} {ms:7.2f}")


def bench_layouts(count: int) -> None:
    print(f"\nreading rendered layouts ({count} reports each, one core, CPU time):")
    print(f"  {'layout':<20} {'reports/s':>10} {'t3 right':>9} {'unread':>7} {'wrong':>6} {'all right':>10}")
    renderers = {
        "crawler": layouts.crawler,
        "pdftotext_raw": layouts.pdftotext_raw,
        "markdown_fragments": layouts.markdown_fragments,
        "ocr_text": layouts.ocr_text,
        "html_fragment": layouts.html_fragment,
    }
    for name, render in renderers.items():
        items = []
        for seed in range(count):
            rng = random.Random(seed)
            report = layouts.random_report(rng, rng.choice(["2021", "2019"]))
            items.append((report, render(report, rng)))
        start = time.process_time()
        reads = [read(text) for _, text in items]
        elapsed = time.process_time() - start
        right = unread = wrong = all_right = all_cells = 0
        for (report, _), got in zip(items, reads, strict=True):
            r, u, w = layouts.cell_outcomes(report, got, "applications")
            right, unread, wrong = right + r, unread + u, wrong + len(w)
            ar, au, aw = layouts.cell_outcomes(report, got)
            all_right, all_cells = all_right + ar, all_cells + ar + au + len(aw)
        cells = right + unread + wrong
        print(
            f"  {name:<20} {count / elapsed:10.0f} {right / cells:9.2%} {unread / cells:7.2%} {wrong:6d}"
            f" {all_right / all_cells:10.2%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    bench_worst(args.repeats)
    bench_layouts(args.count)


if __name__ == "__main__":
    main()
