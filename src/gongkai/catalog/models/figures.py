"""Yearly figures of table 2 that are not counted from the register: decision counts for 行政许可, 行政处罚
and 行政强制 (第二十条第（五）（六）项) and the 行政事业性收费 amount (第二十条第（八）项, 万元)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class YearFigures(models.Model):
    organ = models.ForeignKey("organs.Organ", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    licensing = models.PositiveIntegerField("行政许可处理决定数量")
    penalty = models.PositiveIntegerField("行政处罚处理决定数量")
    coercion = models.PositiveIntegerField("行政强制处理决定数量")
    fees_wan_yuan = models.DecimalField("行政事业性收费金额（万元）", max_digits=14, decimal_places=4)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "年度处理决定与收费"
        verbose_name_plural = "年度处理决定与收费"
        ordering = ["organ_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["organ", "year"], name="catalog_figures_unique_year")]

    def __str__(self) -> str:
        return f"{self.organ} {self.year}年"
