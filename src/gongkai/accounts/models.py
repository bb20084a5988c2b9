"""The user model and API tokens.

`User` keeps Django's table (`auth_user`), so a database created before the custom model existed needs no
data copy: `gongkai manage migrate` adopts it (see `gongkai.accounts.adoption`).
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A staff member or system administrator. Names are used the Chinese way: `last_name` is the family
    name (姓), `first_name` the given name (名), shown family name first with no space."""

    class Meta(AbstractUser.Meta):
        db_table = "auth_user"
        verbose_name = "用户"
        verbose_name_plural = "用户"


TOKEN_PREFIX = "gk_"


def token_digest(secret: str) -> str:
    """SHA-256 of a token: tokens are 256 random bits, so a fast hash is enough and allows a lookup."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A per-user token for scripts calling /api/v1/ (Authorization: Bearer gk_…). Only its SHA-256 is
    stored; the token itself is shown once, when issued. Revoked tokens stay, for the audit trail."""

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("令牌前缀", max_length=12, help_text="令牌的前几位，便于识别")
    digest = models.CharField("摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name} · {self.prefix}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
