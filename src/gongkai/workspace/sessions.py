"""An absolute session lifetime beside the idle timeout (security review, info: "no absolute lifetime").

The idle timeout (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST) moves forward with every request, so
a session kept busy would never end. Sign-in stamps the session; a request after
GONGKAI_SESSION_ABSOLUTE_AGE signs the user out and sends them to sign in again. Sessions live in the
database, so the rule holds across app servers.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import JsonResponse

SIGNED_IN_AT = "gongkai_signed_in_at"


@receiver(user_logged_in, dispatch_uid="gongkai.workspace.session_stamp")
def _stamp(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class AbsoluteSessionLifetimeMiddleware:
    """Place right after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            started = request.session.get(SIGNED_IN_AT)
            age = settings.GONGKAI_SESSION_ABSOLUTE_AGE.total_seconds()
            if started is None or time.time() - started > age:
                logout(request)
                if request.path.startswith("/api/") or "/api/" in request.path:
                    return JsonResponse({"error": "登录已过期，请重新登录"}, status=401)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
