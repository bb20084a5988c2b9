"""Where a cache-miss render of a public catalogue page spends its CPU, in-process:
`.venv/bin/python bench/catalog_profile.py column|entry|search [--requests 300] [--profile]`.

Uses the database bench/catalog.py generated (BENCH_DATABASE_URL; a small one, e.g. `--entries 20000`, is
enough). Each request goes through Django's test client with the page cache emptied first (a miss; the
organ's navigation stays kept, as in a running process). Prints this process's CPU time per page (mean,
median) and the most queries a page took; `--profile` adds cProfile's listing (CPU time, cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import catalog  # noqa: E402  (sets up Django on the bench database)
from gongkai.catalog import pagecache  # noqa: E402
from gongkai.catalog.models import CatalogColumn, Entry  # noqa: E402
from gongkai.organs.models import Organ  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=("column", "entry", "search"))
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    slugs = dict(Organ.objects.values_list("pk", "slug"))
    keys = dict(CatalogColumn.objects.values_list("pk", "key"))
    with connection.cursor() as c:
        c.execute("SELECT organ_id, column_id, count(*) FROM catalog_entry GROUP BY 1, 2 ORDER BY 1, 2")
        columns = c.fetchall()
    entries = list(Entry.objects.order_by("pk").values_list("pk", "organ_id")[:5000])

    def column(rng):
        organ, col, count = rng.choice(columns)
        return (
            f"/xxgk/{slugs[organ]}/c/{keys[col]}/?page={rng.randrange(1, max(1, min(count // 20, 500)) + 1)}"
        )

    def entry(rng):
        pk, organ = rng.choice(entries)
        return f"/xxgk/{slugs[organ]}/e/{pk}/"

    def search(rng):
        return f"/xxgk/search/?q={quote(rng.choice(catalog.QUERIES))}&page={rng.randrange(1, 4)}"

    make = {"column": column, "entry": entry, "search": search}[args.page]
    client = Client(SERVER_NAME="127.0.0.1")
    rng = random.Random(1)
    for _ in range(20):  # warm-up: templates, URL resolver, each organ's navigation
        pagecache.pages.clear()
        client.get(make(rng))
    cpus, queries = [], 0
    for _ in range(args.requests):
        path = make(rng)
        pagecache.pages.clear()
        c0 = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        cpus.append((time.process_time() - c0) * 1000)
        queries = max(queries, len(captured))
        if status != 200:
            print(f"注意：{path} 返回 {status}")
    print(
        f"{args.page}: CPU mean {statistics.mean(cpus):.2f} ms, median {statistics.median(cpus):.2f} ms, "
        f"queries ≤{queries}"
    )
    if args.profile:
        paths = [make(rng) for _ in range(args.requests)]
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for path in paths:
            pagecache.pages.clear()
            client.get(path)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
