"""Catalogue at scale on PostgreSQL: `.venv/bin/python bench/catalog.py [--entries 1000000]`.

1. Generates `--entries` published entries (with versions and search-index rows) across 50 organs in the
   database named by BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gongkai_catalog),
   loaded with COPY; an existing database with enough entries is reused.
2. Measures indexing throughput: segmentation alone (jieba and rjieba, same tokens), the bulk load of the
   index, and the services' per-entry path (`index_entry`, one transaction each).
3. Starts gunicorn on 127.0.0.1:8200 and drives three pages, first with one client (the service time), then
   with `--clients` concurrent clients for `--seconds` each: a column list (random page), an entry page, a
   search (random phrase and page). Prints p50/p95 and the machine's load average around each run.

Target (issue 10): p95 under 100 ms for all three. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/gongkai_catalog"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("GONGKAI_DATA_DIR", str(ROOT / "data" / "bench"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gongkai.catalog.choices import Disclosure, EntryStatus, Genre, VersionState  # noqa: E402
from gongkai.catalog.models import CatalogColumn, Entry  # noqa: E402
from gongkai.catalog.search import index as search_index  # noqa: E402
from gongkai.catalog.search.segment import document_tokens  # noqa: E402
from gongkai.catalog.services.columns import setup_catalog  # noqa: E402
from gongkai.core.actors import SYSTEM  # noqa: E402
from gongkai.organs.creditcode import make_code  # noqa: E402
from gongkai.organs.models import Organ, OrganKind  # noqa: E402
from gongkai.organs.services import create_organ  # noqa: E402

ORGANS = 50
TOPICS = (
    "公务用车", "公车改革", "节能降耗", "公共机构节能", "机关事务", "办公用房", "安全生产", "政府采购", "垃圾分类",
    "机关食堂", "国有资产", "会议服务", "物业管理", "绿色出行", "能源资源节约", "节约型机关", "后勤保障",
    "房屋维修", "固定资产清查", "义务教育", "学前教育", "财政预算", "专项资金", "乡村振兴", "社会救助",
    "农村土地承包", "城市更新", "优化营商环境", "数字政府", "河湖长制", "森林防火", "防汛抗旱", "食品安全",
    "医疗保障", "养老服务", "就业创业", "住房保障", "交通运输", "文化旅游", "市场监管",
)  # fmt: skip
KINDS = (
    "通知",
    "公告",
    "实施方案",
    "管理办法",
    "工作总结",
    "工作要点",
    "情况通报",
    "办事指南",
    "统计公报",
    "意见",
)
QUERIES = (
    "机关事务",
    "节能",
    "公车",
    "行政规范性文件",
    "政府采购 结果",
    "安全生产 通报",
    "义务教育",
    "乡村振兴 方案",
)


def log(message: str) -> None:
    print(message, flush=True)


def organs() -> list[Organ]:
    existing = list(Organ.objects.filter(slug__startswith="bench-").order_by("pk"))
    if len(existing) >= ORGANS:
        return existing
    root = Organ.objects.filter(slug="bench-root").first() or create_organ(
        SYSTEM, slug="bench-root", name="测试市人民政府", kind=OrganKind.GOVERNMENT,
        credit_code=make_code("1", "1", "360983", "90000000"),
    )  # fmt: skip
    out = [root]
    for n in range(1, ORGANS):
        slug = f"bench-{n:02d}"
        organ = Organ.objects.filter(slug=slug).first() or create_organ(
            SYSTEM,
            slug=slug,
            name=f"测试市第{n}局",
            parent=root,
            credit_code=make_code("1", "1", "360983", f"9{n:07d}"),
        )
        out.append(organ)
    return out


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def generate(total: int) -> None:
    have = Entry.objects.count()
    if have >= total:
        log(f"复用已有数据：{have}条")
        return
    all_organs = organs()
    for organ in all_organs:
        setup_catalog(SYSTEM, organ)
    leaf = {}
    for organ in all_organs:
        leaf[organ.pk] = list(
            CatalogColumn.objects.filter(organ=organ).exclude(kind="group").values_list("pk", flat=True)
        )
    rng = random.Random(7)
    raw = connection.connection  # psycopg 3 connection
    started = time.perf_counter()
    with connection.cursor() as c:
        c.execute("SELECT coalesce(max(id), 0) FROM catalog_entry")
        next_entry = c.fetchone()[0] + 1
        c.execute("SELECT coalesce(max(id), 0) FROM catalog_entryversion")
        next_version = c.fetchone()[0] + 1
    batch = 50_000
    made = have
    segment_seconds = 0.0
    with raw.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS catalog_search_tsv")
        while made < total:
            size = min(batch, total - made)
            entries, versions, docs = [], [], []
            for i in range(size):
                organ = all_organs[(made + i) % ORGANS]
                column = rng.choice(leaf[organ.pk])
                topic, kind = rng.choice(TOPICS), rng.choice(KINDS)
                day = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 8 * 365))
                when = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
                eid, vid = next_entry + i, next_version + i
                normative = kind == "管理办法"
                title = f"{organ.name}关于{topic}的{kind}"
                doc_number = f"测{organ.pk}发〔{day.year}〕{eid}号"
                summary = f"{organ.name}{day.year}年{topic}相关{'行政规范性文件' if normative else '信息'}。"
                body = f"<p>为做好{topic}工作，现就有关事项{kind}如下。</p><p>请各单位认真贯彻落实。</p>"
                index_number = f"{organ.credit_code}/{day.year}-{eid:07d}"
                entries.append(
                    (
                        eid,
                        organ.pk,
                        column,
                        index_number,
                        EntryStatus.PUBLISHED,
                        when,
                        when,
                        when,
                        vid,
                        "",
                        "",
                    )
                )
                genre = Genre.NORMATIVE if normative else Genre.NOTICE
                versions.append(
                    (vid, eid, 1, VersionState.APPROVED, when, "", 1, title, summary, day, organ.name, doc_number,
                     topic, genre, Disclosure.PROACTIVE, "", "valid" if normative else "", body)
                )  # fmt: skip
                t0 = time.perf_counter()
                title_tokens = document_tokens(f"{title} {doc_number} {index_number}")
                body_tokens = document_tokens(
                    f"{summary} 为做好{topic}工作，现就有关事项{kind}如下。 {topic}"
                )
                segment_seconds += time.perf_counter() - t0
                docs.append(
                    (eid, organ.pk, column, day.year, "valid" if normative else "", title_tokens, body_tokens)
                )
            with raw.transaction():
                _copy(cursor, "catalog_entry", ("id", "organ_id", "column_id", "index_number", "status",
                      "created_at", "first_published_at", "published_at", "published_version_id", "withdrawn_reason",
                      "interpretation_form"), entries)  # fmt: skip
                _copy(cursor, "catalog_entryversion", ("id", "entry_id", "number", "state", "created_at",
                      "change_note", "review_round", "title", "summary", "generated_on", "publisher", "doc_number",
                      "subject", "genre", "disclosure", "withheld_basis", "validity", "body"), versions)  # fmt: skip
                _copy(cursor, "catalog_searchdocument", ("entry_id", "organ_id", "column_id", "year", "validity",
                      "title_tokens", "body_tokens"), docs)  # fmt: skip
            made += size
            next_entry += size
            next_version += size
            rate = (made - have) / (time.perf_counter() - started)
            log(f"  已生成 {made}/{total} 条（{rate:.0f} 条/秒）")
        t0 = time.perf_counter()
        cursor.execute("CREATE INDEX catalog_search_tsv ON catalog_searchdocument USING gin (tsv)")
        gin_seconds = time.perf_counter() - t0
        for table in ("catalog_entry", "catalog_entryversion"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    raw.commit()
    raw.autocommit = True
    with raw.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE"
        )  # as autovacuum would: visibility map for index-only scans, statistics
    raw.autocommit = False
    elapsed = time.perf_counter() - started
    log(
        f"生成 {total - have} 条用时 {elapsed:.0f} 秒（{(total - have) / elapsed:.0f} 条/秒，含分词 "
        f"{segment_seconds:.0f} 秒；GIN 索引建立 {gin_seconds:.0f} 秒）"
    )


def segmentation_speed() -> None:
    import jieba
    import rjieba

    jieba.setLogLevel(60)
    jieba.initialize()
    text = "测试市机关事务管理局关于进一步加强公务用车管理和公共机构节能降耗工作的通知。为深入贯彻条例，做好行政规范性文件管理工作。"
    same = list(jieba.cut_for_search(text)) == rjieba.cut_for_search(text)
    for name, cut in (("jieba", lambda t: list(jieba.cut_for_search(t))), ("rjieba", rjieba.cut_for_search)):
        cut(text)
        n, t0 = 3000, time.perf_counter()
        for _ in range(n):
            cut(text)
        seconds = time.perf_counter() - t0
        log(f"分词 {name:<7} {n / seconds:8.0f} 段/秒（{len(text) * n / seconds / 1e6:.2f} 百万字/秒）")
    log(f"两者切分结果{'相同' if same else '不同'}")


def indexing_throughput(sample: int = 2000) -> None:
    entries = list(
        Entry.objects.filter(status=EntryStatus.PUBLISHED)
        .select_related("published_version")
        .order_by("-pk")[:sample]
    )
    t0 = time.perf_counter()
    for entry in entries:
        with transaction.atomic():
            search_index.index_entry(entry)
    seconds = time.perf_counter() - t0
    log(f"逐条索引（服务路径，每条一个事务）：{len(entries) / seconds:.0f} 条/秒")
    t0 = time.perf_counter()
    with transaction.atomic():
        docs = [search_index.document_for(e, e.published_version.validity) for e in entries]
        search_index.SearchDocument.objects.filter(entry_id__in=[e.pk for e in entries]).delete()
        search_index.store(docs)
    seconds = time.perf_counter() - t0
    log(f"批量索引（重建命令路径）：{len(entries) / seconds:.0f} 条/秒")


def serve(port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ, GONGKAI_ALLOWED_HOSTS="127.0.0.1")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, "gongkai.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", "4",
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/xxgk/search/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn 未能启动")


HITS = [0, 0]  # page cache hits, requests (the X-Catalog-Cache header) of the last load()


def load(port: int, clients: int, seconds: float, make_path) -> list[float]:
    timings: list[float] = []
    errors = [0]
    HITS[:] = [0, 0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(seed: int):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            path = make_path(rng)
            t0 = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            if response.status != 200:
                errors[0] += 1
            with lock:
                HITS[0] += response.getheader("X-Catalog-Cache") == "hit"
                HITS[1] += 1
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors[0]:
        log(f"  注意：{errors[0]} 个请求未返回 200")
    return timings


def in_process(pages, requests: int = 60) -> None:
    """Each page through Django's test client, one at a time: wall time, this process's CPU time (the
    application's share, which does not depend on what else the machine runs) and the queries."""
    from django.db import reset_queries
    from django.test import Client

    from gongkai.catalog import pagecache

    client = Client(SERVER_NAME="127.0.0.1")
    pages = list(pages)
    pages_again = pages
    log(f"进程内单次请求（{requests} 次，墙钟 p50 / 本进程 CPU 均值 / 查询数）：")
    for name, make_path in pages:
        rng = random.Random(11)
        walls, cpus, queries = [], [], 0
        for n in range(requests + 5):
            path = make_path(rng)
            pagecache.pages.clear()  # the uncached page (a miss: the generation read, render, store)
            reset_queries()
            t0, c0 = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            if status != 200:
                log(f"  注意：{path} 返回 {status}")
            if n >= 5:  # the first ones warm the caches
                walls.append(wall * 1000)
                cpus.append(cpu * 1000)
                queries = max(queries, len(captured))
        log(
            f"{name:<10} p50 {statistics.median(walls):6.1f} ms  CPU {statistics.mean(cpus):5.1f} ms  查询 ≤{queries}"
        )
    log("进程内缓存命中（同一路径第二次请求，墙钟 p50 / CPU 均值 / 查询数）：")
    for name, make_path in pages_again:
        rng = random.Random(12)
        walls, cpus, queries = [], [], 0
        for _ in range(requests):
            path = make_path(rng)
            client.get(path)
            t0, c0 = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
            queries = max(queries, len(captured))
            if response.get("X-Catalog-Cache") != "hit":
                log(f"  注意：{path} 未命中缓存")
        log(
            f"{name:<10} p50 {statistics.median(walls):6.2f} ms  CPU {statistics.mean(cpus):5.2f} ms  查询 ≤{queries}"
        )


def report(name: str, timings: list[float], seconds: float) -> None:
    ms = sorted(t * 1000 for t in timings)
    p95 = ms[int(len(ms) * 0.95) - 1] if ms else 0
    hits = f"  缓存命中 {HITS[0] / HITS[1]:4.0%}" if HITS[1] else ""
    log(
        f"{name:<10} 请求 {len(ms):6d}  {len(ms) / seconds:6.0f}/秒  p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms"
        + hits
    )


def _from_set(paths: list[str]):
    return lambda rng: rng.choice(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--skip-indexing", action="store_true", help="no segmentation/indexing figures")
    parser.add_argument("--warm", type=float, default=3, help="seconds of warm-up before each concurrent run")
    parser.add_argument(
        "--hot",
        type=int,
        default=0,
        help="draw each page's paths from a fixed set of this many (0: uniformly over all, as before)",
    )
    args = parser.parse_args()
    log(f"数据库：{connection.settings_dict['NAME']}（PostgreSQL）")
    call_command("migrate", verbosity=0)
    generate(args.entries)
    if not args.skip_indexing:
        segmentation_speed()
        indexing_throughput()
    with connection.cursor() as c:
        c.execute("SELECT organ_id, column_id, count(*) FROM catalog_entry GROUP BY 1, 2")
        columns = c.fetchall()
        c.execute("SELECT min(id), max(id) FROM catalog_entry WHERE status = 'published'")
        low, high = c.fetchone()
    slugs = dict(Organ.objects.values_list("pk", "slug"))
    keys = dict(CatalogColumn.objects.values_list("pk", "key"))

    def column_path(rng):
        organ_id, column_id, count = rng.choice(columns)
        page = rng.randrange(1, max(1, min(count // 20, 500)) + 1)
        return f"/xxgk/{slugs[organ_id]}/c/{keys[column_id]}/?page={page}"

    sample = random.Random(3)
    picked = [sample.randrange(low, high + 1) for _ in range(3000)]
    organ_of = dict(Entry.objects.filter(pk__in=picked).values_list("pk", "organ_id"))
    entry_paths = [f"/xxgk/{slugs[organ_of[pk]]}/e/{pk}/" for pk in picked if pk in organ_of]

    def entry_path(rng):
        return rng.choice(entry_paths)

    def search_path(rng):
        from urllib.parse import quote

        q = rng.choice(QUERIES)
        return f"/xxgk/search/?q={quote(q)}&page={rng.randrange(1, 4)}"

    in_process(
        ((n, m) for n, m in (("栏目列表", column_path), ("信息页", entry_path), ("全文检索", search_path)))
    )
    pages = (("栏目列表", column_path), ("信息页", entry_path), ("全文检索", search_path))
    if args.hot:
        # A hot set: the same N paths of each page, drawn at random (popular pages, as real traffic has).
        hot = random.Random(5)
        pages = tuple((n, _from_set([m(hot) for _ in range(args.hot)])) for n, m in pages)
        log(f"热点路径：每类页面 {args.hot} 个")
    proc = serve(args.port, args.workers)
    try:
        # One client first: the service time of each page, less sensitive to what else runs on the machine.
        log("单个客户端：")
        for name, maker in pages:
            load(args.port, 1, 2, maker)  # warm-up
            report(name, load(args.port, 1, args.seconds / 2, maker), args.seconds / 2)
        log(f"{args.clients} 个并发客户端（gunicorn {args.workers} 进程 × 4 线程）：")
        for name, maker in pages:
            load(args.port, args.clients, args.warm, maker)  # warm-up (fills each worker's page cache)
            before = os.getloadavg()[0]
            report(name, load(args.port, args.clients, args.seconds, maker), args.seconds)
            log(f"  （机器负载 {before:.1f} → {os.getloadavg()[0]:.1f}，{os.cpu_count()} 核）")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
