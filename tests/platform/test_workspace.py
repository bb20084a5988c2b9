"""Workspace pages: sign-in, lockout, session timeout, organ pages, the edit form and audit search."""

from __future__ import annotations

import ipaddress
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.audit.verbs import AuthVerb
from gongkai.core.actors import SYSTEM
from gongkai.organs import services
from gongkai.organs.scope import Permissions
from gongkai.organs.verbs import OrganVerb

PASSWORD = "Correct-horse-42"
LOGIN = "/workspace/login/"


@pytest.fixture
def clerk(world):
    user = world.users["clerk"]
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, ip="10.0.0.7"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, HTTP_USER_AGENT="Pytest/1"
    )


def test_sign_in_page_is_chinese(db, client):
    page = client.get(LOGIN).content.decode()
    assert "工作人员登录" in page
    assert "用户名" in page and "密码" in page


def test_sign_in_and_out_are_audited(client, clerk):
    response = sign_in(client, "clerk", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")
    login = AuditEvent.objects.get(action=AuthVerb.LOGIN)
    assert (login.actor, login.ip_address, login.user_agent) == (clerk, "10.0.0.7", "Pytest/1")
    assert client.post("/workspace/logout/").status_code == 302
    assert AuditEvent.objects.filter(action=AuthVerb.LOGOUT, actor=clerk).count() == 1
    assert client.get("/workspace/").status_code == 302


def test_wrong_password_gives_chinese_error_and_is_audited(client, clerk):
    response = sign_in(client, "clerk", "wrong")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    failed = AuditEvent.objects.get(action=AuthVerb.LOGIN_FAILED)
    assert (failed.actor, failed.actor_username, failed.ip_address) == (None, "clerk", "10.0.0.7")


def test_five_failures_lock_the_account_even_for_the_right_password(client, clerk):
    for _ in range(5):
        sign_in(client, "clerk", "wrong")
    response = sign_in(client, "clerk", PASSWORD)
    assert response.status_code == 429
    assert "账户已暂时锁定" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuthVerb.LOCKED_OUT, actor_username="clerk").exists()
    assert not AuditEvent.objects.filter(action=AuthVerb.LOGIN).exists()
    # Another address is not locked (the lockout is per user name and address).
    assert sign_in(client, "clerk", PASSWORD, ip="10.0.0.8").status_code == 302


PROXY = "10.9.9.9"


def sign_in_via_proxy(client, password, forwarded_for):
    data = {"username": "clerk", "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_proxy_the_right_most_forwarded_address_is_audited_and_locked(client, clerk, settings):
    settings.GONGKAI_BEHIND_PROXY = True
    settings.GONGKAI_TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]
    for _ in range(5):
        sign_in_via_proxy(client, "wrong", "1.2.3.4, 203.0.113.5")
    failed = AuditEvent.objects.filter(action=AuthVerb.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert sign_in_via_proxy(client, PASSWORD, "203.0.113.5").status_code == 429
    # The proxy's other clients are not locked out with the one that failed.
    assert sign_in_via_proxy(client, PASSWORD, "203.0.113.6").status_code == 302
    assert AuditEvent.objects.get(action=AuthVerb.LOGIN).ip_address == "203.0.113.6"


def test_without_proxy_forwarded_for_is_ignored(client, clerk, settings):
    settings.GONGKAI_BEHIND_PROXY = False
    for _ in range(5):
        sign_in_via_proxy(client, "wrong", "203.0.113.5")
    failed = AuditEvent.objects.filter(action=AuthVerb.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {PROXY}
    # A forged header does not escape the lockout of the real address.
    assert sign_in_via_proxy(client, PASSWORD, "203.0.113.6").status_code == 429


def test_behind_proxy_a_malformed_forwarded_entry_falls_back_to_the_peer(client, clerk, settings):
    settings.GONGKAI_BEHIND_PROXY = True
    settings.GONGKAI_TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]
    sign_in_via_proxy(client, "wrong", "203.0.113.5, not-an-address")
    assert AuditEvent.objects.get(action=AuthVerb.LOGIN_FAILED).ip_address == PROXY


def test_four_failures_do_not_lock(client, clerk):
    for _ in range(4):
        sign_in(client, "clerk", "wrong")
    assert sign_in(client, "clerk", PASSWORD).status_code == 302


def test_idle_session_expires_and_activity_extends_it(client, clerk):
    sign_in(client, "clerk", PASSWORD)
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/workspace/").status_code == 200
    assert Session.objects.get().expire_date - timezone.now() > timedelta(minutes=29)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_home_lists_only_visible_organs_with_roles(world, client_for):
    page = client_for(world.users["clerk"]).get("/workspace/").content.decode()
    assert "甲市机关事务管理局" in page and "信息公开专员" in page
    assert "乙市财政局" not in page and "甲市人民政府办公室" not in page
    page = client_for(world.users["supervisor"]).get("/workspace/").content.decode()
    assert "甲市机关事务管理局" in page and "甲市人民政府" in page
    assert "乙市" not in page


def test_dashboard_shows_placeholders_for_later_modules(world, client_for):
    page = client_for(world.users["reviewer"]).get("/workspace/o/jia-jgsw/").content.decode()
    for module in ("依申请公开", "主动公开", "年度报告"):
        assert module in page
    assert "审核员" in page
    assert "/workspace/o/jia-jgsw/edit/" not in page  # reviewers get no edit link


def test_detail_page_shows_staff_and_audit_events(world, client_for):
    services.update_organ(Permissions(world.users["head"]), world.own, phone="0795-5200009")
    page = client_for(world.users["clerk"]).get("/workspace/o/jia-jgsw/info/").content.decode()
    assert "0795-5212588 → 0795-5200009" in page
    assert "修改机关信息" in page
    for username in ("clerk", "reviewer", "head"):
        assert f"<td>{username}</td>" in page
    assert "负责人" in page and "审核员" in page


def test_edit_form_saves_through_the_service(world, client_for):
    client = client_for(world.users["head"])
    form = client.get("/workspace/o/jia-jgsw/edit/").content.decode()
    assert 'name="phone"' in form and 'name="name"' not in form  # structural fields are not offered
    data = {
        "short_name": "机关事务局",
        "address": world.own.address,
        "postcode": "330800",
        "phone": "0795-5200010",
    }
    response = client.post("/workspace/o/jia-jgsw/edit/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert event.changes == {
        "short_name": ["", "机关事务局"],
        "postcode": ["", "330800"],
        "phone": ["0795-5212588", "0795-5200010"],
    }
    assert event.actor == world.users["head"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "请打电话", "联系电话：联系电话格式不正确"),
        ("postcode", "33080", "邮政编码：邮政编码应为6位数字"),
        ("email", "not-an-email", "电子邮箱："),
    ],
)
def test_edit_form_errors_are_chinese_and_name_the_field(world, client_for, field, value, message):
    data = {"address": world.own.address, "phone": world.own.phone, field: value}
    response = client_for(world.users["clerk"]).post("/workspace/o/jia-jgsw/edit/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "保存失败" in page
    assert message in page
    assert not AuditEvent.objects.filter(action=OrganVerb.ORGAN_UPDATED).exists()


def test_edit_post_cannot_smuggle_structural_fields(world, client_for):
    data = {"phone": world.own.phone, "name": "篡改局", "is_supervising": "on", "parent": world.gov_b.pk}
    client_for(world.users["clerk"]).post("/workspace/o/jia-jgsw/edit/", data)
    world.own.refresh_from_db()
    assert (world.own.name, world.own.is_supervising, world.own.parent) == (
        "甲市机关事务管理局",
        False,
        world.gov_a,
    )


@pytest.fixture
def events(world):
    """One update in each region by different people, on different days."""
    services.update_organ(Permissions(world.users["clerk"]), world.own, phone="0795-5200011")
    services.update_organ(Permissions(world.users["admin"]), world.other, phone="0791-7654321")
    return AuditEvent.objects.order_by("id")


def _rows(page: str) -> int:
    return page.count("<time datetime=")


def test_audit_search_is_filtered_to_visible_organs(world, client_for, events):
    page = client_for(world.users["clerk"]).get("/workspace/audit/").content.decode()
    assert "0795-5200011" in page and "0791-7654321" not in page
    page = client_for(world.users["admin"]).get("/workspace/audit/").content.decode()
    assert "0795-5200011" in page and "0791-7654321" in page


def test_audit_search_by_organ_user_and_date(world, client_for, events):
    client = client_for(world.users["admin"])
    assert _rows(client.get("/workspace/audit/?organ=yi-finance").content.decode()) == 1
    by_user = client.get("/workspace/audit/?user=clerk").content.decode()
    assert "0795-5200011" in by_user and "0791-7654321" not in by_user
    today = timezone.localdate()
    in_range = client.get(f"/workspace/audit/?date_from={today}&date_to={today}").content.decode()
    assert "0795-5200011" in in_range and "0791-7654321" in in_range
    tomorrow = today + timedelta(days=1)
    assert "共 0 条记录" in client.get(f"/workspace/audit/?date_from={tomorrow}").content.decode()
    yesterday = today - timedelta(days=1)
    assert "共 0 条记录" in client.get(f"/workspace/audit/?date_to={yesterday}").content.decode()
    assert "共 0 条记录" not in client.get(f"/workspace/audit/?date_to={today}").content.decode()


def test_audit_search_refuses_an_organ_the_user_cannot_see(world, client_for, events):
    page = client_for(world.users["clerk"]).get("/workspace/audit/?organ=yi-finance").content.decode()
    assert "机关：请选择您有权查看的机关" in page
    assert "0791-7654321" not in page


def test_audit_search_date_errors_name_the_field(world, client_for):
    client = client_for(world.users["clerk"])
    page = client.get("/workspace/audit/?date_from=2025-13-01").content.decode()
    assert "起始日期：起始日期格式不正确" in page
    page = client.get("/workspace/audit/?date_from=2025-05-02&date_to=2025-05-01").content.decode()
    assert "截止日期：截止日期不能早于起始日期" in page


def test_supervisor_reads_subtree_audit_but_not_other_region(world, client_for, events):
    page = client_for(world.users["supervisor"]).get("/workspace/audit/").content.decode()
    assert "0795-5200011" in page and "0791-7654321" not in page


def test_revoked_role_closes_the_organ_and_its_audit_trail(world, client_for):
    clerk = world.users["clerk"]
    services.update_organ(Permissions(clerk), world.own, phone="0795-5200012")
    client = client_for(clerk)
    assert "0795-5200012" in client.get("/workspace/audit/").content.decode()
    services.revoke_role(SYSTEM, clerk.role_grants.get())
    page = client.get("/workspace/audit/").content.decode()
    assert "0795-5200012" not in page
    assert "<td>登录</td>" in page  # their own sign-in stays visible to them
    assert client.get("/workspace/o/jia-jgsw/").status_code == 404


def test_supervising_office_dashboard_lists_the_supervised_organs(world, client_for):
    page = client_for(world.users["supervisor"]).get("/workspace/o/jia-office/").content.decode()
    assert "监督范围内的机关（2个）" in page
    assert 'href="/workspace/o/jia-jgsw/"' in page and 'href="/workspace/o/jia/"' in page
    assert "乙市" not in page
    ordinary = client_for(world.users["supervisor"]).get("/workspace/o/jia-jgsw/").content.decode()
    assert "监督范围内的机关" not in ordinary


def test_dashboard_title_is_plain_text(world, client_for):
    page = client_for(world.users["supervisor"]).get("/workspace/o/jia-office/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith(f"{world.office_a.name} · 工作概览 - ")
    assert "<" not in title and page.count("监督范围内的机关（2个）") == 1
