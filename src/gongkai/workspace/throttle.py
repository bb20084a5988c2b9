"""Sign-in throttling beyond django-axes' lockout (security review M4).

axes locks a user name *from one address* after 5 failures (30 minutes). That alone lets an attacker
spray a few guesses at many names from one address, or guess one name from many addresses. Two more
rules, counted from axes' own failure table (in the database, so every app server sees the same counts):

- **per name**, from any address: after ``GONGKAI_SIGNIN_NAME_FREE`` failures within
  ``GONGKAI_SIGNIN_NAME_WINDOW``, each further try waits a cool-off that doubles with every failure
  (1, 2, 4 … minutes, at most ``GONGKAI_SIGNIN_NAME_MAX_COOLOFF``) after the last one;
- **per address**, over all names: ``GONGKAI_SIGNIN_ADDRESS_LIMIT`` failures within
  ``GONGKAI_SIGNIN_ADDRESS_WINDOW`` block that address for ``GONGKAI_SIGNIN_ADDRESS_COOLOFF``.

A refused try is answered 429 before the password is looked at, so a right password does not get through a
cool-off either. A success resets axes' rows for that name and address (AXES_RESET_ON_SUCCESS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


@dataclass(frozen=True)
class Refusal:
    message: str  # Chinese, for the page
    retry_after: int  # seconds, for the Retry-After header


def _setting(name: str, default):
    return getattr(settings, name, default)


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


def refusal(username: str, address: str | None) -> Refusal | None:
    """Why a sign-in try must be refused now, or None."""
    from axes.models import AccessAttempt

    now = timezone.now()
    if username:
        window = _setting("GONGKAI_SIGNIN_NAME_WINDOW", timedelta(hours=24))
        free = _setting("GONGKAI_SIGNIN_NAME_FREE", 10)
        stats = AccessAttempt.objects.filter(username=username, attempt_time__gte=now - window).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        failures = stats["failures"] or 0
        if failures >= free:
            longest = _setting("GONGKAI_SIGNIN_NAME_MAX_COOLOFF", timedelta(hours=1))
            cooloff = min(timedelta(minutes=2 ** (failures - free)), longest)
            wait = (stats["last"] + cooloff - now).total_seconds()
            if wait > 0:
                return Refusal(
                    f"该用户名登录失败次数过多（{failures}次），为防止猜测密码，请{_minutes(wait)}分钟后再试。",
                    math.ceil(wait),
                )
    if address:
        window = _setting("GONGKAI_SIGNIN_ADDRESS_WINDOW", timedelta(minutes=15))
        limit = _setting("GONGKAI_SIGNIN_ADDRESS_LIMIT", 30)
        stats = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=now - window).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if (stats["failures"] or 0) >= limit:
            cooloff = _setting("GONGKAI_SIGNIN_ADDRESS_COOLOFF", timedelta(minutes=15))
            wait = (stats["last"] + cooloff - now).total_seconds()
            if wait > 0:
                return Refusal(f"本网络地址登录失败次数过多，请{_minutes(wait)}分钟后再试。", math.ceil(wait))
    return None
