"""The organ-scope core of every permission decision: which roles a user holds in which organs, and which
organs they supervise. Computed once per request (`for_request`), then asked by each app's policy.

Apps do not put their actions here. Each app declares its own in `<app>/permissions.py` as a `RolePolicy`
(role → actions in the organ where the role is held, plus what a supervisor may do in the subtree it
supervises) and the froide-style pair built on it:

    POLICY = RolePolicy("applications", Action, roles={Role.CLERK: {...}, ...}, supervised={Action.VIEW})

    def cases_for(perms, action) -> QuerySet[Case]: ...   # what the user may see or act on
    def can(perms, action, case) -> bool: ...             # one object

A `Permissions` object is also a service actor: services receive it (or `SYSTEM`) and never rebuild it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet

from gongkai.core import registry
from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Organ, Role, RoleGrant, subtree_ids


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class Permissions:
    """What one user holds, computed from their grants in two queries: the grants, and the supervised
    subtrees (one recursive query). It does not follow later grant changes: build one per request."""

    is_system = False

    def __init__(self, user):
        self.user = user if _active(user) else None
        self.active = self.user is not None
        self.superuser = self.active and bool(user.is_superuser)
        self.roles: dict[int, frozenset[str]] = {}
        self.grants: dict[int, list[RoleGrant]] = {}
        self.supervised: frozenset[int] = frozenset()
        if not self.active or self.superuser:
            return
        grants = list(
            RoleGrant.objects.filter(user=user).select_related("organ", "organ__parent").order_by("role")
        )
        held: dict[int, set[str]] = {}
        roots = []
        for grant in grants:
            held.setdefault(grant.organ_id, set()).add(grant.role)
            self.grants.setdefault(grant.organ_id, []).append(grant)
            if grant.role == Role.SUPERVISOR:
                roots.append(grant.organ.supervised_root().pk)
        self.roles = {pk: frozenset(roles) for pk, roles in held.items()}
        self.supervised = frozenset(subtree_ids(roots))

    def __repr__(self) -> str:
        return f"<Permissions {self.user.get_username() if self.user else 'anonymous'}>"

    def roles_in(self, organ_id: int) -> frozenset[str]:
        """The roles held directly in organ `organ_id`."""
        return self.roles.get(organ_id, frozenset())

    def supervises(self, organ_id: int) -> bool:
        return organ_id in self.supervised

    def organ_ids(self) -> set[int] | None:
        """Ids of every organ in which the user holds a role or that they supervise; None means all."""
        return None if self.superuser else set(self.roles) | set(self.supervised)

    def has(self, permission: str, obj) -> bool:
        """`permission` is "app.action", answered by the app's registered predicate for `obj`."""
        app_label, _, action = permission.partition(".")
        predicate = registry.permission_predicate(app_label)
        return bool(predicate is not None and obj is not None and predicate(self, action, obj))

    def role_labels(self, organ: Organ) -> list[str]:
        """What to show as "my role" in `organ`: the roles held there, else why the organ is visible."""
        labels = [grant.get_role_display() for grant in self.grants.get(organ.pk, ())]
        if labels:
            return labels
        if self.superuser:
            return ["系统管理员"]
        return ["主管部门（只读）"] if organ.pk in self.supervised else []


def for_request(request) -> Permissions:
    """The request user's permissions, computed once per request and reused by every check in it (also by
    `user.has_perm` and `{% can %}`, through the auth backend)."""
    perms = getattr(request, "_gongkai_permissions", None)
    if perms is None:
        perms = request._gongkai_permissions = Permissions(request.user)
        if _active(request.user):
            request.user._gongkai_permissions = perms
    return perms


def for_user(user) -> Permissions:
    """The permissions cached on this user object by `for_request`, else freshly computed."""
    perms = getattr(user, "_gongkai_permissions", None)
    return perms if perms is not None else Permissions(user)


@dataclass(frozen=True)
class RolePolicy:
    """One app's role table: the actions each role allows in the organ where it is held, and the actions a
    supervisor may take in the subtree it supervises. System administrators and SYSTEM may do everything."""

    app_label: str
    actions: type[StrEnum]
    roles: Mapping[str, Iterable[str]]
    supervised: Iterable[str] = field(default_factory=frozenset)

    def __post_init__(self):
        object.__setattr__(self, "roles", {str(r): frozenset(map(str, a)) for r, a in self.roles.items()})
        object.__setattr__(self, "supervised", frozenset(map(str, self.supervised)))

    def _all(self) -> frozenset[str]:
        return frozenset(str(a) for a in self.actions)

    def actions_in(self, perms, organ_id: int | None) -> frozenset[str]:
        """Every action `perms` allows in organ `organ_id`."""
        if perms is SYSTEM or perms.superuser:
            return self._all()
        if organ_id is None or not perms.active:
            return frozenset()
        allowed: set[str] = set()
        for role in perms.roles_in(organ_id):
            allowed |= self.roles.get(role, frozenset())
        if perms.supervises(organ_id):
            allowed |= self.supervised
        return frozenset(allowed)

    def allows(self, perms, action: str, organ_id: int | None) -> bool:
        return str(self.actions(action)) in self.actions_in(perms, organ_id)

    def organ_ids(self, perms, action: str) -> set[int] | None:
        """Ids of the organs where `perms` allows `action`; None means all (system administrator)."""
        action = str(self.actions(action))
        if perms is SYSTEM or perms.superuser:
            return None
        ids = {pk for pk in perms.roles if any(action in self.roles.get(r, ()) for r in perms.roles[pk])}
        if action in self.supervised:
            ids |= set(perms.supervised)
        return ids

    def filter(self, queryset: QuerySet, perms, action: str, organ_field: str = "organ") -> QuerySet:
        """`queryset` narrowed to the rows whose organ (`organ_field`) allows `action`."""
        ids = self.organ_ids(perms, action)
        if ids is None:
            return queryset
        lookup = "pk__in" if organ_field in ("", "pk") else f"{organ_field}__in"
        return queryset.filter(**{lookup: ids})
