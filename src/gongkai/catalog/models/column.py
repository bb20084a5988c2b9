"""An organ's catalogue tree (目录) and its catalogue settings.

A column's `key` is its stable identity: URLs and feeds use it, so renaming (`title`) and reordering
(`sort_order`) never break a link. Default columns come from the versioned data file (`params.column_set`).
"""

from __future__ import annotations

from django.db import models

from gongkai.catalog.choices import ColumnKind


class CatalogSettings(models.Model):
    """Per-organ configuration of the catalogue. Created with the organ's default tree."""

    organ = models.OneToOneField(
        "organs.Organ", verbose_name="机关", on_delete=models.PROTECT, related_name="catalog_settings"
    )
    index_pattern = models.CharField(
        "索引号格式",
        max_length=80,
        help_text="可用 {credit_code}（统一社会信用代码）、{year}（生成年度）、{seq:05d}（年度流水号）",
    )
    review_chain = models.JSONField("审核层级", help_text='如 [{"label": "初审", "role": "reviewer"}, …]')
    withheld_review_months = models.PositiveSmallIntegerField("不予公开信息复查周期（月）")
    interpretation_required_genres = models.JSONField("须配发政策解读的体裁", default=list, blank=True)
    column_set = models.CharField("默认栏目版本", max_length=20)
    guide_body = models.TextField("政府信息公开指南正文", blank=True)
    guide_updated_at = models.DateTimeField("指南更新时间", null=True, blank=True)

    class Meta:
        verbose_name = "目录设置"
        verbose_name_plural = "目录设置"

    def __str__(self) -> str:
        return f"{self.organ} 目录设置"


class CatalogColumn(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name="机关", on_delete=models.PROTECT, related_name="catalog_columns"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    key = models.SlugField("栏目标识", max_length=40, help_text="用于网址，创建后不再改变")
    title = models.CharField("栏目名称", max_length=100)
    kind = models.CharField("栏目类型", max_length=20, choices=ColumnKind.choices, default=ColumnKind.CUSTOM)
    note = models.CharField("依据", max_length=100, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "目录栏目"
        verbose_name_plural = "目录栏目"
        ordering = ["organ_id", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organ", "key"], name="catalog_column_unique_key")]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_entries(self) -> bool:
        return self.kind != ColumnKind.GROUP
