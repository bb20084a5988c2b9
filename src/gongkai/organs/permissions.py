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
from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.audit.models import AuditEvent
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
        self.roles: dict[int, list[RoleGrant]] = {}
        self.supervised: set[int] = set()
        if not self.active or self.superuser:
            return
        grants = RoleGrant.objects.filter(user=user).select_related("organ", "organ__parent").order_by("role")
        for grant in grants:
            self.direct.setdefault(grant.organ_id, set()).update(ROLE_ACTIONS[grant.role])
            self.roles.setdefault(grant.organ_id, []).append(grant)
            if grant.role == Role.SUPERVISOR:
                self.supervised |= descendant_ids(grant.organ.supervised_root())

    def actions(self, organ: Organ) -> frozenset[Action]:
        if self.superuser:
            return frozenset(Action)
        actions = set(self.direct.get(organ.pk, ()))
        if organ.pk in self.supervised:
            actions |= SUPERVISED_ACTIONS
        return frozenset(actions)

    def can(self, action: Action | str, organ: Organ) -> bool:
        return Action(action) in self.actions(organ)

    def role_labels(self, organ: Organ) -> list[str]:
        """What to show as "my role" in `organ`: the roles held there, else why the organ is visible."""
        labels = [grant.get_role_display() for grant in self.roles.get(organ.pk, ())]
        if labels:
            return labels
        if self.superuser:
            return ["系统管理员"]
        return ["主管部门（只读）"] if organ.pk in self.supervised else []

    def visible_ids(self) -> set[int] | None:
        """Ids of the organs the user may see; None means all (system administrator)."""
        return None if self.superuser else set(self.direct) | self.supervised

    def ids_allowing(self, action: Action) -> set[int] | None:
        """Ids of the organs where the user may take `action`; None means all (system administrator)."""
        if self.superuser:
            return None
        supervised = self.supervised if action in SUPERVISED_ACTIONS else set()
        return {pk for pk, actions in self.direct.items() if action in actions} | supervised


def for_request(request) -> UserPermissions:
    """The request user's permissions, computed once per request and reused by every check in it."""
    perms = getattr(request, "_gongkai_permissions", None)
    if perms is None:
        perms = request._gongkai_permissions = UserPermissions(request.user)
    return perms


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


def visible_events(user, perms: UserPermissions | None = None) -> QuerySet[AuditEvent]:
    """Audit events `user` may read: those of organs where they hold VIEW_AUDIT now, and their own
    events tied to no organ (sign-ins).

    Events the user caused in an organ they no longer hold a role in are not shown: the role is gone.
    """
    events = AuditEvent.objects.select_related("organ")
    ids = (perms or UserPermissions(user)).ids_allowing(Action.VIEW_AUDIT)
    if ids is None:
        return events
    if not _active(user):
        return events.none()
    return events.filter(Q(organ_id__in=ids) | Q(actor=user, organ__isnull=True))


def roles_in(user, organ: Organ) -> list[str]:
    """Labels of the roles `user` holds directly in `organ` (for display)."""
    if not _active(user):
        return []
    grants = RoleGrant.objects.filter(user=user, organ=organ).order_by("role")
    return [grant.get_role_display() for grant in grants]


def get_organ_or_404(user, action: Action | str = Action.VIEW, **lookup) -> Organ:
    """The organ matching `lookup` if `user` may see it, else 404; PermissionDenied if seen but not `action`.

    `user` may also be an already built `UserPermissions` (a view reusing the request's).
    """
    perms = user if isinstance(user, UserPermissions) else UserPermissions(user)
    organ = visible_organs(None, perms).filter(**lookup).first()
    if organ is None:
        raise Http404("未找到该机关")
    if Action(action) not in perms.actions(organ):
        raise PermissionDenied("您没有执行此操作的权限")
    return organ


def is_system_admin(user) -> bool:
    return _active(user) and user.is_superuser
