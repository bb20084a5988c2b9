"""Re-derive the work queue's sort key (`Application.clock_due` / `clock_stopped_left`) of every case that
may have a running clock, from its events. The services keep it current with each event; run this after
an upgrade that ships new calendar data (a newly published year's arrangement moves provisional due dates)
or after loading cases in bulk."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.applications.choices import CLOSED_STATUSES, Status
from gongkai.applications.models import Application
from gongkai.applications.services.base import refresh_urgency


class Command(BaseCommand):
    help = "由办理记录重新推算待办队列的排序依据（升级节假日数据或批量导入申请后运行）"

    def handle(self, *args, **options):
        open_statuses = sorted(set(Status) - CLOSED_STATUSES - {Status.PENDING})
        ids = list(Application.objects.filter(status__in=open_statuses).values_list("pk", flat=True))
        changed = refresh_urgency(ids)
        self.stdout.write(f"已重新推算 {len(ids)} 件未办结申请的排序依据，其中 {changed} 件有变化")
