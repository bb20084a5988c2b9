"""Rebuild the catalogue's full-text index from the published entries (both engines)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from gongkai.catalog.search.rebuild import rebuild


class Command(BaseCommand):
    help = "重建主动公开目录的全文检索索引"

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000, help="每批处理的条目数（默认2000）")

    def handle(self, *args, batch: int, **options):
        started = time.perf_counter()
        count = rebuild(batch=batch)
        seconds = time.perf_counter() - started
        rate = count / seconds if seconds else 0
        self.stdout.write(f"已重建检索索引：{count}条，用时{seconds:.1f}秒（{rate:.0f}条/秒）")
