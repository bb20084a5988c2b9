"""Every kind of admin change leaves an audit event (security review M3): group membership and model
permissions, `date_joined`, groups created, changed and deleted, and the unlock of a locked-out account."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from gongkai.accounts.verbs import AccountVerb
from gongkai.audit.models import AuditEvent


@pytest.fixture
def admin_client(world, client_for):
    return client_for(world.users["admin"])


def user_form(user, **extra) -> dict:
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "is_active": "on",
        "date_joined_0": f"{joined:%Y-%m-%d}", "date_joined_1": f"{joined:%H:%M:%S}",
        "initial-date_joined_0": f"{joined:%Y-%m-%d}", "initial-date_joined_1": f"{joined:%H:%M:%S}",
    }  # fmt: skip
    if user.last_login:  # the form shows it too: post it unchanged
        seen = timezone.localtime(user.last_login)
        data |= {"last_login_0": f"{seen:%Y-%m-%d}", "last_login_1": f"{seen:%H:%M:%S}"}
        data |= {"initial-last_login_0": data["last_login_0"], "initial-last_login_1": data["last_login_1"]}
    return data | extra


def test_group_membership_and_model_permissions_are_audited(world, admin_client):
    clerk = world.users["clerk"]
    group = Group.objects.create(name="网站编辑")
    permission = Permission.objects.get(codename="change_organ")
    data = user_form(clerk, groups=[group.pk], user_permissions=[permission.pk])
    response = admin_client.post(f"/admin/accounts/user/{clerk.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action=AccountVerb.USER_UPDATED)
    assert event.changes == {"groups": [[], ["网站编辑"]], "user_permissions": [[], ["organs.change_organ"]]}
    assert (event.actor_username, event.object_repr) == ("admin", "clerk")
    # Taking them away again is a second event.
    admin_client.post(f"/admin/accounts/user/{clerk.pk}/change/", user_form(clerk))
    latest = AuditEvent.objects.filter(action=AccountVerb.USER_UPDATED).order_by("-id").first()
    assert latest.changes == {"groups": [["网站编辑"], []], "user_permissions": [["organs.change_organ"], []]}


def test_rewriting_date_joined_is_audited(world, admin_client):
    clerk = world.users["clerk"]
    before = timezone.localtime(clerk.date_joined)
    data = user_form(clerk, date_joined_0="2020-01-01", date_joined_1="08:00:00")
    assert admin_client.post(f"/admin/accounts/user/{clerk.pk}/change/", data).status_code == 302
    event = AuditEvent.objects.get(action=AccountVerb.USER_UPDATED)
    old, new = event.changes["date_joined"]
    assert timezone.datetime.fromisoformat(old) == before.replace(microsecond=before.microsecond)
    assert (
        timezone.localtime(timezone.datetime.fromisoformat(new)).strftime("%Y-%m-%d %H:%M")
        == "2020-01-01 08:00"
    )
    assert set(event.changes) == {"date_joined"}


def test_groups_created_changed_and_deleted_are_audited(admin_client):
    permission = Permission.objects.get(codename="view_organ")
    response = admin_client.post(
        "/admin/auth/group/add/", {"name": "审计查看", "permissions": [permission.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = Group.objects.get(name="审计查看")
    created = AuditEvent.objects.get(action=AccountVerb.GROUP_CREATED)
    assert created.changes == {"name": [None, "审计查看"], "permissions": [[], ["organs.view_organ"]]}
    admin_client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "审计查看组", "permissions": []})
    changed = AuditEvent.objects.get(action=AccountVerb.GROUP_UPDATED)
    assert changed.changes == {"name": ["审计查看", "审计查看组"], "permissions": [["organs.view_organ"], []]}
    assert admin_client.post(f"/admin/auth/group/{group.pk}/delete/", {"post": "yes"}).status_code == 302
    deleted = AuditEvent.objects.get(action=AccountVerb.GROUP_DELETED)
    assert deleted.changes == {"name": ["审计查看组", None]}
    assert not Group.objects.exists()


def locked(username: str) -> AccessAttempt:
    return AccessAttempt.objects.create(
        username=username, ip_address="10.0.0.7", user_agent="Pytest/1", failures_since_start=5,
        get_data="", post_data="", path_info="/workspace/login/", http_accept="",
    )  # fmt: skip


def test_unlocking_an_account_in_the_admin_is_audited(admin_client):
    attempt = locked("shenhe")
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    event = AuditEvent.objects.get(action=AccountVerb.UNLOCKED)
    assert event.changes == {"username": ["shenhe", None], "failures": [5, 0]}
    assert event.actor_username == "admin"
    assert event.action_label == "解除登录锁定"


def test_bulk_unlock_records_one_event_per_account(admin_client):
    attempts = [locked("shenhe"), locked("fuzeren")]
    data = {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"}
    assert admin_client.post("/admin/axes/accessattempt/", data).status_code == 302
    names = sorted(e.changes["username"][0] for e in AuditEvent.objects.filter(action=AccountVerb.UNLOCKED))
    assert names == ["fuzeren", "shenhe"]
    assert not AccessAttempt.objects.exists()
