"""Fixtures for the platform tests: two small regions and one user per role.

Region A: 甲市人民政府 → 甲市人民政府办公室 (主管部门), 甲市机关事务管理局 (the staff's own organ).
Region B: 乙市人民政府 → 乙市财政局 (another region: "other organ" for every role, supervisor included).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, OrganKind, Role, RoleGrant

ROLE_USERS = ("clerk", "reviewer", "head", "supervisor", "nobody", "admin")


def make_organ(slug: str, name: str, number: int, parent: Organ | None = None, **extra) -> Organ:
    return Organ.objects.create(
        slug=slug,
        name=name,
        parent=parent,
        credit_code=make_code("1", "1", "360983", f"{number:08d}"),
        kind=extra.pop("kind", OrganKind.DEPARTMENT),
        **extra,
    )


@dataclass
class World:
    gov_a: Organ
    office_a: Organ
    own: Organ
    gov_b: Organ
    other: Organ
    users: dict


@pytest.fixture
def world(db) -> World:
    gov_a = make_organ("jia", "甲市人民政府", 1, kind=OrganKind.GOVERNMENT)
    office_a = make_organ("jia-office", "甲市人民政府办公室", 2, gov_a, is_supervising=True)
    own = make_organ(
        "jia-jgsw", "甲市机关事务管理局", 3, gov_a, phone="0795-5212588", address="甲市人民路1号"
    )
    gov_b = make_organ("yi", "乙市人民政府", 4, kind=OrganKind.GOVERNMENT)
    other = make_organ("yi-finance", "乙市财政局", 5, gov_b, phone="0791-1234567", address="乙市解放路2号")
    user_model = get_user_model()
    users = {name: user_model.objects.create_user(username=name, password=None) for name in ROLE_USERS}
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    RoleGrant.objects.create(user=users["clerk"], organ=own, role=Role.CLERK)
    RoleGrant.objects.create(user=users["reviewer"], organ=own, role=Role.REVIEWER)
    RoleGrant.objects.create(user=users["head"], organ=own, role=Role.HEAD)
    RoleGrant.objects.create(user=users["supervisor"], organ=office_a, role=Role.SUPERVISOR)
    return World(gov_a, office_a, own, gov_b, other, users)


@pytest.fixture
def client_for(client):
    """client_for(user or None) → the test client signed in as that user (anonymous for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
