"""Authentication for /api/v1/: a per-user token (`Authorization: Bearer gk_…`) for scripts, or the
browser's session cookie with its CSRF token for pages calling the API."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from gongkai.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    """Bearer tokens: no cookie, so no CSRF check. The token's user becomes `request.user`."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


class CsrfSessionAuth(SessionAuth):
    """The signed-in session; unsafe methods need the CSRF token (X-CSRFToken)."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


def api_auth() -> list:
    return [TokenAuth(), CsrfSessionAuth()]
