"""Fixtures for the casework tests: one region with two organs, a foreign region, one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, OrganKind, Role, RoleGrant
from gongkai.organs.scope import Permissions

PERSON = {
    "applicant_kind": "natural_person",
    "name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "email": "zhangsan@example.com",
    "address": "江西省高安市瑞州路8号",
    "postcode": "330800",
    "description": "2025年本局公务用车购置和运行维护费用明细",
    "document_hint": "",
    "wanted_form": "electronic",
    "delivery": "email",
}
COMPANY = {
    **PERSON,
    "applicant_kind": "commercial_enterprise",
    "name": "高安市某某建材有限公司",
    "id_type": "",
    "id_number": "",
    "credit_code": make_code("9", "1", "360983", "12345678"),
    "legal_representative": "李四",
    "contact_person": "王五",
}


def organ(slug, name, number, parent=None, **extra) -> Organ:
    return Organ.objects.create(
        slug=slug,
        name=name,
        parent=parent,
        credit_code=make_code("1", "1", "360983", f"{number:08d}"),
        kind=extra.pop("kind", OrganKind.DEPARTMENT),
        **extra,
    )


@dataclass
class Region:
    gov: Organ
    office: Organ
    own: Organ
    sibling: Organ
    foreign: Organ
    users: dict

    def perms(self, name: str) -> Permissions:
        return Permissions(self.users[name])


ROLES = (
    "clerk",
    "clerk2",
    "head",
    "reviewer",
    "supervisor",
    "sibling_clerk",
    "foreign_clerk",
    "nobody",
    "admin",
)


@pytest.fixture
def region(db, settings, tmp_path) -> Region:
    settings.GONGKAI_PRIVATE_DIR = tmp_path / "private"
    gov = organ("gaoan", "高安市人民政府", 1, kind=OrganKind.GOVERNMENT)
    office = organ("gaoan-office", "高安市人民政府办公室", 2, gov, is_supervising=True)
    own = organ("gaoan-jgsw", "高安市机关事务管理局", 3, gov, short_name="高机管")
    sibling = organ("gaoan-cz", "高安市财政局", 4, gov, short_name="高财")
    foreign_gov = organ("yi", "乙市人民政府", 5, kind=OrganKind.GOVERNMENT)
    foreign = organ("yi-cz", "乙市财政局", 6, foreign_gov)
    model = get_user_model()
    users = {name: model.objects.create_user(username=name, password=None) for name in ROLES}
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    for name, where, role in (
        ("clerk", own, Role.CLERK),
        ("clerk2", own, Role.CLERK),
        ("head", own, Role.HEAD),
        ("reviewer", own, Role.REVIEWER),
        ("supervisor", office, Role.SUPERVISOR),
        ("sibling_clerk", sibling, Role.CLERK),
        ("foreign_clerk", foreign, Role.CLERK),
    ):
        RoleGrant.objects.create(user=users[name], organ=where, role=role)
    return Region(gov, office, own, sibling, foreign, users)


@pytest.fixture
def received_case(region):
    """An in-person application received on 2026-09-24 (Thursday before 国庆), handled by `clerk`."""
    from gongkai.applications.services import cases

    return cases.register(
        region.perms("clerk"), region.own, dict(PERSON), "in_person", submitted_on=date(2026, 9, 24)
    )
