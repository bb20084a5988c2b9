"""Demo data of the annual report: a small work log and the last full year compiled for every demo organ
with casework (drafts; the demo clerk publishes them). Idempotent, acting as SYSTEM."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Organ
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, WorkKind, WorkLogEntry

ORGANS = ("gaoan-jgsw", "gaoan-finance", "gaoan-education")
LOG = (
    (4, 8, WorkKind.TRAINING, "积极参加政府办召开的{year}年度政务公开工作培训会"),
    (6, 15, WorkKind.GUIDE_CHANGE, "及时对政务公开指南、目录进行完善、更新"),
    (9, 20, WorkKind.INSPECTION, "配合市政务公开办开展政府网站和政务新媒体季度检查，通报问题2个"),
    (10, 10, WorkKind.RECTIFICATION, "对检查通报的栏目更新不及时问题完成整改"),
)


def load(today: date | None = None) -> None:
    year = (today or timezone.localdate()).year - 1
    for organ in Organ.objects.filter(slug__in=ORGANS):
        for month, day, kind, text in LOG:
            WorkLogEntry.objects.get_or_create(
                organ=organ,
                happened_on=date(year, month, day),
                kind=kind,
                defaults={"text": text.format(year=year)},
            )
        if not AnnualReport.objects.filter(organ=organ, year=year).exists():
            services.compile_report(SYSTEM, organ, year)
