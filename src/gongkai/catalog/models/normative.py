"""The register of 规章 and 行政规范性文件: each document's life as dated events (制发, 修改, 废止, 失效), each
naming the document that did it; and the periodic clean-ups (清理) that review a batch of them.

Validity on a date is computed from the events, never stored: issued on or before the day, and neither
repealed nor lapsed on or before it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.catalog.choices import CleanupDecision, DocumentKind, RegisterEventKind


class NormativeDocument(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name="制发机关", on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField("类别", max_length=30, choices=DocumentKind.choices)
    title = models.CharField("名称", max_length=300)
    doc_number = models.CharField("文号", max_length=80)
    issued_on = models.DateField("制发日期")
    entry = models.OneToOneField(
        "catalog.Entry",
        verbose_name="目录条目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="normative_document",
    )
    # Denormalised end of life (the date of the repeal or lapse event), kept by the services in the same
    # transaction as the event, so that "in force on a date" is one indexed query over a million rows.
    ended_on = models.DateField("废止或失效日期", null=True, blank=True)
    ended_by = models.CharField("终止方式", max_length=20, choices=RegisterEventKind.choices, blank=True)

    class Meta:
        verbose_name = "规范性文件"
        verbose_name_plural = "规范性文件登记"
        ordering = ["organ_id", "-issued_on", "id"]
        indexes = [models.Index(fields=["organ", "kind", "issued_on"], name="catalog_normative_issued")]
        constraints = [
            models.UniqueConstraint(fields=["organ", "doc_number"], name="catalog_normative_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）"


class RegisterEvent(models.Model):
    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("事项", max_length=20, choices=RegisterEventKind.choices)
    on = models.DateField("日期")
    by_document = models.CharField("依据文件", max_length=200, help_text="作出该事项的文件名称或文号")
    cleanup = models.ForeignKey(
        "catalog.Cleanup", verbose_name="清理批次", null=True, blank=True, on_delete=models.PROTECT
    )
    note = models.CharField("说明", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "登记事项"
        verbose_name_plural = "登记事项"
        ordering = ["document_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class Cleanup(models.Model):
    """A periodic clean-up (清理): a batch review deciding, for each document, kept / amended / repealed."""

    organ = models.ForeignKey("organs.Organ", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("清理名称", max_length=200)
    by_document = models.CharField("清理结果文件", max_length=200, help_text="公布清理结果的文件名称或文号")
    decided_on = models.DateField("清理日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "清理批次"
        verbose_name_plural = "清理批次"
        ordering = ["organ_id", "-decided_on", "id"]

    def __str__(self) -> str:
        return self.title


class CleanupItem(models.Model):
    cleanup = models.ForeignKey(
        Cleanup, verbose_name="清理批次", on_delete=models.PROTECT, related_name="items"
    )
    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.PROTECT, related_name="cleanup_items"
    )
    decision = models.CharField("清理结论", max_length=20, choices=CleanupDecision.choices)
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "清理结论"
        verbose_name_plural = "清理结论"
        constraints = [
            models.UniqueConstraint(fields=["cleanup", "document"], name="catalog_cleanup_unique_document")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.get_decision_display()}"
