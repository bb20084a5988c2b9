"""Who acts. Every service function takes an `actor` as its first argument and refuses a missing one.

An actor is either the request's permissions object (`gongkai.organs.scope.Permissions`, carrying `.user`)
or `SYSTEM`: the platform itself (migrations, `gongkai demo`, management commands run by an operator with
shell access). `None` is never an actor: forgetting to pass one must fail, not skip the permission check.
"""

from __future__ import annotations

from typing import Any


class MissingActorError(TypeError):
    """A service was called without an actor (a programming error, never a user error)."""


class SystemActor:
    """The platform acting on its own behalf; allowed everything, audited with no user."""

    user = None
    is_system = True
    superuser = True

    def __repr__(self) -> str:
        return "SYSTEM"

    def __reduce__(self):
        return "SYSTEM"


SYSTEM = SystemActor()


def require_actor(actor: Any) -> Any:
    """Return `actor` if it is SYSTEM or a permissions object (has `.user` and `.is_system`), else raise."""
    if actor is None:
        raise MissingActorError("服务函数缺少操作人：请传入请求的权限对象，或显式传入 SYSTEM")
    if actor is SYSTEM:
        return actor
    if getattr(actor, "is_system", None) is False and hasattr(actor, "user"):
        return actor
    raise MissingActorError(f"服务函数的操作人应为请求的权限对象或 SYSTEM，而不是 {type(actor).__name__}")


def actor_user(actor: Any):
    """The user behind an actor (None for SYSTEM)."""
    return None if actor is SYSTEM else getattr(actor, "user", None)
