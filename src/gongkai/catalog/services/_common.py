"""What every catalogue service shares: actor checks, audit, and Chinese validation errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from gongkai.audit.services import record
from gongkai.catalog import permissions
from gongkai.catalog.workflow import Refused
from gongkai.core.actors import actor_user, require_actor
from gongkai.core.textinput import has_control_characters


def check(actor, action, obj):
    """The actor, after requiring it and checking `action` on `obj`."""
    require_actor(actor)
    permissions.require(actor, action, obj)
    return actor


def audit(verb, actor, organ, obj=None, changes: dict[str, Any] | None = None) -> None:
    record(verb, actor=actor_user(actor), organ=organ, obj=obj, changes=changes or {})


def user_name(actor) -> str:
    user = actor_user(actor)
    if user is None:
        return "系统"
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


def refuse(message: str):
    raise Refused(message)


def text(value, field: str, label: str, *, required: bool = False, max_length: int = 300, multiline=False):
    """A cleaned text field, or ValidationError naming it."""
    value = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    if has_control_characters(value, multiline=multiline):
        raise ValidationError({field: f"{label}不能包含控制字符"})
    return value
