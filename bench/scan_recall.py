"""Cells of the scanned fixtures read right, wrong and unread: `.venv/bin/python bench/scan_recall.py`.

Reads ``tests/fixtures/pdf/scan-150dpi.pdf`` and ``scan-300dpi.pdf`` with ``readers.read`` and compares every
cell with the report they were drawn from (``make_formats.seed_with_numbers()``), as
``tests/formats/test_read_scan.py`` does. With ``--cache DIR`` each Tesseract output is kept under the hash
of its command and input images, so a rerun (after a change to the decoder, or on another commit whose
images are the same) costs the rendering and decoding only. Needs tesseract (chi_sim) and pdftoppm.

Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from make_formats import seed_with_numbers  # noqa: E402

from gongkai.annualreport.readers import office, read  # noqa: E402


def _digest(args) -> str:
    digest = hashlib.sha256()
    for arg in args:
        path = Path(str(arg))
        if path.suffix == ".png" and path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        elif path.suffix == ".txt" and path.is_file():  # a list of images, one Tesseract process
            for line in path.read_text(encoding="utf-8").splitlines():
                digest.update(hashlib.sha256(Path(line).read_bytes()).digest())
        elif "gongkai-scan-" not in str(arg):  # the temporary directory differs from run to run
            digest.update(str(arg).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def cache_tesseract(directory: Path) -> None:
    real = office.run
    directory.mkdir(parents=True, exist_ok=True)

    def run(args, *rest, **options):
        if Path(str(args[0])).name != "tesseract" or "--list-langs" in args:
            return real(args, *rest, **options)
        kept = directory / _digest(args)
        if kept.exists():
            return kept.read_bytes()
        out = real(args, *rest, **options)
        kept.write_bytes(out)
        return out

    office.run = run


def named(report, path: str) -> bool:
    return any(path == p.where or path.startswith(p.where + ".") for p in report.problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep Tesseract's outputs here")
    parser.add_argument("--dpi", type=int, action="append", help="150 and/or 300 (default both)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the cells not read right")
    args = parser.parse_args()
    if args.cache:
        cache_tesseract(args.cache)
    expected = seed_with_numbers()
    for dpi in args.dpi or (150, 300):
        start = time.perf_counter()
        report = read(ROOT / "tests" / "fixtures" / "pdf" / f"scan-{dpi}dpi.pdf")
        seconds = time.perf_counter() - start
        right, wrong, unread, silent = [], [], [], []
        for path, value in expected.cells():
            got = report.get(path)
            if got == value:
                right.append(path)
            elif got is not None:
                wrong.append(f"{path}: {value!r} read as {got!r}")
            else:
                (unread if named(report, path) else silent).append(path)
        print(
            f"{dpi} dpi: {len(right)} right, {len(wrong)} wrong, {len(unread)} unread and named, "
            f"{len(silent)} unread silently (of {len(right) + len(wrong) + len(unread) + len(silent)}); "
            f"year {report.year}, date {report.published_on}, format {report.format}; {seconds:.1f} s"
        )
        if args.verbose:
            for line in wrong + [f"unread: {p}" for p in unread + silent]:
                print("   ", line)


if __name__ == "__main__":
    main()
