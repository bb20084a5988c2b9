"""Service functions for API tokens: issue and revoke, each checked, written and audited in one transaction.

A user may issue and revoke their own tokens; a system administrator (and SYSTEM) anyone's.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import TOKEN_PREFIX, ApiToken, User, token_digest
from gongkai.accounts.verbs import AccountVerb
from gongkai.audit.services import record
from gongkai.core.actors import SYSTEM, actor_user, require_actor


def _may_manage_tokens_of(actor, user: User) -> bool:
    if actor is SYSTEM or actor.superuser:
        return True
    return actor.user is not None and actor.user.pk == user.pk


def issue_token(actor, *, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns (token, secret). The secret is shown once and never stored."""
    require_actor(actor)
    if not _may_manage_tokens_of(actor, user):
        raise PermissionDenied("您没有执行此操作的权限")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "用途：请填写令牌的用途，如“数据同步脚本”"})
    if not user.is_active:
        raise ValidationError({"user": "用户：该账户已停用，不能签发令牌"})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(user=user, name=name[:100], prefix=secret[:10], digest=token_digest(secret))
        token.full_clean()
        token.save()
        record(
            AccountVerb.TOKEN_ISSUED,
            actor=actor_user(actor),
            obj=token,
            changes={"user": [None, user.get_username()], "name": [None, token.name]},
        )
    return token, secret


def revoke_token(actor, token: ApiToken) -> None:
    """Revoke `token` (idempotent: an already revoked token is left as it is, not re-audited)."""
    require_actor(actor)
    if not _may_manage_tokens_of(actor, token.user):
        raise PermissionDenied("您没有执行此操作的权限")
    with transaction.atomic():
        current = ApiToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is not None:
            return
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        record(
            AccountVerb.TOKEN_REVOKED,
            actor=actor_user(actor),
            obj=current,
            changes={"user": [token.user.get_username(), None], "name": [current.name, None]},
        )
    token.revoked_at = current.revoked_at


def user_for_token(secret: str) -> User | None:
    """The active user a presented token belongs to, else None (unknown, revoked or user deactivated)."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.active().select_related("user").filter(digest=token_digest(secret)).first()
    if token is None:
        return None
    token.touch()
    return token.user
