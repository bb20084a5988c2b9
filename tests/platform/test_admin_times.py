"""The admin shows times in Asia/Shanghai like the workspace, including in object names and axes' logs."""

from __future__ import annotations

from datetime import UTC, datetime

from axes.models import AccessLog

from gongkai.audit.models import AuditEvent
from gongkai.core.actors import SYSTEM
from gongkai.organs import services

# 19:59 UTC is 03:59 the next day in Asia/Shanghai.
WHEN = datetime(2026, 11, 22, 19, 59, 30, tzinfo=UTC)


def test_audit_event_name_is_local_time(world):
    services.update_organ(SYSTEM, world.own, phone="0795-1234567")
    event = AuditEvent.objects.get()
    event.created_at = WHEN  # in memory only: the row itself stays append-only
    assert str(event).startswith("2026-11-23 03:59 ")


def test_audit_event_change_page_has_no_utc_time(world, client):
    services.update_organ(SYSTEM, world.own, phone="0795-1234567")
    event = AuditEvent.objects.get()
    client.force_login(world.users["admin"])
    html = client.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    utc_text = f"{event.created_at.astimezone(UTC):%Y-%m-%d %H:%M}"
    assert utc_text not in html


def test_axes_access_log_names_are_local_and_chinese(world, client):
    log = AccessLog.objects.create(username="clerk", ip_address="127.0.0.1", user_agent="t")
    AccessLog.objects.filter(pk=log.pk).update(attempt_time=WHEN)
    log.refresh_from_db()
    assert str(log) == "clerk 于 2026-11-23 03:59:30 的登录记录"
    client.force_login(world.users["admin"])
    html = client.get("/admin/axes/accesslog/").content.decode()
    assert "+00:00" not in html
    assert "登录记录" in html
    index = client.get("/admin/").content.decode()
    assert "Access logs" not in index and "登录记录" in index
