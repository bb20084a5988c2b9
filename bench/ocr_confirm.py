"""OCR confirmation under damage: `.venv/bin/python bench/ocr_confirm.py --trials 10000`.

Random consistent tables 3 (``tests/annualreport/layouts.random_report``) are damaged as OCR damages them:
digits misread, pairs of misreads that cancel in a row or a column, blank cells, rows lost (a label OCR
could not read), and mixes of these. Each goes through ``decoding.decode_rows(…, ocr=True)``; the cells
kept right and kept wrong are counted, and the wrong ones listed. A wrong number presented as right is the
worst outcome: the figure to watch is ``wrong``.

Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "annualreport"))

import layouts  # noqa: E402

from gongkai.annualreport.readers import decoding  # noqa: E402

KINDS = ("misread", "pair", "pair+blank", "pairs", "blank", "row", "mix")


def damage(rng: random.Random, specs, seen: dict, kind: str) -> None:
    cells = list(seen)

    def misread(cell: str) -> None:
        value = seen[cell]
        if value is not None:
            changed = value + rng.choice([-3, -2, -1, 1, 2, 3, 10]) if value else rng.randint(1, 9)
            seen[cell] = changed if changed >= 0 else value + 1

    def pair() -> None:  # two misreads that cancel in a row, or in a column's result rows
        if rng.random() < 0.5:
            a, b = rng.sample(rng.choice(specs).cells[:6], 2)
        else:
            column = rng.choice(decoding.APPLICANT_COLUMNS)
            leaves = [
                c
                for c in cells
                if c.endswith("." + column) and ".results." in c and ".results.total." not in c
            ]
            a, b = rng.sample(leaves, 2)
        step = rng.randint(1, 3)
        if seen[a] is not None and seen[b] is not None and seen[b] >= step:
            seen[a] += step
            seen[b] -= step

    def blank() -> None:
        seen[rng.choice(cells)] = None

    def lose_row() -> None:
        for cell in rng.choice(specs).cells:
            seen[cell] = None

    times = rng.randint(1, 4)
    if kind == "misread":
        for _ in range(times):
            misread(rng.choice(cells))
    elif kind == "pair":
        pair()
    elif kind == "pair+blank":
        pair()
        blank()
    elif kind == "pairs":
        for _ in range(times):
            pair()
        if rng.random() < 0.5:
            blank()
    elif kind == "blank":
        for _ in range(times):
            blank()
    elif kind == "row":
        lose_row()
        if rng.random() < 0.5:
            pair()
    else:
        for _ in range(times):
            rng.choice([lambda: misread(rng.choice(cells)), blank, pair])()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    right = wrong = total = 0
    listed = []
    for trial in range(args.trials):
        report = layouts.random_report(random.Random(trial), scale=rng.choice([3, 10, 30]))
        specs, equations = decoding.table3_specs(report), decoding.table3_equations(report)
        truth = {cell: report.get(cell) for spec in specs for cell in spec.cells}
        seen = dict(truth)
        kind = rng.choice(KINDS)
        damage(rng, specs, seen, kind)
        result = decoding.decode_rows(specs, seen, {}, equations, ocr=True)
        for cell, value in truth.items():
            total += 1
            got = result.values.get(cell)
            if got is None:
                continue
            if got == value:
                right += 1
            else:
                wrong += 1
                listed.append(f"trial {trial} ({kind}): {cell} {value} kept as {got}")
    print(f"{args.trials} tables 3, {total} cells: {right} kept right, {wrong} kept wrong")
    for line in listed:
        print("   ", line)


if __name__ == "__main__":
    main()
