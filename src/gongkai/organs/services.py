"""Service functions: the only way organs and role grants change. Each one checks permission, validates,
writes and appends the audit event in one transaction, so there is no change without its audit row.

`actor=None` means the system itself (migrations, `gongkai demo`, management commands run by an operator
with shell access); every web path passes the signed-in user.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.audit.models import AuditAction
from gongkai.audit.services import record
from gongkai.organs.models import Organ, Role, RoleGrant
from gongkai.organs.permissions import Action, can, is_system_admin
from gongkai.textinput import clean_changes

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


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("您没有执行此操作的权限")


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value for the audit `changes`."""
    if isinstance(value, Organ):
        return value.name
    return value


def create_organ(actor, *, request=None, **fields) -> Organ:
    _require(actor is None or is_system_admin(actor))
    unknown = set(fields) - set(ADMIN_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "该字段不存在或不可设置" for name in sorted(unknown)})
    fields = clean_changes(Organ, fields)
    with transaction.atomic():
        organ = Organ(**fields)
        organ.full_clean()
        organ.save()
        changes = {name: [None, _plain(getattr(organ, name))] for name in sorted(fields)}
        record(
            AuditAction.ORGAN_CREATED, actor=actor, request=request, organ=organ, obj=organ, changes=changes
        )
    return organ


def editable_fields(actor, organ: Organ) -> tuple[str, ...]:
    """The fields `actor` may change on `organ` (empty: none)."""
    if actor is None or is_system_admin(actor):
        return ADMIN_EDITABLE_FIELDS
    return STAFF_EDITABLE_FIELDS if can(actor, Action.CHANGE, organ) else ()


def update_organ(actor, organ: Organ, *, request=None, **changes) -> dict[str, list[Any]]:
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
        record(
            AuditAction.ORGAN_UPDATED, actor=actor, request=request, organ=current, obj=current, changes=diff
        )
    for name in diff:
        setattr(organ, name, getattr(current, name))
    return diff


def grant_role(actor, user, organ: Organ, role: Role | str, *, request=None) -> RoleGrant:
    """Give `user` `role` in `organ` (idempotent: an existing grant is returned unchanged, not re-audited)."""
    _require(actor is None or can(actor, Action.MANAGE_ROLES, organ))
    role = Role(role)
    with transaction.atomic():
        existing = RoleGrant.objects.filter(user=user, organ=organ, role=role).first()
        if existing:
            return existing
        grant = RoleGrant(user=user, organ=organ, role=role, granted_by=actor)
        grant.full_clean()
        grant.save()
        record(
            AuditAction.ROLE_GRANTED,
            actor=actor,
            request=request,
            organ=organ,
            obj=grant,
            changes={"user": [None, user.get_username()], "role": [None, role.label]},
        )
    return grant


def revoke_role(actor, grant: RoleGrant, *, request=None) -> None:
    _require(actor is None or can(actor, Action.MANAGE_ROLES, grant.organ))
    with transaction.atomic():
        record(
            AuditAction.ROLE_REVOKED,
            actor=actor,
            request=request,
            organ=grant.organ,
            obj=grant,
            changes={"user": [grant.user.get_username(), None], "role": [grant.get_role_display(), None]},
        )
        grant.delete()
