"""Writing audit events. Every service function that changes data calls `record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.audit.models import AuditAction, AuditEvent

MAX_USER_AGENT = 300


def client_ip(request) -> str | None:
    """The client address as Django sees it (REMOTE_ADDR, or the proxy's header when trusted by axes)."""
    if request is None:
        return None
    try:
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(request) or None
    except Exception:  # noqa: BLE001 - the audit row must still be written with what we know
        return request.META.get("REMOTE_ADDR") or None


def record(
    action: AuditAction,
    *,
    actor=None,
    request=None,
    organ=None,
    obj: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    username: str = "",
) -> AuditEvent:
    """Append one event. `actor` may be None (failed sign-in of an unknown name: pass `username`)."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_username=(actor.get_username() if actor else username)[:150],
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:MAX_USER_AGENT],
        organ=organ,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
    )
