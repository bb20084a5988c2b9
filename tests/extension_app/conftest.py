"""One organ with a head, a reviewer and a clerk; another organ nobody here holds a role in."""

import pytest
from django.contrib.auth import get_user_model

from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, OrganKind, Role, RoleGrant


@pytest.fixture
def place(db):
    gov = Organ.objects.create(
        slug="gaoan",
        name="高安市人民政府",
        kind=OrganKind.GOVERNMENT,
        credit_code=make_code("1", "1", "360983", "00000001"),
    )
    own = Organ.objects.create(
        slug="gaoan-jgsw",
        name="高安市机关事务管理局",
        parent=gov,
        credit_code=make_code("1", "1", "360983", "00000002"),
    )
    other = Organ.objects.create(
        slug="yi-finance", name="乙市财政局", credit_code=make_code("1", "1", "360983", "00000003")
    )
    users = {
        name: get_user_model().objects.create_user(username=name, password=None)
        for name in ("head", "reviewer", "clerk")
    }
    for name, role in (("head", Role.HEAD), ("reviewer", Role.REVIEWER), ("clerk", Role.CLERK)):
        RoleGrant.objects.create(user=users[name], organ=own, role=role)
    return {"gov": gov, "own": own, "other": other, "users": users}
