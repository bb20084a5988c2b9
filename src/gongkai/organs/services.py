"""Service functions: the only way organs and role grants change. Each one checks permission, validates,
writes and appends the audit event in one transaction, so there is no change without its audit row.

`actor` is the request's permissions object (`gongkai.organs.scope.for_request(request)`) or `SYSTEM`
(`gongkai demo`, management commands run by an operator with shell access); a missing actor raises
`MissingActorError`. The client address and browser come from the audit context the middleware sets.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.audit.services import record
from gongkai.core.actors import SYSTEM, actor_user, require_actor
from gongkai.core.textinput import clean_changes
from gongkai.organs.models import Organ, Role, RoleGrant
from gongkai.organs.permissions import Action, can
from gongkai.organs.verbs import OrganVerb

# Details staff of the organ itself maintain; the structural fields are the system administrator's.
STAFF_EDITABLE_FIELDS = (
    "short_name",
    "address",
    "postcode",
    "phone",
    "email",
    "office_hours",
    "doc_number_prefix",
)
ADMIN_EDITABLE_FIELDS = (
    "parent",
    "kind",
    "name",
    "slug",
    "credit_code",
    "is_supervising",
    "sort_order",
    *STAFF_EDITABLE_FIELDS,
)


def _is_admin(actor) -> bool:
    return actor is SYSTEM or actor.superuser


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("您没有执行此操作的权限")


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value for the audit `changes`."""
    if isinstance(value, Organ):
        return value.name
    return value


def create_organ(actor, **fields) -> Organ:
    _require(_is_admin(require_actor(actor)))
    unknown = set(fields) - set(ADMIN_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "该字段不存在或不可设置" for name in sorted(unknown)})
    fields = clean_changes(Organ, fields)
    with transaction.atomic():
        organ = Organ(**fields)
        organ.full_clean()
        organ.save()
        changes = {name: [None, _plain(getattr(organ, name))] for name in sorted(fields)}
        record(OrganVerb.ORGAN_CREATED, actor=actor_user(actor), organ=organ, obj=organ, changes=changes)
    return organ


def editable_fields(actor, organ: Organ) -> tuple[str, ...]:
    """The fields `actor` may change on `organ` (empty: none)."""
    if _is_admin(require_actor(actor)):
        return ADMIN_EDITABLE_FIELDS
    return STAFF_EDITABLE_FIELDS if can(actor, Action.CHANGE, organ) else ()


def update_organ(actor, organ: Organ, **changes) -> dict[str, list[Any]]:
    """Apply `changes` to `organ`; returns the audited {field: [old, new]} (empty if nothing changed)."""
    allowed = editable_fields(actor, organ)
    _require(bool(allowed))
    changes = clean_changes(Organ, changes)  # ValidationError naming any unknown field
    forbidden = sorted(set(changes) - set(allowed))
    if forbidden:
        labels = "、".join(str(Organ._meta.get_field(n).verbose_name) for n in forbidden)
        raise PermissionDenied(f"您无权修改以下字段：{labels}")
    with transaction.atomic():
        current = Organ.objects.select_for_update().get(pk=organ.pk)
        diff: dict[str, list[Any]] = {}
        for name, new in changes.items():
            old = getattr(current, name)
            if old != new:
                diff[name] = [_plain(old), _plain(new)]
                setattr(current, name, new)
        if not diff:
            return {}
        current.full_clean()
        current.save(update_fields=list(diff))
        record(OrganVerb.ORGAN_UPDATED, actor=actor_user(actor), organ=current, obj=current, changes=diff)
    for name in diff:
        setattr(organ, name, getattr(current, name))
    return diff


def grant_role(actor, user, organ: Organ, role: Role | str) -> RoleGrant:
    """Give `user` `role` in `organ` (idempotent: an existing grant is returned unchanged, not re-audited)."""
    _require(can(require_actor(actor), Action.MANAGE_ROLES, organ))
    role = Role(role)
    with transaction.atomic():
        existing = RoleGrant.objects.filter(user=user, organ=organ, role=role).first()
        if existing:
            return existing
        grant = RoleGrant(user=user, organ=organ, role=role, granted_by=actor_user(actor))
        grant.full_clean()
        grant.save()
        record(
            OrganVerb.ROLE_GRANTED,
            actor=actor_user(actor),
            organ=organ,
            obj=grant,
            changes={"user": [None, user.get_username()], "role": [None, role.label]},
        )
    return grant


def revoke_role(actor, grant: RoleGrant) -> None:
    _require(can(require_actor(actor), Action.MANAGE_ROLES, grant.organ))
    with transaction.atomic():
        record(
            OrganVerb.ROLE_REVOKED,
            actor=actor_user(actor),
            organ=grant.organ,
            obj=grant,
            changes={"user": [grant.user.get_username(), None], "role": [grant.get_role_display(), None]},
        )
        grant.delete()
