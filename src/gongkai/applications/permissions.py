"""Who may do what with applications: this app's actions and role table (a `RolePolicy` on the organ-scope
core, `gongkai.organs.scope`) and the pair selector + predicate.

| role (in the case's organ) | view | handle (intake, notices, reply…) | approve extension | configure | personal data |
|---|---|---|---|---|---|
| 信息公开专员 clerk | ✓ | ✓ | – | ✓ | cases assigned to them, or not yet assigned |
| 负责人 head | ✓ | ✓ | ✓ | ✓ | ✓ |
| 审核员 reviewer | ✓ | – | – | – | masked |
| 主管部门 (the organs it supervises) | ✓ | – | – | – | masked |
| 系统管理员, SYSTEM | ✓ | ✓ | ✓ | ✓ | masked (they handle no case) |

A case the user may not view is 404 everywhere; viewed but not actionable is 403 (`require`).
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Organ, Role
from gongkai.organs.scope import RolePolicy


class CaseAction(StrEnum):
    VIEW = "view"
    HANDLE = "handle"
    APPROVE_EXTENSION = "approve_extension"
    CONFIGURE = "configure"


POLICY = RolePolicy(
    "applications",
    CaseAction,
    roles={
        Role.CLERK: {CaseAction.VIEW, CaseAction.HANDLE, CaseAction.CONFIGURE},
        Role.HEAD: {CaseAction.VIEW, CaseAction.HANDLE, CaseAction.APPROVE_EXTENSION, CaseAction.CONFIGURE},
        Role.REVIEWER: {CaseAction.VIEW},
        Role.SUPERVISOR: {CaseAction.VIEW},
    },
    supervised={CaseAction.VIEW},
)

REFUSALS = {
    CaseAction.VIEW: "您无权查看本机关的政府信息公开申请",
    CaseAction.HANDLE: "您无权办理政府信息公开申请（需要信息公开专员或负责人角色）",
    CaseAction.APPROVE_EXTENSION: "延期答复须经政府信息公开工作机构负责人批准（需要负责人角色）",
    CaseAction.CONFIGURE: "您无权修改本机关的依申请公开设置",
}


def _organ_id(obj) -> int | None:
    if isinstance(obj, Organ):
        return obj.pk
    if isinstance(obj, int):
        return obj
    return getattr(obj, "organ_id", None)


def cases_for(perms, action: CaseAction = CaseAction.VIEW) -> QuerySet:
    """The applications where `perms` allows `action` (the selector of the pair)."""
    from gongkai.applications.models import Application

    return POLICY.filter(Application.objects.all(), perms, action, organ_field="organ")


def can(perms, action: CaseAction | str, obj) -> bool:
    """May `perms` take `action` on `obj` (a case, an organ or an organ id)? (the predicate of the pair)"""
    return POLICY.allows(perms, action, _organ_id(obj))


def require(perms, action: CaseAction | str, obj) -> None:
    """404 when `perms` may not even view the organ's cases; PermissionDenied (with the reason) when seen
    but `action` is not allowed."""
    organ_id = _organ_id(obj)
    if not POLICY.allows(perms, CaseAction.VIEW, organ_id):
        raise Http404("未找到该申请")
    if not POLICY.allows(perms, action, organ_id):
        raise PermissionDenied(REFUSALS[CaseAction(action)])


def may_see_personal_data(perms, case) -> bool:
    """The clerk handling the case (any clerk while it is unassigned) and the organ's head. Nobody else, not
    the system administrator or SYSTEM: they handle no case."""
    if perms is SYSTEM or perms is None or not getattr(perms, "active", False):
        return False
    roles = perms.roles_in(case.organ_id)
    if Role.HEAD in roles:
        return True
    return Role.CLERK in roles and case.clerk_id in (None, perms.user.pk)


def predicate(perms, action: str, obj) -> bool:
    """For `user.has_perm("applications.<action>", obj)` and `{% can %}`."""
    return action in set(CaseAction) and POLICY.allows(perms, action, _organ_id(obj))
