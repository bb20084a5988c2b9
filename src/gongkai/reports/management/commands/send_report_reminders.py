"""Daily: queue the annual-report deadline reminders (beside `send_due_digest`)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.reports.tasks import due_organs, send_reminder


class Command(BaseCommand):
    help = "为年度报告临近或超过公布期限（部门1月31日、本级政府3月31日）且尚未发布的机关排队发送提醒邮件（每天运行）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        raw = options.get("date")
        try:
            day = date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date“{raw}”不是有效日期，应为 YYYY-MM-DD 格式") from None
        organs = due_organs(day)
        for organ, _due in organs:
            send_reminder.enqueue(organ.pk, day.isoformat())
        self.stdout.write(f"已排队发送年度报告提醒：{len(organs)}个机关（{day:%Y-%m-%d}）")
