"""The authentication backend that answers `user.has_perm("app.action", obj)` from the organ-scope core, so
the admin and templates ask Django's way. Model permissions ("organs.change_organ") stay ModelBackend's."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from gongkai.organs.scope import for_user


class OrganScopeBackend(BaseBackend):
    """Never authenticates anyone (sign-in is ModelBackend's); only answers permission questions."""

    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or not getattr(user_obj, "is_active", False):
            return False
        return for_user(user_obj).has(perm, obj)
