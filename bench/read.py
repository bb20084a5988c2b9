"""Reading speed and memory per input format, on one core: `make bench` or `.venv/bin/python bench/read.py`.

Generates varied, consistent reports (R1–R4 hold, some blank cells, both table formats), writes them with our
writers, then times ``gongkai.annualreport.readers.read`` over at least 1,000 inputs per format. PDFs are
variants of the fixture layout made with fpdf2 and the WenQuanYi font when it is installed, else the committed
fixture PDF. Memory: tracemalloc's peak while reading a batch one file at a time (as ``report table`` does),
for a small and a ten-times larger batch; flat means the reader keeps nothing between files.

OFD files are the same reports laid out by ``tests/fixtures/make_formats.py``; a scanned PDF (OCR through
Tesseract, a few reads) and a .doc (through LibreOffice) are timed when the converters are installed.
``--jobs`` then reads files from disk with ``cli.parallel`` in 1…N processes (wall time, input order kept),
as ``gongkai report read/check/table --jobs N`` do.

Targets (issue 2): ≥ 500 text or HTML reports/s, ≥ 50 DOCX/s, ≥ 10 PDF/s. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from gongkai.annualreport.model import APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, Report  # noqa: E402
from gongkai.annualreport.readers import read  # noqa: E402
from gongkai.annualreport.readers.html import to_text as html_to_text  # noqa: E402
from gongkai.annualreport.writers import write  # noqa: E402

AGENCIES = [
    "高安市机关事务管理局",
    "九江市濂溪区自然资源局",
    "上饶市广信区教育体育局",
    "萍乡市湘东区住房和城乡建设局",
]
SENTENCES = [
    "我局坚持以公开为常态、不公开为例外，及时、准确公开政府信息。",
    "全年主动公开政府信息56条，其中决策公开信息10条、执行公开信息12条。",
    "一是加强信息审核，实行信息发布“三审”制，严格保护个人信息安全。",
    "下一步，我们将进一步规范公开内容，提高公开质量。",
]


def sample_report(rng: random.Random) -> Report:
    """A consistent random report: leaf rows drawn, totals and 一 derived so R1–R4 hold; a few blanks."""
    fmt = rng.choice(["2021", "2021", "2021", "2019"])
    report = Report.blank(fmt)
    report.agency = rng.choice(AGENCIES)
    report.year = rng.randint(2021, 2025) if fmt == "2021" else rng.randint(2019, 2020)
    report.title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    report.published_on = dt.date(report.year + 1, 1, rng.randint(5, 31))
    for path, _ in list(report.cells()):
        if path.startswith("proactive"):
            report.set(path, rng.randint(-5, 5) if path.endswith(".change") else rng.randint(0, 2000))
    leaves = [p for p, row in report.applications.results.leaf_rows() if row is not None]
    total = [0] * 7
    for leaf in leaves:
        six = [rng.choice([0, 0, 0, rng.randint(1, 20)]) for _ in range(6)]
        for i, (col, value) in enumerate(zip(APPLICANT_COLUMNS, [*six, sum(six)], strict=True)):
            report.set(f"applications.results.{leaf}.{col}", value)
            total[i] += value
    for col, value in zip(APPLICANT_COLUMNS, total, strict=True):
        report.set(f"applications.results.total.{col}", value)
        report.set(f"applications.carried_over.{col}", 0)
        report.set(f"applications.carried_forward.{col}", 0)
        report.set(f"applications.new.{col}", value)
    for group in REVIEW_GROUPS:
        four = [rng.randint(0, 3) for _ in range(4)]
        for col, value in zip(REVIEW_COLUMNS, [*four, sum(four)], strict=True):
            report.set(f"reviews.{group}.{col}", value)
    for path in rng.sample([p for p, _ in report.cells()], rng.randint(0, 3)):
        report.set(path, None)
    report.sections.overview = "\n".join(rng.sample(SENTENCES, 3))
    report.sections.shortcomings = rng.choice(SENTENCES)
    report.sections.other_matters = "本年度未收取信息处理费。"
    return report


def pdf_inputs(reports: list[Report], count: int) -> list[bytes]:
    # fontTools reports every bitmap table it cannot subset in the CJK font; that is noise here.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    try:
        from make_fixtures import FONT, report_pdf

        if FONT.exists():
            return [report_pdf(r) for r in reports[:count]]
    except ImportError:
        pass
    return [(ROOT / "tests" / "fixtures" / "pdf" / "report-2023.pdf").read_bytes()]


def converter_inputs(reports: list[Report]) -> dict[str, list]:
    """A scanned PDF (150 dpi, rotated) and a .doc, when Tesseract / LibreOffice are installed."""
    import shutil
    import tempfile

    from make_formats import doc_from_docx, scanned_pdf, seed_with_numbers

    out: dict[str, list] = {}
    if shutil.which("tesseract") and shutil.which("pdftoppm"):
        out["scanned PDF"] = [scanned_pdf(seed_with_numbers(), 150, 1.2)]
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            out["DOC (soffice)"] = [doc_from_docx(write(reports[0], "docx"), Path(tmp)).read_bytes()]
    return out


def inputs(n: int, seed: int) -> dict[str, list]:
    from make_formats import report_ofd

    rng = random.Random(seed)
    reports = [sample_report(rng) for _ in range(n)]
    html = [write(r, "html") for r in reports]
    return {
        "text (tab rows)": [html_to_text(h) for h in html],
        "Markdown": [write(r, "md") for r in reports],
        "HTML": [h.encode("utf-8") for h in html],
        "JSON": [write(r, "json") for r in reports],
        "DOCX": [write(r, "docx") for r in reports[:25]],  # python-docx writes slowly; reads cycle them
        "PDF": pdf_inputs(reports, 10),
        "OFD": [report_ofd(r) for r in reports[:25]],
        **converter_inputs(reports),
    }


READS = {"scanned PDF": 2, "DOC (soffice)": 3}  # seconds per read: a few reads are enough


def _read_path(path: str) -> bool:
    from gongkai.annualreport.cli import LoadError, load

    try:
        return bool(load(path).problems)
    except LoadError:
        return True


def parallel_throughput(data: dict[str, list], jobs_list: list[int], size: int) -> None:
    """Files on disk read by ``cli.parallel`` (what ``--jobs`` runs): reports/s of wall time."""
    import tempfile

    from gongkai.annualreport.cli import parallel

    suffix = {"text (tab rows)": ".txt", "HTML": ".html", "DOCX": ".docx", "PDF": ".pdf", "OFD": ".ofd"}
    print(f"\n--jobs (wall time, {size} files per format, results in input order):")
    print(f"{'format':<16}" + "".join(f"{f'jobs={j} /s':>14}" for j in jobs_list))
    with tempfile.TemporaryDirectory() as tmp:
        for name, ext in suffix.items():
            paths = []
            for i, item in enumerate(batch(data[name], size)):
                path = Path(tmp) / f"{name[:4]}-{i}{ext}"
                path.write_bytes(item if isinstance(item, bytes) else item.encode("utf-8"))
                paths.append(str(path))
            rates = []
            for jobs in jobs_list:
                start = time.perf_counter()
                list(parallel(_read_path, paths, jobs))
                rates.append(len(paths) / (time.perf_counter() - start))
            print(f"{name:<16}" + "".join(f"{r:>14.0f}" for r in rates))


def batch(items: list, size: int):
    for i in range(size):
        yield items[i % len(items)]


def throughput(items: list, size: int) -> tuple[float, float, int]:
    """Reports per second of CPU time (robust on a busy machine) and of wall time; reports with problems."""
    problems = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for data in batch(items, size):
        problems += bool(read(data).problems)
    return size / (time.process_time() - cpu), size / (time.perf_counter() - wall), problems


def peak_memory(items: list, size: int) -> float:
    tracemalloc.start()
    for data in batch(items, size):
        read(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="reports per format (default 1000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--jobs", type=int, nargs="*", default=None, help="process counts to time (default: 1 and the cores)"
    )
    args = parser.parse_args()
    # One core: the reader is single-threaded; speed is counted in CPU seconds of this process.
    made = time.perf_counter()
    data = inputs(args.n, args.seed)
    print(f"generated inputs in {time.perf_counter() - made:.1f} s; reading {args.n} per format on one core")
    small, large = max(args.n // 10, 1), args.n
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f}\n")
    print(
        f"{'format':<16}{'distinct':>9}{'reports/s':>11}{'ms/report':>11}{'wall/s':>8}{'with problems':>15}"
        f"{f'peak MB @{small}':>15}{f'peak MB @{large}':>15}"
    )
    for name, items in data.items():
        if name in READS:  # OCR / LibreOffice: seconds per file; memory is not ours (external processes)
            rate, wall, problems = throughput(items, READS[name])
            print(
                f"{name:<16}{len(items):>9}{rate:>11.2f}{1000 / rate:>11.0f}{wall:>8.2f}{problems:>15}"
                f"{'-':>15}{'-':>15}  ({READS[name]} reads; CPU of this process only, wall includes the converter)"
            )
            continue
        count = args.n // 5 if name == "OFD" else args.n
        rate, wall, problems = throughput(items, count)
        slow = name in ("PDF", "OFD")
        sizes = (small // 10, large // 10) if slow else (small, large)  # tracemalloc slows pdfminer
        mem = [peak_memory(items, s) for s in sizes]
        note = f"  (memory @{sizes[0]}/@{sizes[1]})" if slow else ""
        print(
            f"{name:<16}{len(items):>9}{rate:>11.0f}{1000 / rate:>11.2f}{wall:>8.0f}{problems:>15}"
            f"{mem[0]:>15.2f}{mem[1]:>15.2f}{note}"
        )
    print(
        "\nreports/s and ms/report count CPU time of this process; wall/s is elapsed time (lower when busy)."
    )
    print("targets: text/HTML ≥ 500/s, DOCX ≥ 50/s, PDF ≥ 10/s; flat memory = same peak at both batch sizes")
    cores = os.cpu_count() or 1
    parallel_throughput(data, args.jobs or sorted({1, cores}), max(args.n // 5, 20))
    return 0


if __name__ == "__main__":
    sys.exit(main())
