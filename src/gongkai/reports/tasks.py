"""Deadline reminders of the annual report (条例第四十九条/第五十条), through the Django tasks framework.

The `send_report_reminders` command (run daily, beside the casework digest) enqueues `send_reminder` for
each organ whose report for the previous year is not yet published and whose deadline is within
`REMIND_DAYS` days (or past): 31 January for departments, 31 March for the government's own report.
"""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django_tasks import task

from gongkai.organs.models import Organ, Role, RoleGrant
from gongkai.reports.models import AnnualReport
from gongkai.reports.region import deadline

REMIND_DAYS = 14  # how many days before the deadline reminders start


def due_organs(today: date) -> list[tuple[Organ, date]]:
    """Organs with an unpublished report for last year whose deadline is within REMIND_DAYS (or past)."""
    year = today.year - 1
    published = set(
        AnnualReport.objects.filter(year=year, versions__isnull=False).values_list("organ_id", flat=True)
    )
    out = []
    for organ in Organ.objects.exclude(pk__in=published).order_by("name"):
        due = deadline(organ, year)
        if (due - today).days <= REMIND_DAYS and today.year == due.year:
            out.append((organ, due))
    return out


def reminder_text(organ: Organ, today: date) -> str:
    due = deadline(organ, today.year - 1)
    left = (due - today).days
    when = f"还有{left}天" if left >= 0 else f"已逾期{-left}天"
    return f"{organ.name}{today.year - 1}年政府信息公开工作年度报告尚未发布，公布期限为{due:%Y年%m月%d日}，{when}。"


@task()
def send_reminder(organ_id: int, today: str) -> int:
    organ = Organ.objects.get(pk=organ_id)
    day = date.fromisoformat(today)
    users = [
        g.user
        for g in RoleGrant.objects.filter(organ=organ, role__in=[Role.CLERK, Role.HEAD]).select_related(
            "user"
        )
        if g.user.is_active and g.user.email
    ]
    if not users:
        return 0
    send_mail(
        subject=f"年度报告提醒：{organ.name}",
        message=reminder_text(organ, day),
        from_email=None,
        recipient_list=[u.email for u in users],
    )
    return len(users)


@task()
def read_import(batch_id: int) -> int:
    """Read, check and match every file of an import batch (`imports.process_batch`)."""
    from gongkai.reports.imports import process_batch

    return process_batch(batch_id)
