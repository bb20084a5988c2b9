"""A small region for the catalogue tests, with one user per role.

Region A: 甲市人民政府 → 甲市人民政府办公室 (主管部门), 甲市机关事务管理局 (`own`: the staff's organ), 甲市祥符镇.
Region B: 乙市人民政府 → 乙市财政局 (`other`). Roles in `own`: clerk, reviewer, reviewer2, head; the
supervisor sits in A's office; `other_clerk` drafts in `other`; `nobody` holds no role; `admin` is superuser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from gongkai.catalog.models import CatalogColumn
from gongkai.catalog.services import entries as services
from gongkai.catalog.services.columns import setup_catalog
from gongkai.core.actors import SYSTEM
from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, OrganKind, Role, RoleGrant
from gongkai.organs.scope import Permissions

USERS = ("clerk", "reviewer", "reviewer2", "head", "supervisor", "other_clerk", "nobody", "admin")


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
    town: Organ
    other: Organ
    users: dict

    def perms(self, name: str) -> Permissions:
        return Permissions(self.users[name])

    def column(self, key: str, organ: Organ | None = None) -> CatalogColumn:
        return CatalogColumn.objects.get(organ=organ or self.own, key=key)

    def draft(
        self, title="关于加强公务用车管理的通知", column="management", by="clerk", organ=None, **fields
    ):
        organ = organ or self.own
        fields.setdefault("generated_on", date(2026, 11, 2))
        fields.setdefault("body", "<p>正文</p>")
        return services.create_entry(self.perms(by), organ, self.column(column, organ), title=title, **fields)

    def draft_by_admin_submitted(self):
        version = self.draft(title="系统管理员起草", by="admin")
        services.submit(self.perms("admin"), version)
        return version

    def publish(self, version, reviewers=("reviewer", "reviewer2", "head")):
        services.submit(
            self.perms("clerk" if version.entry.organ_id == self.own.pk else "other_clerk"), version
        )
        services.attest_secrecy(self.perms(reviewers[0]), version)
        for name in reviewers:
            services.approve(self.perms(name), version)
        version.entry.refresh_from_db()
        return version.entry


def build_region(password: str | None = None) -> Region:
    gov = organ("jia", "甲市人民政府", 1, kind=OrganKind.GOVERNMENT)
    office = organ("jia-office", "甲市人民政府办公室", 2, gov, is_supervising=True)
    own = organ("jia-jgsw", "甲市机关事务管理局", 3, gov, short_name="市机关事务局")
    town = organ("jia-xf", "甲市祥符镇人民政府", 4, gov, kind=OrganKind.TOWNSHIP)
    gov_b = organ("yi", "乙市人民政府", 5, kind=OrganKind.GOVERNMENT)
    other = organ("yi-finance", "乙市财政局", 6, gov_b)
    model = get_user_model()
    users = {}
    for name in USERS:
        users[name] = model.objects.create_user(
            username=name, password=password, last_name=name[:1].upper(), first_name=name
        )
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    for name, where, role in (
        ("clerk", own, Role.CLERK),
        ("reviewer", own, Role.REVIEWER),
        ("reviewer2", own, Role.REVIEWER),
        ("head", own, Role.HEAD),
        ("supervisor", office, Role.SUPERVISOR),
        ("other_clerk", other, Role.CLERK),
    ):
        RoleGrant.objects.create(user=users[name], organ=where, role=role)
    for o in (gov, office, own, town, gov_b, other):
        setup_catalog(SYSTEM, o)
    return Region(gov, office, own, town, other, users)


@pytest.fixture
def region(db) -> Region:
    return build_region()
