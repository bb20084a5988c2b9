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

from django.core.exceptions import PermissionDenied
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


class UserPermissions:
    """What one user may do, computed once from their grants (a few queries), then asked per organ.

    Build a fresh one per request or operation; it does not follow later grant changes.
    """

    def __init__(self, user):
        self.active = _active(user)
        self.superuser = self.active and user.is_superuser
        self.direct: dict[int, set[Action]] = {}
        self.supervised: set[int] = set()
        if not self.active or self.superuser:
            return
        grants = RoleGrant.objects.filter(user=user).select_related("organ", "organ__parent")
        for grant in grants:
            self.direct.setdefault(grant.organ_id, set()).update(ROLE_ACTIONS[grant.role])
            if grant.role == Role.SUPERVISOR:
                self.supervised |= descendant_ids(grant.organ.supervised_root())

    def actions(self, organ: Organ) -> frozenset[Action]:
        if self.superuser:
            return frozenset(Action)
        actions = set(self.direct.get(organ.pk, ()))
        if organ.pk in self.supervised:
            actions |= SUPERVISED_ACTIONS
        return frozenset(actions)

    def visible_ids(self) -> set[int] | None:
        """Ids of the organs the user may see; None means all (system administrator)."""
        return None if self.superuser else set(self.direct) | self.supervised


def allowed_actions(user, organ: Organ) -> frozenset[Action]:
    """Every action `user` may take on `organ`."""
    return UserPermissions(user).actions(organ)


def can(user, action: Action | str, organ: Organ) -> bool:
    return Action(action) in allowed_actions(user, organ)


def visible_organ_ids(user) -> set[int] | None:
    """Ids of the organs `user` may see; None means all (system administrator)."""
    return UserPermissions(user).visible_ids()


def visible_organs(user, perms: UserPermissions | None = None) -> QuerySet[Organ]:
    ids = (perms or UserPermissions(user)).visible_ids()
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
    perms = UserPermissions(user)
    organ = visible_organs(user, perms).filter(**lookup).first()
    if organ is None:
        raise Http404("未找到该机关")
    if Action(action) not in perms.actions(organ):
        raise PermissionDenied("您没有执行此操作的权限")
    return organ


def is_system_admin(user) -> bool:
    return _active(user) and user.is_superuser
