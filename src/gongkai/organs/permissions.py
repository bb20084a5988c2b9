"""The organs app's own policy, on the organ-scope core (`gongkai.organs.scope`):

- a system administrator (superuser) may do everything;
- a user sees only the organs they hold a role in; a 主管部门 (supervisor) role also opens the subtree the
  supervising organ supervises (`Organ.supervised_root`), read-only;
- 信息公开专员 and 负责人 may edit their organ's details; 审核员 and 主管部门 only read;
- roles are granted and revoked by system administrators only.

Views turn "not visible" into 404 (never 403), so guessing another organ's URL reveals nothing; an
organ that is visible but not writable for the user gives 403.

Every function takes the request's `Permissions` (`scope.for_request(request)`) or SYSTEM, never a user.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.organs.models import Organ, Role
from gongkai.organs.scope import RolePolicy


class Action(StrEnum):
    VIEW = "view"  # see the organ, its dashboard, staff list
    VIEW_AUDIT = "view_audit"  # read its audit trail
    CHANGE = "change"  # edit the organ's details
    MANAGE_ROLES = "manage_roles"  # grant and revoke roles in the organ


POLICY = RolePolicy(
    "organs",
    Action,
    roles={
        Role.CLERK: {Action.VIEW, Action.VIEW_AUDIT, Action.CHANGE},
        Role.REVIEWER: {Action.VIEW, Action.VIEW_AUDIT},
        Role.HEAD: {Action.VIEW, Action.VIEW_AUDIT, Action.CHANGE},
        Role.SUPERVISOR: {Action.VIEW, Action.VIEW_AUDIT},
    },
    supervised={Action.VIEW, Action.VIEW_AUDIT},
)


def organs_for(perms, action: Action | str = Action.VIEW) -> QuerySet[Organ]:
    """The organs where `perms` allows `action` (the selector of the pair)."""
    return POLICY.filter(Organ.objects.select_related("parent"), perms, action, organ_field="pk")


def can(perms, action: Action | str, organ: Organ) -> bool:
    """May `perms` take `action` on `organ` (the predicate of the pair)?"""
    return POLICY.allows(perms, action, organ.pk)


def allowed_actions(perms, organ: Organ) -> frozenset[Action]:
    return frozenset(Action(a) for a in POLICY.actions_in(perms, organ.pk))


def predicate(perms, action: str, obj) -> bool:
    """For `user.has_perm("organs.<action>", obj)`: `obj` is an organ or anything with `organ_id`."""
    if action not in set(Action):
        return False
    organ_id = obj.pk if isinstance(obj, Organ) else getattr(obj, "organ_id", None)
    return POLICY.allows(perms, action, organ_id)


def get_organ_or_404(perms, action: Action | str = Action.VIEW, **lookup) -> Organ:
    """The organ matching `lookup` if `perms` may see it, else 404; PermissionDenied if seen but not `action`."""
    organ = organs_for(perms, Action.VIEW).filter(**lookup).first()
    if organ is None:
        raise Http404("未找到该机关")
    if not can(perms, action, organ):
        raise PermissionDenied("您没有执行此操作的权限")
    return organ


def audit_organ_ids(perms) -> set[int] | None:
    """The organ ids whose audit trail `perms` may read (for `gongkai.audit.selectors.visible_events`)."""
    return POLICY.organ_ids(perms, Action.VIEW_AUDIT)
