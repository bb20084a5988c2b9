"""行政复议 and 行政诉讼 cases about an application (table 4)."""

from __future__ import annotations

from django.db import models

from gongkai.applications.choices import AppealKind, AppealResult


class Appeal(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField("类型", max_length=40, choices=AppealKind.choices)
    filed_on = models.DateField("立案日期")
    body = models.CharField("复议机关或法院", max_length=100)
    case_number = models.CharField("案号", max_length=60)
    result = models.CharField(
        "结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    decided_on = models.DateField("决定或判决日期", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "行政复议或诉讼"
        verbose_name_plural = "行政复议和诉讼"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number}"
