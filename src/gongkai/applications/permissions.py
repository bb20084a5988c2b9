"""Who may do what with applications, on the organ-scope core (`gongkai.organs.permissions`).

| role (in the case's organ) | view | handle (intake, notices, reply…) | approve extension | settings | personal data |
|---|---|---|---|---|---|
| 信息公开专员 clerk | ✓ | ✓ | – | ✓ | cases assigned to them, or not yet assigned |
| 负责人 head | ✓ | ✓ | ✓ | ✓ | ✓ |
| 审核员 reviewer | ✓ | – | – | – | masked |
| 主管部门 (supervised organs) | ✓ | – | – | – | masked |
| 系统管理员 | ✓ | ✓ | ✓ | ✓ | masked (handles no case) |

A case the user may not view is 404 everywhere; viewed but not actionable is 403. The pair for lists and one
object: `cases_for(perms, action)` (a QuerySet) and `can(perms, action, organ)` / `may_see_personal_data`.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.organs.models import Role
from gongkai.organs.permissions import UserPermissions


class CaseAction(StrEnum):
    VIEW = "applications.view"
    HANDLE = "applications.handle"
    APPROVE_EXTENSION = "applications.approve_extension"
    CONFIGURE = "applications.configure"


ROLE_POLICY: dict[str, frozenset[CaseAction]] = {
    Role.CLERK: frozenset({CaseAction.VIEW, CaseAction.HANDLE, CaseAction.CONFIGURE}),
    Role.HEAD: frozenset(
        {CaseAction.VIEW, CaseAction.HANDLE, CaseAction.APPROVE_EXTENSION, CaseAction.CONFIGURE}
    ),
    Role.REVIEWER: frozenset({CaseAction.VIEW}),
    Role.SUPERVISOR: frozenset({CaseAction.VIEW}),
}
SUPERVISED_POLICY = frozenset({CaseAction.VIEW})

REFUSALS = {
    CaseAction.VIEW: "您无权查看本机关的政府信息公开申请",
    CaseAction.HANDLE: "您无权办理政府信息公开申请（需要信息公开专员或负责人角色）",
    CaseAction.APPROVE_EXTENSION: "延期答复须经政府信息公开工作机构负责人批准（需要负责人角色）",
    CaseAction.CONFIGURE: "您无权修改本机关的依申请公开设置",
}


class CasePermissions:
    """The request user's casework permissions, built once per request on the core's role scope."""

    def __init__(self, user, core: UserPermissions | None = None):
        self.user = user
        self.core = core or UserPermissions(user)

    @property
    def superuser(self) -> bool:
        return self.core.superuser

    def roles(self, organ_id: int) -> set[str]:
        return {grant.role for grant in self.core.roles.get(organ_id, ())}

    def actions(self, organ) -> frozenset[CaseAction]:
        if self.core.superuser:
            return frozenset(CaseAction)
        organ_id = organ if isinstance(organ, int) else organ.pk
        out: set[CaseAction] = set()
        for role in self.roles(organ_id):
            out |= ROLE_POLICY.get(role, frozenset())
        if organ_id in self.core.supervised:
            out |= SUPERVISED_POLICY
        return frozenset(out)

    def can(self, action: CaseAction, organ) -> bool:
        return CaseAction(action) in self.actions(organ)

    def require(self, action: CaseAction, organ) -> None:
        """PermissionDenied with a Chinese reason; 404 when the user may not even view the organ's cases."""
        actions = self.actions(organ)
        if CaseAction.VIEW not in actions:
            raise Http404("未找到该申请")
        if CaseAction(action) not in actions:
            raise PermissionDenied(REFUSALS[CaseAction(action)])

    def organ_ids(self, action: CaseAction) -> set[int] | None:
        """Ids of organs where `action` is allowed; None = all (system administrator)."""
        if self.core.superuser:
            return None
        ids = {pk for pk in self.core.roles if action in self.actions(pk)}
        if action in SUPERVISED_POLICY:
            ids |= self.core.supervised
        return ids

    def may_see_personal_data(self, case) -> bool:
        """The clerk handling the case (or any clerk while unassigned) and the organ's head."""
        roles = self.roles(case.organ_id)
        if Role.HEAD in roles:
            return True
        return Role.CLERK in roles and case.clerk_id in (None, self.user.pk)


def for_request(request) -> CasePermissions:
    perms = getattr(request, "_gongkai_case_permissions", None)
    if perms is None:
        from gongkai.organs.permissions import for_request as core_for_request

        perms = request._gongkai_case_permissions = CasePermissions(request.user, core_for_request(request))
    return perms


def cases_for(perms: CasePermissions, action: CaseAction = CaseAction.VIEW) -> QuerySet:
    from gongkai.applications.models import Application

    ids = perms.organ_ids(action)
    cases = Application.objects.all()
    return cases if ids is None else cases.filter(organ_id__in=ids)
