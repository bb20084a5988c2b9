"""The audit trail: an append-only record of who changed what, when and from where.

Rows are written only by `gongkai.audit.services.record` (called from the service functions and the
sign-in receivers). Nothing in the application may change or remove one: the model and queryset refuse,
the admin is read-only, and on PostgreSQL a trigger (`core.triggers.append_only`, declared in `Meta.triggers`)
refuses UPDATE and DELETE for anyone bypassing the ORM.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from gongkai.core.registry import audit_label
from gongkai.core.triggers import append_only


class AuditImmutableError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutableError("审计日志不可修改")

    def delete(self):
        raise AuditImmutableError("审计日志不可删除")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditImmutableError("审计日志不可修改")


class AuditEvent(models.Model):
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    # PROTECT: deleting a user or organ must not rewrite (SET_NULL) or remove (CASCADE) its history.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_username = models.CharField("操作人用户名", max_length=150, blank=True)
    ip_address = models.GenericIPAddressField("IP地址", null=True, blank=True)
    user_agent = models.CharField("浏览器标识", max_length=300, blank=True)
    organ = models.ForeignKey(
        "organs.Organ", verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A verb such as "organ.updated"; apps register verbs and labels (`core.registry.register_audit_verbs`),
    # so a new verb needs no migration.
    action = models.CharField("操作", max_length=60, db_index=True)
    object_type = models.CharField("对象类型", max_length=60, blank=True)
    object_id = models.CharField("对象编号", max_length=40, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True, help_text="{字段: [原值, 新值]}")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organ", "created_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]
        triggers = [append_only()]

    def __str__(self) -> str:
        # Local time (Asia/Shanghai) like every other time shown; the stored value is UTC.
        when = timezone.localtime(self.created_at) if self.created_at else None
        return f"{when:%Y-%m-%d %H:%M} {self.actor_username or '-'} {self.action_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditImmutableError("审计日志不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError("审计日志不可删除")

    @property
    def action_label(self) -> str:
        return audit_label(self.action)

    def get_action_display(self) -> str:
        return self.action_label

    def change_rows(self) -> list[tuple[str, str, str]]:
        """`changes` for people: (field label, old, new), with choice labels, 是/否 and （空）."""
        model = _model_for(self.object_type)
        return [
            (_field_label(model, name), _display(model, name, old), _display(model, name, new))
            for name, (old, new) in self.changes.items()
        ]


# Events recorded before the custom user model name the user model by its old label.
LEGACY_LABELS = {"auth.user": settings.AUTH_USER_MODEL.lower()}


def _model_for(label: str):
    label = LEGACY_LABELS.get(label, label)
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _field_label(model, name: str) -> str:
    field = _field(model, name)
    return str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name


def _display(model, name: str, value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    field = _field(model, name)
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, value))
