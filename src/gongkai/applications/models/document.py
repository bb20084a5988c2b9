"""Issued documents (文书) with their 文号 and the rendered files' SHA-256, and organ-edited wording."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.applications.choices import DocumentKind
from gongkai.applications.storage import get_private_storage


def _document_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1]
    return f"applications/{instance.application.organ_id}/{instance.application_id}/doc-{instance.kind}-{instance.number_seq}.{ext}"


class Document(models.Model):
    """A document issued for a case. Once saved it never changes: a correction is a new document."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField("文书类型", max_length=30, choices=DocumentKind.choices)
    number = models.CharField("文号", max_length=60)
    number_year = models.PositiveIntegerField("文号年度")
    number_seq = models.PositiveIntegerField("文号序号")
    issued_on = models.DateField("出具日期")
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    docx = models.FileField("DOCX", upload_to=_document_path, storage=get_private_storage)
    pdf = models.FileField("PDF", upload_to=_document_path, storage=get_private_storage)
    docx_sha256 = models.CharField("DOCX SHA-256", max_length=64)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64)
    to_applicant = models.BooleanField("送达申请人", default=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "number_year", "number_seq"], name="unique_document_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class DocumentTemplate(models.Model):
    """An organ's own wording for one document kind (Jinja2, sandboxed; checked when saved)."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书类型", max_length=30, choices=DocumentKind.choices)
    body = models.TextField("正文模板")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["organ", "kind"], name="unique_document_template")]

    def __str__(self) -> str:
        return f"{self.organ} · {self.get_kind_display()}"
