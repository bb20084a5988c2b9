"""The platform tests' `world`: two small regions and one user per role, built from the factories.

Region A: 甲市人民政府 → 甲市人民政府办公室 (主管部门), 甲市机关事务管理局 (the staff's own organ).
Region B: 乙市人民政府 → 乙市财政局 (another region: "other organ" for every role, supervisor included).

The fixtures are made available to every test by tests/conftest.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.factories import OrganFactory, RoleGrantFactory, UserFactory

from gongkai.organs.models import Organ, OrganKind, Role

ROLE_USERS = ("clerk", "reviewer", "head", "supervisor", "nobody", "admin")


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
    gov_a = OrganFactory(slug="jia", name="甲市人民政府", credit_number=1, kind=OrganKind.GOVERNMENT)
    office_a = OrganFactory(
        slug="jia-office", name="甲市人民政府办公室", credit_number=2, parent=gov_a, is_supervising=True
    )
    own = OrganFactory(
        slug="jia-jgsw",
        name="甲市机关事务管理局",
        credit_number=3,
        parent=gov_a,
        phone="0795-5212588",
        address="甲市人民路1号",
    )
    gov_b = OrganFactory(slug="yi", name="乙市人民政府", credit_number=4, kind=OrganKind.GOVERNMENT)
    other = OrganFactory(
        slug="yi-finance",
        name="乙市财政局",
        credit_number=5,
        parent=gov_b,
        phone="0791-1234567",
        address="乙市解放路2号",
    )
    users = {name: UserFactory(username=name) for name in ROLE_USERS}
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    RoleGrantFactory(user=users["clerk"], organ=own, role=Role.CLERK)
    RoleGrantFactory(user=users["reviewer"], organ=own, role=Role.REVIEWER)
    RoleGrantFactory(user=users["head"], organ=own, role=Role.HEAD)
    RoleGrantFactory(user=users["supervisor"], organ=office_a, role=Role.SUPERVISOR)
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
