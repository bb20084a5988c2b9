from django.conf import settings
from django.db import models

from gongkai.core.triggers import append_only


class Memo(models.Model):
    """A note kept for an organ: written once, never changed (append-only, like every event table)."""

    organ = models.ForeignKey("organs.Organ", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    text = models.CharField("内容", max_length=200)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "工作备忘"
        ordering = ["-written_at", "-id"]
        triggers = [append_only()]

    def __str__(self) -> str:
        return self.text
