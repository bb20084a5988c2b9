"""The morning digest: a management command that queues one task per clerk; the task e-mails what is due."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from tests.applications.conftest import PERSON

from gongkai.applications.services import cases


def test_digest_lists_overdue_and_due_soon_without_personal_data(region, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    region.users["clerk"].email = "clerk@example.gov.cn"
    region.users["clerk"].save()
    perms = region.perms("clerk")
    late = cases.register(
        perms, region.own, dict(PERSON), "in_person", submitted_on=date(2026, 9, 24), issue_documents=False
    )
    soon = cases.register(
        perms, region.own, dict(PERSON), "in_person", submitted_on=date(2026, 10, 26), issue_documents=False
    )
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_due_digest", "--date", "2026-11-18", stdout=out)
    assert "已排队发送待办提醒" in out.getvalue()
    sent = [m for m in mail.outbox if m.to == ["clerk@example.gov.cn"]]
    assert len(sent) == 1
    body = sent[0].body
    assert late.number in body and "已逾期" in body
    assert soon.number in body and "剩余" in body
    assert PERSON["name"] not in body and PERSON["id_number"] not in body


def test_digest_bad_date_is_a_chinese_error(db):
    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("send_due_digest", "--date", "2026-13-01")
