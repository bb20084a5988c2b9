"""One organ with a head, a reviewer and a clerk; another organ nobody here holds a role in."""

import pytest
from tests.factories import OrganFactory, RoleGrantFactory, UserFactory

from gongkai.organs.models import OrganKind, Role


@pytest.fixture
def place(db):
    gov = OrganFactory(slug="gaoan", name="高安市人民政府", kind=OrganKind.GOVERNMENT)
    own = OrganFactory(slug="gaoan-jgsw", name="高安市机关事务管理局", parent=gov)
    other = OrganFactory(slug="yi-finance", name="乙市财政局")
    users = {name: UserFactory(username=name) for name in ("head", "reviewer", "clerk")}
    for name, role in (("head", Role.HEAD), ("reviewer", Role.REVIEWER), ("clerk", Role.CLERK)):
        RoleGrantFactory(user=users[name], organ=own, role=role)
    return {"gov": gov, "own": own, "other": other, "users": users}
