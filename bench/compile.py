"""Compiling annual reports at scale on PostgreSQL: `nice -n 10 .venv/bin/python bench/compile.py`.

1. Generates `--organs` departments (default 500) with `--per-organ` applications each (default 2,000: one
   million in all) in the database named by BENCH_DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/gongkai_reports_bench), loaded with COPY; received over 2024–2025,
   most replied within 20 working days with an outcome of any table-3 row, some still open at year end. An
   existing database with enough rows is reused.
2. Measures, for 2025: compiling one organ's report (`services.compile_report`: tables 2–4, the narrative,
   the stored snapshot), compiling all the organs one after another (once) and together
   (`services.compile_reports`, set-based: everything counted for all the organs at once, one row-lock
   query, one UPDATE sent for all, one INSERT of the audit events), and one full scan of the applications
   table (a sequential scan grouping every row by applicant type and outcome, what a single pass over the
   table costs), each the best of `--runs`; then the first compilation of all of them together (their
   reports deleted before each run: every row created and its whole JSON written); then the load average.

Target (issue 13): all organs within 5× one full scan. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/gongkai_reports_bench"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_DATA_DIR", str(ROOT / "data" / "bench"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gongkai.applications.models import Application  # noqa: E402
from gongkai.applications.selectors import RESULT_ROWS  # noqa: E402
from gongkai.core.actors import SYSTEM  # noqa: E402
from gongkai.organs.creditcode import make_code  # noqa: E402
from gongkai.organs.models import Organ, OrganKind  # noqa: E402
from gongkai.reports import services  # noqa: E402
from gongkai.reports.models import AnnualReport  # noqa: E402

KINDS = (
    "natural_person", "natural_person", "natural_person", "commercial_enterprise", "research_institution",
    "public_interest_org", "legal_service_org", "other_org",
)  # fmt: skip
COLUMNS = (
    "id", "organ_id", "number", "number_year", "number_seq", "query_code", "channel", "status",
    "applicant_kind", "submitted_at", "received_on", "receipt_basis", "description", "document_hint",
    "wanted_form", "delivery", "outcome", "reply_type", "closed_on", "version", "created_at",
)  # fmt: skip
YEAR = 2025


def log(message: str) -> None:
    print(message, flush=True)


def ensure_database() -> None:
    import psycopg

    name = connection.settings_dict["NAME"]
    admin = {**connection.get_connection_params(), "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


def organs(count: int) -> list[Organ]:
    root, _ = Organ.objects.get_or_create(
        slug="bench-gov",
        defaults={
            "name": "测试市人民政府",
            "kind": OrganKind.GOVERNMENT,
            "credit_code": make_code("1", "1", "360983", "80000000"),
        },
    )
    have = set(Organ.objects.filter(parent=root).values_list("slug", flat=True))
    Organ.objects.bulk_create(
        Organ(
            slug=f"bench-{n:03d}",
            name=f"测试市第{n}局",
            parent=root,
            credit_code=make_code("1", "1", "360983", f"8{n:07d}"),
        )
        for n in range(1, count + 1)
        if f"bench-{n:03d}" not in have
    )
    return list(Organ.objects.filter(parent=root).order_by("slug")[:count])


def generate(all_organs: list[Organ], per_organ: int) -> None:
    total = len(all_organs) * per_organ
    have = Application.objects.count()
    if have >= total:
        log(f"复用已有数据：{have:,}件申请")
        return
    Application.objects.all().delete()
    rng = random.Random(13)
    started = time.perf_counter()
    start = date(2024, 1, 1)
    raw = connection.connection
    made = 0
    with raw.cursor() as cursor:
        for organ in all_organs:
            rows = []
            seq: dict[int, int] = {}
            for _ in range(per_organ):
                made += 1
                received = start + timedelta(days=rng.randrange(0, 731))
                seq[received.year] = seq.get(received.year, 0) + 1
                still_open = rng.random() < 0.03
                closed = None if still_open else received + timedelta(days=rng.randint(1, 40))
                when = datetime(received.year, received.month, received.day, 9, tzinfo=UTC)
                outcome = "" if still_open else rng.choice(RESULT_ROWS)
                rows.append(
                    (made, organ.pk, f"测依申〔{received.year}〕{seq[received.year]}号", received.year,
                     seq[received.year], f"C{made:011d}", "online", "open" if still_open else "closed",
                     rng.choice(KINDS), when, received, "网上申请", "批量生成的申请", "", "electronic",
                     "download", outcome, "" if still_open else "36-2", closed, 1, when)
                )  # fmt: skip
            copy_sql = f"COPY applications_application ({', '.join(COLUMNS)}) FROM STDIN"
            with raw.transaction(), cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            if organ.pk % 50 == 0 or made == total:
                rate = made / (time.perf_counter() - started)
                log(f"  已生成 {made:,}/{total:,} 件（{rate:,.0f} 件/秒）")
        cursor.execute("SELECT setval(pg_get_serial_sequence('applications_application', 'id'), %s)", [made])
        cursor.execute("ANALYZE applications_application")


def best(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def full_scan() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off"
        )
        cursor.execute("SELECT applicant_kind, outcome, count(*) FROM applications_application GROUP BY 1, 2")
        cursor.fetchall()
        cursor.execute("RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organs", type=int, default=500)
    parser.add_argument("--per-organ", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ensure_database()
    log(f"数据库：{connection.settings_dict['NAME']}（PostgreSQL {connection.pg_version // 10000}）")
    all_organs = organs(args.organs)
    generate(all_organs, args.per_organ)
    rows = Application.objects.count()
    log(f"机关 {len(all_organs)} 个，申请 {rows:,} 件")

    one = best(args.runs, lambda: services.compile_report(SYSTEM, all_organs[0], YEAR))
    report = services.report_of(services.compile_report(SYSTEM, all_organs[0], YEAR))
    log(f"生成一个机关的年度报告：{one * 1000:.1f} ms（新收 {report.applications.new.total} 件）")
    scan = best(args.runs, full_scan)
    log(f"申请表全表扫描一次：{scan * 1000:.1f} ms")

    def one_by_one() -> None:
        for organ in all_organs:
            services.compile_report(SYSTEM, organ, YEAR)

    def together() -> None:
        services.compile_reports(SYSTEM, all_organs, YEAR)

    n = len(all_organs)
    separately = best(1, one_by_one)
    log(f"逐个生成全部 {n} 个机关的年度报告：{separately:.2f} s（平均每个 {separately / n * 1000:.1f} ms）")
    everything = best(args.runs, together)
    log(f"批量生成全部 {n} 个机关的年度报告：{everything:.2f} s（平均每个 {everything / n * 1000:.1f} ms）")
    ratio = everything / scan
    verdict = "达标" if ratio <= 5 else "未达标"
    log(f"全部机关 / 一次全表扫描 = {ratio:.1f} 倍（目标：不超过 5 倍），{verdict}")

    def first_time() -> float:
        AnnualReport.objects.filter(organ__in=all_organs, year=YEAR).delete()
        t0 = time.perf_counter()
        together()
        return time.perf_counter() - t0

    first = min(first_time() for _ in range(args.runs))
    verdict = "达标" if first / scan <= 5 else "未达标"
    log(
        f"批量首次生成（报告尚不存在，全部新建）：{first:.2f} s，为一次全表扫描的 {first / scan:.1f} 倍，{verdict}"
    )
    log("负载（1/5/15分钟）：" + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
