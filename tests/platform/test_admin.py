"""The Django admin is for system administrators only."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditAction, AuditEvent
from gongkai.organs.models import Role, RoleGrant

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
    assert actions == [(AuditAction.ROLE_GRANTED, "admin"), (AuditAction.ROLE_REVOKED, "admin")]


def test_supervisor_grant_on_ordinary_organ_is_refused_in_admin(world, client_for):
    data = {"user": world.users["nobody"].pk, "organ": world.own.pk, "role": Role.SUPERVISOR}
    response = client_for(world.users["admin"]).post("/admin/organs/rolegrant/add/", data)
    assert response.status_code == 200
    assert "只能在主管部门授予" in response.content.decode()
    assert not RoleGrant.objects.filter(user=world.users["nobody"]).exists()
