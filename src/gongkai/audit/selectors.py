"""Reading the audit trail."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.audit.models import AuditEvent


def visible_events(organ_ids: set[int] | None, *, user=None) -> QuerySet[AuditEvent]:
    """Events of the organs `organ_ids` (None: every event), plus `user`'s own events tied to no organ
    (sign-ins). The caller's policy decides the ids, e.g. `organs.permissions.audit_organ_ids(perms)`:
    events a user caused in an organ they no longer hold a role in are not shown, the role is gone."""
    events = AuditEvent.objects.select_related("organ")
    if organ_ids is None:
        return events
    active = user is not None and user.is_authenticated and user.is_active
    own = Q(actor=user, organ__isnull=True) if active else Q(pk__in=[])
    if not organ_ids and not active:
        return events.none()
    return events.filter(Q(organ_id__in=organ_ids) | own)
