"""Writing audit events. Every service function that changes data calls `record` inside its transaction."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.audit.context import MAX_USER_AGENT, current_origin, origin_of
from gongkai.audit.models import AuditEvent


def client_ip(request) -> str | None:
    """The client address, for the audit trail and (via AXES_CLIENT_IP_CALLABLE) sign-in lockouts.

    Behind our reverse proxy (GONGKAI_BEHIND_PROXY) REMOTE_ADDR is the proxy, and each proxy appends the
    peer it saw to X-Forwarded-For. The header is believed only when the request came from a configured
    proxy address (GONGKAI_TRUSTED_PROXIES, loopback by default), and then read from the right: proxies of
    our own are skipped, and the first other address is the client. Entries further left were written by
    the client and could be forged. A malformed entry, or a request from anywhere else, gives REMOTE_ADDR,
    so a client that reaches the app port directly cannot choose its address by sending the header.
    """
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or None
    if not getattr(settings, "GONGKAI_BEHIND_PROXY", False) or not _trusted_proxy(peer):
        return peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = hop.strip()
        if not _is_ip(hop):
            return peer
        if not _trusted_proxy(hop):
            return hop
    return peer


def _trusted_proxy(address: str | None) -> bool:
    if not address or not _is_ip(address):
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in getattr(settings, "GONGKAI_TRUSTED_PROXIES", ()))


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def user_agent(request) -> str:
    """The request's User-Agent, cut to MAX_USER_AGENT, without control or invisible characters (a NUL
    would fail on PostgreSQL; security review L3)."""
    if request is None:
        return ""
    from gongkai.core.textinput import strip_forbidden_characters

    return strip_forbidden_characters(str(request.META.get("HTTP_USER_AGENT", "")))[:MAX_USER_AGENT]


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
    (event,) = _events(action, actor, request, username, [(organ, obj, changes)])
    event.save(force_insert=True)
    return event


def record_many(
    action: str,
    entries: Iterable[tuple[Any, models.Model | None, dict[str, list[Any]] | None]],
    *,
    actor=None,
    request=None,
    username: str = "",
) -> list[AuditEvent]:
    """`record` for many events of one verb by one actor, appended in one INSERT (a batch service such
    as compiling every organ's report): `entries` are (organ, obj, changes), one event each, in order.
    Each row is exactly the one `record` would write."""
    events = _events(action, actor, request, username, entries)
    return AuditEvent.objects.bulk_create(events) if events else []


def _events(action, actor, request, username, entries) -> list[AuditEvent]:
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    where = origin_of(request) if request is not None else current_origin()
    name = (actor.get_username() if actor else username)[:150]
    return [
        AuditEvent(
            action=str(action),
            actor=actor,
            actor_username=name,
            ip_address=where.ip_address,
            user_agent=where.user_agent[:MAX_USER_AGENT],
            organ=organ,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            changes=changes or {},
        )
        for organ, obj, changes in entries
    ]
