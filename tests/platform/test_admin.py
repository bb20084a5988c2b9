"""The Django admin is for system administrators only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.accounts.verbs import AccountVerb
from gongkai.audit.models import AuditEvent
from gongkai.organs.models import Role, RoleGrant
from gongkai.organs.verbs import OrganVerb

ADMIN_URLS = ["/admin/", "/admin/organs/organ/", "/admin/organs/rolegrant/", "/admin/audit/auditevent/"]


@pytest.mark.parametrize("url", ADMIN_URLS)
@pytest.mark.parametrize("role", ["anonymous", "clerk", "reviewer", "head", "supervisor", "nobody"])
def test_non_admins_are_sent_to_the_admin_login(world, client_for, role, url):
    response = client_for(None if role == "anonymous" else world.users[role]).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_is_staff_alone_does_not_open_the_admin(world, client_for, url):
    clerk = world.users["clerk"]
    clerk.is_staff = True
    clerk.save()
    assert client_for(clerk).get(url).status_code == 302


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_system_administrator_opens_the_admin(world, client_for, url):
    assert client_for(world.users["admin"]).get(url).status_code == 200


def test_organs_cannot_be_deleted_in_the_admin(world, client_for):
    response = client_for(world.users["admin"]).get(f"/admin/organs/organ/{world.own.pk}/delete/")
    assert response.status_code == 403


def test_users_cannot_be_deleted_in_the_admin_so_grants_stay(world, client_for):
    client = client_for(world.users["admin"])
    clerk = world.users["clerk"]
    grants_before = RoleGrant.objects.filter(user=clerk).count()
    assert grants_before > 0
    assert client.get(f"/admin/accounts/user/{clerk.pk}/delete/").status_code == 403
    assert client.post(f"/admin/accounts/user/{clerk.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [clerk.pk], "post": "yes"}
    client.post("/admin/accounts/user/", bulk)
    assert RoleGrant.objects.filter(user=clerk).count() == grants_before
    assert get_user_model().objects.filter(pk=clerk.pk).exists()


def test_role_grant_added_and_deleted_in_admin_is_audited(world, client_for):
    client = client_for(world.users["admin"])
    data = {"user": world.users["nobody"].pk, "organ": world.own.pk, "role": Role.REVIEWER}
    assert client.post("/admin/organs/rolegrant/add/", data).status_code == 302
    grant = RoleGrant.objects.get(user=world.users["nobody"])
    assert client.post(f"/admin/organs/rolegrant/{grant.pk}/delete/", {"post": "yes"}).status_code == 302
    actions = list(
        AuditEvent.objects.filter(action__startswith="role.")
        .order_by("id")
        .values_list("action", "actor_username")
    )
    assert actions == [(OrganVerb.ROLE_GRANTED, "admin"), (OrganVerb.ROLE_REVOKED, "admin")]


def test_supervisor_grant_on_ordinary_organ_is_refused_in_admin(world, client_for):
    data = {"user": world.users["nobody"].pk, "organ": world.own.pk, "role": Role.SUPERVISOR}
    response = client_for(world.users["admin"]).post("/admin/organs/rolegrant/add/", data)
    assert response.status_code == 200
    assert "只能在主管部门授予" in response.content.decode()
    assert not RoleGrant.objects.filter(user=world.users["nobody"]).exists()


def registered_admin_urls(sample_pk: int) -> list[str]:
    """Every changelist/add/change/history/delete URL of every model registered in the admin."""
    from django.contrib import admin
    from django.urls import reverse

    urls = ["/admin/"]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        urls += [reverse(f"{prefix}_{view}", args=[sample_pk]) for view in ("change", "history", "delete")]
    return urls


@pytest.mark.parametrize("role", ["anonymous", "clerk", "reviewer", "head", "supervisor", "nobody"])
def test_every_registered_admin_url_is_closed_to_non_admins(world, client_for, role):
    client = client_for(None if role == "anonymous" else world.users[role])
    urls = registered_admin_urls(world.own.pk)
    assert len(urls) >= 1 + 5 * 5  # organs, role grants, audit events, users, groups
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/"), url


def test_user_changes_in_admin_are_audited_without_the_password(world, client_for):
    client = client_for(world.users["admin"])
    created = client.post(
        "/admin/accounts/user/add/",
        {"username": "newclerk", "password1": "A-long-pass-2026", "password2": "A-long-pass-2026", "usable_password": "true"},
    )  # fmt: skip
    assert created.status_code == 302
    user = get_user_model().objects.get(username="newclerk")
    event = AuditEvent.objects.get(action=AccountVerb.USER_CREATED)
    assert event.changes["username"] == [None, "newclerk"]
    assert "password" not in event.changes and "A-long-pass-2026" not in str(event.changes)

    changed = client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "Another-pass-2026", "password2": "Another-pass-2026", "usable_password": "true"},
    )
    assert changed.status_code == 302
    event = AuditEvent.objects.get(action=AccountVerb.PASSWORD_CHANGED)
    assert event.changes == {"password": ["（已隐藏）", "（已隐藏）"]}
    assert event.object_id == str(user.pk)


def test_making_someone_superuser_in_admin_is_audited(world, client_for):
    clerk = world.users["clerk"]
    data = {
        "username": "clerk", "first_name": "", "last_name": "", "email": "", "is_active": "on",
        "is_superuser": "on", "date_joined_0": "2026-01-05", "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-01-05", "initial-date_joined_1": "09:00:00",
    }  # fmt: skip
    response = client_for(world.users["admin"]).post(f"/admin/accounts/user/{clerk.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action=AccountVerb.USER_UPDATED)
    assert event.changes == {"is_superuser": [False, True]}
    assert (event.actor_username, event.object_repr) == ("admin", "clerk")
