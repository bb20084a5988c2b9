"""Where a request comes from (client address, browser), set once per request by `AuditContextMiddleware`
and read by `record`, so services need not thread the request through. Outside a request (CLI, tasks) both
are empty."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MAX_USER_AGENT = 300


@dataclass(frozen=True)
class Origin:
    ip_address: str | None = None
    user_agent: str = ""


_NOWHERE = Origin()
_ORIGIN: ContextVar[Origin | None] = ContextVar("gongkai_audit_origin", default=None)


def current_origin() -> Origin:
    return _ORIGIN.get() or _NOWHERE


@contextmanager
def origin(ip_address: str | None = None, user_agent: str = "") -> Iterator[Origin]:
    """Set the origin for the duration of a block (the middleware; tests; a task acting for a request)."""
    value = Origin(ip_address, (user_agent or "")[:MAX_USER_AGENT])
    token = _ORIGIN.set(value)
    try:
        yield value
    finally:
        _ORIGIN.reset(token)


def origin_of(request) -> Origin:
    from gongkai.audit.services import client_ip, user_agent

    return Origin(client_ip(request), user_agent(request))


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = origin_of(request)
        with origin(found.ip_address, found.user_agent):
            return self.get_response(request)
