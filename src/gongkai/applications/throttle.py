"""Rate limits of the online form, counted in the database so every app server sees the same numbers.

Keys are keyed hashes (HMAC), never the address or the ID number itself. Limits come from the setting
`GONGKAI_INTAKE_LIMITS` ({"address": (count, seconds), "id": (count, seconds)}), defaults below.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from gongkai.applications import crypto
from gongkai.applications.models import IntakeAttempt

DEFAULT_LIMITS = {"address": (10, 3600), "id": (5, 24 * 3600)}
MESSAGES = {
    "address": "提交过于频繁：同一网络地址{minutes}内最多可提交{count}件申请，请稍后再试，或以信函、当面方式提交。",
    "id": "提交过于频繁：同一证件号码{minutes}内最多可提交{count}件申请，请稍后再试，或以信函、当面方式提交。",
}


def _limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "GONGKAI_INTAKE_LIMITS", {})}


def _span(seconds: int) -> str:
    return f"{seconds // 3600}小时" if seconds >= 3600 else f"{seconds // 60}分钟"


def check(kind: str, value: str) -> str | None:
    """The Chinese refusal if `value` has hit its limit, else None (and the attempt is counted)."""
    if not value:
        return None
    count, seconds = _limits()[kind]
    key = f"{kind}:{crypto.lookup_hash(value, 'throttle')}"
    now = timezone.now()
    recent = IntakeAttempt.objects.filter(key=key, created_at__gte=now - timedelta(seconds=seconds)).count()
    if recent >= count:
        return MESSAGES[kind].format(minutes=_span(seconds), count=count)
    IntakeAttempt.objects.create(key=key, created_at=now)
    return None


def purge(older_than_days: int = 2) -> int:
    deleted, _ = IntakeAttempt.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=older_than_days)
    ).delete()
    return deleted
