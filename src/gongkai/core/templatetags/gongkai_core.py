"""Template helpers every page may use: `person_name` and `{% can "app.action" obj as allowed %}`."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Chinese order (family name first, no space), else the user name."""
    name = f"{user.last_name}{user.first_name}".strip()
    return name or user.get_username()


@register.simple_tag(takes_context=True)
def can(context, permission: str, obj=None) -> bool:
    """May the request's user take `permission` ("app.action") on `obj`? Asked of the request's
    permissions object through `user.has_perm`, so it is computed once per request."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user is not None and user.has_perm(permission, obj))
