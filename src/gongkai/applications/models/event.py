"""ApplicationEvent: what happened to a case, append-only. The clock and the timeline are read from these."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.applications.choices import EventKind
from gongkai.core.triggers import append_only


class EventImmutableError(Exception):
    """Raised on any attempt to change or delete a case event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise EventImmutableError("办理记录不可修改")

    def delete(self):
        raise EventImmutableError("办理记录不可删除")

    def bulk_update(self, objs, fields, batch_size=None):
        raise EventImmutableError("办理记录不可修改")


class ApplicationEvent(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("事件", max_length=40, choices=EventKind.choices)
    on = models.DateField("日期")
    days = models.PositiveIntegerField("天数", null=True, blank=True)
    data = models.JSONField("内容", default=dict, blank=True)
    note = models.TextField("说明", blank=True)
    # PROTECT, as the audit trail: an account with history cannot be deleted (deactivate it instead).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["application", "kind"])]
        triggers = [append_only()]  # PostgreSQL refuses UPDATE and DELETE in the database itself

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise EventImmutableError("办理记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EventImmutableError("办理记录不可删除")
