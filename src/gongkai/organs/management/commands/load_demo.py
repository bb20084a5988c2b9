"""`gongkai manage load_demo`: load the demo region and accounts (idempotent)."""

from django.core.management.base import BaseCommand

from gongkai.organs.demo import ACCOUNTS, PASSWORD, load_demo


class Command(BaseCommand):
    help = "载入演示机关和演示账户（可重复执行）"

    def handle(self, *args, **options):
        region = load_demo()
        self.stdout.write(f"演示数据已就绪：{region.name}；演示账户密码 {PASSWORD}")
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.username:<12} {account.description}")
