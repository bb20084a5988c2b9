"""The daily reminder command: organs whose report for last year is unpublished near the deadline."""

from __future__ import annotations

from datetime import date

from django.core import mail
from django.core.management import call_command

from gongkai.reports.tasks import due_organs, reminder_text


def test_departments_before_31_january_governments_before_31_march(region, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    region.users["clerk"].email = "clerk@example.org"
    region.users["clerk"].save()
    in_january = {o.slug for o, _ in due_organs(date(2026, 1, 20))}
    assert region.own.slug in in_january and region.gov.slug not in in_january
    in_march = {o.slug for o, _ in due_organs(date(2026, 3, 20))}
    assert region.gov.slug in in_march and region.own.slug in in_march  # overdue: still reminded
    assert reminder_text(region.own, date(2026, 3, 20)).endswith("已逾期48天。")
    assert not due_organs(date(2026, 1, 10))  # more than 14 days before the first deadline
    assert reminder_text(region.own, date(2026, 1, 20)).endswith("公布期限为2026年01月31日，还有11天。")
    call_command("send_report_reminders", "--date", "2026-01-20")
    assert [m.to for m in mail.outbox] == [["clerk@example.org"]]
    assert "高安市机关事务管理局2025年政府信息公开工作年度报告尚未发布" in mail.outbox[0].body
