"""Catalogue entries, their versions and the review trail.

An `Entry` is one item of information in an organ's catalogue; its content lives in `EntryVersion` rows.
A correction after publication is a new version: the published one stays, marked superseded, in the history.
`ReviewStep` is the append-only trail of a version's review (submitted, each level approved, returned,
保密审查, published). Nothing is ever deleted: a published entry is withdrawn (撤回) with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.catalog.choices import (
    Disclosure,
    EntryStatus,
    Genre,
    InterpretationForm,
    StepKind,
    Validity,
    VersionState,
)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("审核记录不可修改")

    def delete(self):
        raise TypeError("审核记录不可删除")


class Entry(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name="机关", on_delete=models.PROTECT, related_name="catalog_entries"
    )
    column = models.ForeignKey(
        "catalog.CatalogColumn", verbose_name="栏目", on_delete=models.PROTECT, related_name="entries"
    )
    index_number = models.CharField("索引号", max_length=80, unique=True, null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    published_version = models.ForeignKey(
        "catalog.EntryVersion",
        verbose_name="公开版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_published_at = models.DateTimeField("首次发布时间", null=True, blank=True, db_index=True)
    published_at = models.DateTimeField("最近发布时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_reason = models.CharField("撤回理由", max_length=500, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤回人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 政策解读: an interpretation entry points at the policy document it explains; the policy sees its
    # interpretations through the reverse relation `interpretations`.
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(
        "解读形式", max_length=20, choices=InterpretationForm.choices, blank=True
    )

    class Meta:
        verbose_name = "目录条目"
        verbose_name_plural = "目录条目"
        ordering = ["-first_published_at", "-id"]
        # The public lists' order in full (with the id), so a page is read off the index without a sort.
        indexes = [
            models.Index(
                fields=["organ", "column", "status", "-first_published_at", "-id"],
                name="catalog_entry_column_list",
            ),
            models.Index(
                fields=["organ", "status", "-first_published_at", "-id"], name="catalog_entry_organ_list"
            ),
        ]

    def __str__(self) -> str:
        version = self.published_version
        title = version.title if version is not None else f"条目 {self.pk}"
        return f"{self.index_number or '（未编号）'} {title}"


class EntryVersion(models.Model):
    entry = models.ForeignKey(Entry, verbose_name="条目", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    state = models.CharField("状态", max_length=20, choices=VersionState.choices, default=VersionState.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    change_note = models.CharField("更正说明", max_length=300, blank=True)
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    # --- metadata (第十二条 and practice)
    title = models.CharField("名称", max_length=300)
    summary = models.TextField("内容概述", max_length=2000, blank=True)
    generated_on = models.DateField("生成日期")
    publisher = models.CharField("发布机构", max_length=100)
    doc_number = models.CharField("发文字号", max_length=80, blank=True)
    subject = models.CharField("主题分类", max_length=60, blank=True)
    genre = models.CharField("体裁", max_length=20, choices=Genre.choices, default=Genre.OTHER)
    disclosure = models.CharField(
        "公开方式", max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    withheld_basis = models.CharField("不予公开依据", max_length=300, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, blank=True)
    body = models.TextField("正文", blank=True, help_text="服务端清洗后的HTML")

    class Meta:
        verbose_name = "条目版本"
        verbose_name_plural = "条目版本"
        ordering = ["entry_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="catalog_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.number}版）"


class ReviewStep(models.Model):
    """One step of a version's review. Append-only."""

    version = models.ForeignKey(
        EntryVersion, verbose_name="版本", on_delete=models.PROTECT, related_name="steps"
    )
    round = models.PositiveIntegerField("审核轮次")
    kind = models.CharField("环节", max_length=20, choices=StepKind.choices)
    level = models.PositiveSmallIntegerField("审核层级", null=True, blank=True)
    level_label = models.CharField("层级名称", max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField("操作人姓名", max_length=150)
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.CharField("意见", max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["version_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.actor_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("审核记录不可修改")
        super().save(*args, **kwargs)


class Attachment(models.Model):
    version = models.ForeignKey(
        EntryVersion, verbose_name="版本", on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="catalog/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("文件类型", max_length=10, help_text="按文件内容识别")
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["version_id", "id"]

    def __str__(self) -> str:
        return self.name


class IndexCounter(models.Model):
    """The last 索引号 sequence number used by an organ in a year; locked while a number is taken, so numbers
    are unique and gap-free (a rolled-back publication rolls its increment back too)."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organ", "year"], name="catalog_counter_unique")]

    def __str__(self) -> str:
        return f"{self.organ_id}/{self.year}: {self.last}"


class WithheldReview(models.Model):
    """A periodic re-review (第十八条) of information recorded as 不予公开. Append-only."""

    entry = models.ForeignKey(
        Entry, verbose_name="条目", on_delete=models.PROTECT, related_name="withheld_reviews"
    )
    reviewed_at = models.DateTimeField("复查时间", auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="复查人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    keep_withheld = models.BooleanField("继续不予公开")
    note = models.CharField("复查意见", max_length=500)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "不予公开复查"
        verbose_name_plural = "不予公开复查"
        ordering = ["entry_id", "reviewed_at"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.reviewed_at:%Y-%m-%d}"
