"""`gongkai manage load_demo`: load the demo region and accounts (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.organs.demo import DemoRefused, account_lines, load_demo


class Command(BaseCommand):
    help = "载入演示机关和演示账户（可重复执行）"

    def handle(self, *args, **options):
        try:
            region = load_demo()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"演示数据已就绪：{region.name}")
        for line in account_lines():
            self.stdout.write(line)
