"""Online intake and staff pages under load, on PostgreSQL with gunicorn over loopback.

    .venv/bin/python bench/intake.py [--db gongkai_bench_intake] [--port 8301] [--cases 100000]
        [--skip-submissions] [--reuse]

`--reuse` keeps a database an earlier run filled (migrating it, no new applications unless it has fewer
than `--cases`); `--skip-submissions` measures only the staff pages.

1. Submissions per second through the real portal form (GET for the CSRF token, then POST) at 50 and 200
   concurrent clients; afterwards the database must hold exactly one case per accepted submission, with
   distinct and consecutive registration numbers (zero lost, zero duplicates).
2. With `--cases` applications in the database (bulk-loaded: 8 organs, about 2 % still open, each with its
   events), p50/p95 of the work queue of one organ and of a case page, signed in as its clerk.

Targets (issue 9): work queue p95 < 150 ms, case page p95 < 100 ms at 100,000 applications. Prints figures,
asserts nothing. Needs PostgreSQL on 127.0.0.1:5432 (user postgres); the database is dropped and recreated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
INTAKE_ORGAN = "gaoan-finance"  # submissions go here; the work queue measured is another organ's
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int) -> str:
    body = f"360983{1960 + n % 40}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def form(n: int) -> dict:
    return {
        "applicant_kind": "natural_person",
        "name": f"测试{n}",
        "id_type": "resident_id",
        "id_number": id_number(n),
        "phone": "13812345678",
        "description": f"压测申请第{n}件：2025年度公务用车运行维护费用",
        "wanted_form": "electronic",
        "delivery": "download",
    }


def submit(base: str, n: int) -> bool:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/organs/{INTAKE_ORGAN}/apply/new/"
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({**form(n), "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(url, body, headers={"Referer": url})
    response = opener.open(request, timeout=60)
    return "/apply/received/" in response.geturl()


def load_submissions(base: str, clients: int, total: int, start: int) -> tuple[int, float]:
    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda n: _safe(submit, base, n), range(start, start + total)))
    return sum(results), time.perf_counter() - began


def _safe(fn, *args) -> bool:
    try:
        return fn(*args)
    except Exception as exc:  # counted as not accepted, printed once
        print(f"  请求失败：{exc}", file=sys.stderr)
        return False


def check_numbers() -> tuple[int, int, bool]:
    from gongkai.applications.models import Application

    mine = Application.objects.filter(organ__slug=INTAKE_ORGAN, description__startswith="压测申请")
    seqs = list(mine.order_by("number_seq").values_list("number_seq", flat=True))
    numbers = Application.objects.filter(organ__slug=INTAKE_ORGAN).values_list("number", flat=True)
    consecutive = seqs == list(range(seqs[0], seqs[0] + len(seqs))) if seqs else True
    return len(seqs), len(numbers) - len(set(numbers)), consecutive


def bulk_cases(count: int) -> None:
    """`count` applications over the demo's 8 organs, 2 % open, each with registered/confirmed/replied
    events, inserted in bulk (the services would take hours; the pages read the same rows)."""
    from django.db import transaction
    from django.utils import timezone as tz

    from gongkai.applications import crypto
    from gongkai.applications.models import Applicant, Application, ApplicationEvent, Counter
    from gongkai.applications.services.base import refresh_urgency
    from gongkai.organs.models import Organ
    from gongkai.workdays import Calendar

    calendar = Calendar.shipped()
    organs = list(Organ.objects.all())
    rng = random.Random(9)
    token = crypto.encrypt("36098319800101001X")
    digest = crypto.lookup_hash("36098319800101001X")
    outcomes = ["granted", "partially_granted", "unable.not_held", "denied.process_information"]
    seq: dict[tuple[int, int], int] = {}
    from django.db.models import Max

    for row in Application.objects.values("organ_id", "number_year").annotate(m=Max("number_seq")):
        seq[(row["organ_id"], row["number_year"])] = row["m"]
    today = date.today()
    batch = 5000
    made = 0
    while made < count:
        n = min(batch, count - made)
        cases, picks = [], []
        for _ in range(n):
            organ = rng.choice(organs)
            still_open = rng.random() < 0.02  # received in the last six weeks, not yet replied
            received = today - timedelta(days=rng.randint(0, 42 if still_open else 720))
            while not calendar.status(received).workday:
                received -= timedelta(days=1)
            key = (organ.pk, received.year)
            seq[key] = seq.get(key, 0) + 1
            closed = None if still_open else min(calendar.add_workdays(received, rng.randint(2, 19)), today)
            cases.append(
                Application(
                    organ=organ,
                    number=f"{organ.short_name or organ.name}依申〔{received.year}〕{seq[key]}号",
                    number_year=received.year,
                    number_seq=seq[key],
                    query_code=f"B{made + len(cases):011d}",
                    channel="online",
                    status="open" if still_open else "closed",
                    applicant_kind="natural_person",
                    submitted_at=tz.make_aware(dt.datetime.combine(received, dt.time(9))),
                    received_on=received,
                    receipt_basis="网上申请：以双方确认之日为收到申请之日（第三十一条第（三）项）",
                    description="批量生成的申请",
                    wanted_form="electronic",
                    delivery="download",
                    outcome="" if still_open else rng.choice(outcomes),
                    reply_type="" if still_open else "36-2",
                    closed_on=closed,
                )
            )
            picks.append((received, closed))
        with transaction.atomic():
            Application.objects.bulk_create(cases, batch_size=1000)
            Applicant.objects.bulk_create(
                [
                    Applicant(
                        application=c,
                        name="测试",
                        id_type="resident_id",
                        id_number_encrypted=token,
                        id_number_hash=digest,
                        phone="13812345678",
                    )
                    for c in cases
                ],
                batch_size=1000,
            )
            events = []
            for c, (received, closed) in zip(cases, picks, strict=True):
                events.append(ApplicationEvent(application=c, kind="submitted", on=received))
                events.append(ApplicationEvent(application=c, kind="confirmed", on=received))
                if closed:
                    events.append(
                        ApplicationEvent(
                            application=c,
                            kind="replied",
                            on=closed,
                            data={"outcome": c.outcome, "reply_type": "36-2"},
                        )
                    )
            ApplicationEvent.objects.bulk_create(events, batch_size=2000)
            # The services rewrite the queue's derived sort key with each event; bulk rows get it here.
            refresh_urgency([c.pk for c, (_, closed) in zip(cases, picks, strict=True) if closed is None])
        made += n
        print(f"  已生成 {made:,} 件", flush=True)
    for (organ_id, year), value in seq.items():
        Counter.objects.update_or_create(
            organ_id=organ_id, year=year, sequence="registration", defaults={"value": value}
        )


def timed_get(opener, url: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response = opener.open(url, timeout=60)
        response.read()
        assert response.status == 200, url
        times.append((time.perf_counter() - began) * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="gongkai_bench_intake")
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--skip-submissions", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    if not 1024 <= args.port <= 65535:
        parser.error("--port: 应在 1024-65535 之间")

    data_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
        "GONGKAI_DATA_DIR": str(data_dir),
        "GONGKAI_INTAKE_LIMITS": "address=1000000/60,id=1000000/60",
        "GONGKAI_LOG_LEVEL": "WARNING",
        "GONGKAI_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    os.environ.update(env)
    if not args.reuse:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)
    subprocess.run([BIN / "gongkai", "manage", "migrate", "-v0"], check=True, env=env)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gongkai.applications.models import Application
    from gongkai.organs.demo import load_demo

    if not (args.reuse and Application.objects.exists()):
        load_demo()  # the region, its accounts and the demo casework

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "gongkai.wsgi",
            "-b",
            f"127.0.0.1:{args.port}",
            "-w",
            str(args.workers),
            "-k",
            "gthread",
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"gunicorn：{args.workers}个进程 × {args.threads}个线程，PostgreSQL 数据库 {args.db}")
        start = 1
        for clients, total in () if args.skip_submissions else ((50, 500), (200, 600)):
            before, _, _ = check_numbers()
            accepted, elapsed = load_submissions(base, clients, total, start)
            after, duplicates, consecutive = check_numbers()
            start += total
            print(
                f"并发{clients}个客户端：提交{total}件，受理{accepted}件，用时{elapsed:.1f}秒，"
                f"{accepted / elapsed:.1f}件/秒；新增登记{after - before}件，"
                f"丢失{accepted - (after - before)}件，重复编号{duplicates}个，编号连续：{'是' if consecutive else '否'}"
            )

        missing = args.cases - Application.objects.count() if args.reuse else args.cases
        if missing > 0:
            print(f"生成 {missing:,} 件申请……")
            bulk_cases(missing)
        from django.db import connection

        with connection.cursor() as cursor:  # planner statistics, as autovacuum would gather them in use
            cursor.execute("ANALYZE")
        total = Application.objects.count()
        organ_cases = Application.objects.filter(organ__slug="gaoan-jgsw")
        open_cases = organ_cases.exclude(status__in=["closed", "withdrawn", "forwarded"]).count()
        print(
            f"数据库中共 {total:,} 件申请；高安市机关事务管理局 {organ_cases.count():,} 件，其中未办结 {open_cases} 件"
        )
        client = Client()
        client.force_login(get_user_model().objects.get(username="zhuanyuan"))
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", f"sessionid={client.cookies['sessionid'].value}")]
        queue = f"{base}/workspace/o/gaoan-jgsw/applications/"
        timed_get(opener, queue, 5)  # warm up every worker a little
        queue_ms = timed_get(opener, queue, args.runs)
        ids = list(organ_cases.values_list("pk", flat=True)[:5000])
        rng = random.Random(1)
        case_ms = []
        for _ in range(args.runs):
            case_ms += timed_get(opener, f"{base}/workspace/o/gaoan-jgsw/applications/{rng.choice(ids)}/", 1)
        for label, values, target in (("待办队列", queue_ms, 150), ("申请详情页", case_ms, 100)):
            p95 = percentile(values, 95)
            print(
                f"{label}：p50 {statistics.median(values):.0f} 毫秒，p95 {p95:.0f} 毫秒"
                f"（目标 p95 < {target} 毫秒：{'达到' if p95 < target else '未达到'}），{len(values)}次"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
