"""The annual report compiled from the platform's records: one row per organ and year (the working copy),
its published versions (locked snapshots) and the organ's work log (工作台账) the narrative is drafted from."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    CHECKED = "checked", "已校验"
    PUBLISHED = "published", "已发布"
    RETURNED = "returned", "退回修改"


class AnnualReport(models.Model):
    """The working copy of `organ`'s report for `year`.

    `data` is the compiled `gongkai.annualreport.model.Report` as its JSON (`Report.to_dict()`); `edited`
    holds the section texts staff changed (key → text), which a recompile never overwrites; `moved` lists the
    cells whose value changed at the last recompile ({path: [old, new]}); `explanations` maps a warning's
    key (rule id + cells) to the written explanation kept with the report."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveIntegerField("年度")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField("报告数据", default=dict)
    edited = models.JSONField("人工修改的正文", default=dict)
    moved = models.JSONField("重新生成时变化的数字", default=dict)
    explanations = models.JSONField("警告说明", default=dict)
    return_comment = models.TextField("退回意见", blank=True)
    compiled_at = models.DateTimeField("生成时间", null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organ", "year"], name="reports_one_per_organ_year")]
        ordering = ["organ_id", "-year"]

    def __str__(self) -> str:
        return f"{self.organ}{self.year}年度报告"

    @property
    def locked(self) -> bool:
        return self.status == Status.PUBLISHED

    def current_version(self):
        return self.versions.filter(superseded=False).order_by("-number").first()


class ReportVersion(models.Model):
    """A published, locked snapshot. A correction makes a new version; the old one is marked superseded."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    data = models.JSONField("报告数据")
    explanations = models.JSONField("警告说明", default=dict)
    change_note = models.TextField("更正说明", blank=True)
    published_at = models.DateTimeField("发布时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    superseded = models.BooleanField("已被更正版本取代", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reports_version_number")]
        ordering = ["report_id", "-number"]

    def __str__(self) -> str:
        return f"{self.report}第{self.number}版"


class WorkKind(models.TextChoices):
    """What the organ records through the year for sections 一 and 六 (政府信息管理/平台建设/监督保障)."""

    TRAINING = "training", "培训"
    INSPECTION = "inspection", "检查和通报"
    RECTIFICATION = "rectification", "整改"
    ACCOUNTABILITY = "accountability", "责任追究"
    GUIDE_CHANGE = "guide_change", "指南、目录更新"
    PLATFORM = "platform", "平台建设"


class WorkLogEntry(models.Model):
    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="work_log")
    happened_on = models.DateField("日期")
    kind = models.CharField("类别", max_length=20, choices=WorkKind.choices)
    text = models.CharField("事项", max_length=500)

    class Meta:
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}：{self.text}"
