"""The one place that decides who may see and do what. Views, admin, API and CLI all ask here.

Rules:
- a system administrator (superuser) may do everything;
- a user sees only the organs they hold a role in; a 主管部门 (supervisor) role also opens the subtree the
  supervising organ supervises (`Organ.supervised_root`), read-only;
- 信息公开专员 and 负责人 may edit their organ's details; 审核员 and 主管部门 only read;
- roles are granted and revoked by system administrators only.

Views turn "not visible" into 404 (never 403), so guessing another organ's URL reveals nothing; an
organ that is visible but not writable for the user gives 403.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import QuerySet
from django.http import Http404

from gongkai.organs.models import Organ, Role, RoleGrant, descendant_ids


class Action(StrEnum):
    VIEW = "view"  # see the organ, its dashboard, staff list
    VIEW_AUDIT = "view_audit"  # read its audit trail
    CHANGE = "change"  # edit the organ's details
    MANAGE_ROLES = "manage_roles"  # grant and revoke roles in the organ


# Roles held directly in an organ and the actions they allow there.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.CLERK: frozenset({Action.VIEW, Action.VIEW_AUDIT, Action.CHANGE}),
    Role.REVIEWER: frozenset({Action.VIEW, Action.VIEW_AUDIT}),
    Role.HEAD: frozenset({Action.VIEW, Action.VIEW_AUDIT, Action.CHANGE}),
    Role.SUPERVISOR: frozenset({Action.VIEW, Action.VIEW_AUDIT}),
}
# What a supervisor may do in the organs of the subtree it supervises (read only).
SUPERVISED_ACTIONS = frozenset({Action.VIEW, Action.VIEW_AUDIT})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _grants(user) -> list[RoleGrant]:
    return list(RoleGrant.objects.filter(user=user).select_related("organ", "organ__parent"))


def allowed_actions(user, organ: Organ) -> frozenset[Action]:
    """Every action `user` may take on `organ`."""
    if not _active(user):
        return frozenset()
    if user.is_superuser:
        return frozenset(Action)
    actions: set[Action] = set()
    for grant in _grants(user):
        if grant.organ_id == organ.pk:
            actions |= ROLE_ACTIONS[grant.role]
        if grant.role == Role.SUPERVISOR and organ.pk in descendant_ids(grant.organ.supervised_root()):
            actions |= SUPERVISED_ACTIONS
    return frozenset(actions)


def can(user, action: Action | str, organ: Organ) -> bool:
    return Action(action) in allowed_actions(user, organ)


def visible_organ_ids(user) -> set[int] | None:
    """Ids of the organs `user` may see; None means all (system administrator)."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return None
    ids: set[int] = set()
    for grant in _grants(user):
        ids.add(grant.organ_id)
        if grant.role == Role.SUPERVISOR:
            ids |= descendant_ids(grant.organ.supervised_root())
    return ids


def visible_organs(user) -> QuerySet[Organ]:
    ids = visible_organ_ids(user)
    organs = Organ.objects.select_related("parent")
    return organs if ids is None else organs.filter(pk__in=ids)


def roles_in(user, organ: Organ) -> list[str]:
    """Labels of the roles `user` holds directly in `organ` (for display)."""
    if not _active(user):
        return []
    grants = RoleGrant.objects.filter(user=user, organ=organ).order_by("role")
    return [grant.get_role_display() for grant in grants]


def get_organ_or_404(user, action: Action | str = Action.VIEW, **lookup) -> Organ:
    """The organ matching `lookup` if `user` may see it, else 404; PermissionDenied if seen but not `action`."""
    from django.core.exceptions import PermissionDenied

    organ = visible_organs(user).filter(**lookup).first()
    if organ is None:
        raise Http404("未找到该机关")
    if not can(user, action, organ):
        raise PermissionDenied("您没有执行此操作的权限")
    return organ


def is_system_admin(user) -> bool:
    return _active(user) and user.is_superuser
