"""Writing audit events. Every service function that changes data calls `record` inside its transaction."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.audit.context import MAX_USER_AGENT, current_origin, origin_of
from gongkai.audit.models import AuditEvent


def client_ip(request) -> str | None:
    """The client address, for the audit trail and (via AXES_CLIENT_IP_CALLABLE) sign-in lockouts.

    Behind our reverse proxy (GONGKAI_BEHIND_PROXY) REMOTE_ADDR is the proxy, and the proxy appends the
    real peer as the right-most X-Forwarded-For entry; entries left of it are client-supplied and could be
    forged, so only the right-most one is trusted. Otherwise the header is ignored entirely.
    """
    if request is None:
        return None
    if getattr(settings, "GONGKAI_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if _is_ip(forwarded):
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def record(
    action: str,
    *,
    actor=None,
    request=None,
    organ=None,
    obj: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    username: str = "",
) -> AuditEvent:
    """Append one event for verb `action` (a registered verb such as "organ.updated").

    `actor` is the user (None for SYSTEM, or a failed sign-in of an unknown name: pass `username`). The
    client address and browser come from the request's audit context (`AuditContextMiddleware`); `request`
    is only for callers outside the middleware (sign-in signals sent before it, lockouts).
    """
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    where = origin_of(request) if request is not None else current_origin()
    return AuditEvent.objects.create(
        action=str(action),
        actor=actor,
        actor_username=(actor.get_username() if actor else username)[:150],
        ip_address=where.ip_address,
        user_agent=where.user_agent[:MAX_USER_AGENT],
        organ=organ,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
    )
