"""Each morning: queue one digest e-mail per clerk and head with what is due soon or overdue."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications.tasks import send_digest
from gongkai.organs.models import Role


class Command(BaseCommand):
    help = "为每位信息公开专员和负责人排队发送“即将到期或已逾期”的待办提醒邮件（由 cron 或 systemd 定时器每天早上运行）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        raw = options.get("date")
        try:
            day = date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date“{raw}”不是有效日期，应为 YYYY-MM-DD 格式") from None
        users = (
            get_user_model()
            .objects.filter(is_active=True, role_grants__role__in=[Role.CLERK, Role.HEAD])
            .distinct()
        )
        queued = 0
        for user in users:
            send_digest.enqueue(user.pk, day.isoformat())
            queued += 1
        self.stdout.write(f"已排队发送待办提醒：{queued}人（{day:%Y-%m-%d}）")
