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


class OrganReports(models.Manager):
    """An organ's own reports (the default): the region reports are asked for by name (`regions`)."""

    def get_queryset(self):
        return super().get_queryset().filter(office__isnull=True)


class RegionReports(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(office__isnull=False)


class EveryReport(models.Manager):
    """Both kinds (the base manager: a version's report is either)."""


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
    # Set for the region's report (汇总): the 主管部门 that compiles and publishes it; `organ` is then the
    # government whose region it sums (`office.supervised_root()`). None for an organ's own report.
    office = models.ForeignKey(
        "organs.Organ", on_delete=models.PROTECT, null=True, blank=True, related_name="region_reports"
    )

    objects = OrganReports()
    regions = RegionReports()
    every = EveryReport()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year"],
                condition=models.Q(office__isnull=True),
                name="reports_one_per_organ_year",
            ),
            models.UniqueConstraint(
                fields=["office", "year"],
                condition=models.Q(office__isnull=False),
                name="reports_one_region_report_per_office_year",
            ),
        ]
        ordering = ["organ_id", "-year"]
        base_manager_name = "every"

    def __str__(self) -> str:
        return f"{self.organ}{self.year}年度报告"

    @property
    def is_region(self) -> bool:
        return self.office_id is not None

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


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "读取中"
    DONE = "done", "已完成"


class ImportBatch(models.Model):
    """One upload by the 主管部门 of reports its organs published elsewhere; read by the background task
    `tasks.read_import`. `organ_ids` are the organs the files may be matched to (the uploader's subtree,
    None: every organ); `processed` of `total` files are read (the progress bar)."""

    office = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="report_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    status = models.CharField(
        "状态", max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    organ_ids = models.JSONField("可匹配的机关", null=True)
    total = models.PositiveIntegerField("文件数", default=0)
    processed = models.PositiveIntegerField("已读取", default=0)
    task_id = models.CharField("后台任务", max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.office}导入的年度报告（{self.created_at:%Y-%m-%d %H:%M}）"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100


class Match(models.TextChoices):
    PENDING = "pending", "未读取"
    UNREADABLE = "unreadable", "无法读取"
    NONE = "none", "未匹配到机关"
    UNCERTAIN = "uncertain", "待确认"
    MATCHED = "matched", "已匹配"
    CONFIRMED = "confirmed", "已人工确认"


class ImportedFile(models.Model):
    """One file of an import: its bytes, what the reader made of it (`data`, with None for every cell it
    could not read: shown as unread, never filled in), the reader's problems, the rules' findings and the
    organ it was matched to. A matched or confirmed file with a year is that organ's report of that year
    as published elsewhere; it serves as the previous year for the cross-year rules."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField("文件名", max_length=300)
    content = models.BinaryField("文件内容")
    size = models.PositiveIntegerField("大小（字节）")
    match = models.CharField("匹配", max_length=16, choices=Match.choices, default=Match.PENDING)
    error = models.TextField("读取错误", blank=True)
    data = models.JSONField("读出的报告", null=True)
    problems = models.JSONField("读取问题", default=list)
    findings = models.JSONField("校验结果", default=list)
    year = models.PositiveIntegerField("年度", null=True)
    agency = models.CharField("报告中的机关名称", max_length=200, blank=True)
    organ = models.ForeignKey(
        "organs.Organ", on_delete=models.PROTECT, null=True, related_name="imported_reports"
    )
    score = models.FloatField("匹配度", null=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["batch_id", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def usable(self) -> bool:
        return (
            self.match in (Match.MATCHED, Match.CONFIRMED) and self.organ_id is not None and bool(self.year)
        )


class ImportEvent(models.Model):
    """Append-only history of an import (the domain events): uploaded, read, matched, confirmed."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="events")
    file = models.ForeignKey(ImportedFile, on_delete=models.CASCADE, null=True, related_name="events")
    kind = models.CharField("事件", max_length=32)
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class ScorecardIndicator(models.Model):
    """One indicator of the office's scorecard (考核), as the office configured it. Its definition is data:
    `metric` names a computation in `scorecard.METRICS`; the organ earns `points` when the metric's value
    meets `comparison` `threshold`. Without rows of its own an office uses `data/scorecard.json`."""

    office = models.ForeignKey("organs.Organ", on_delete=models.CASCADE, related_name="scorecard_indicators")
    key = models.SlugField("标识", max_length=40)
    metric = models.CharField("计算项目", max_length=40)
    label = models.CharField("指标名称", max_length=100)
    comparison = models.CharField("达标条件", max_length=2, choices=[(">=", "不少于"), ("<=", "不超过")])
    threshold = models.IntegerField("达标值")
    points = models.PositiveIntegerField("分值")
    active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "key"], name="reports_one_indicator_key")]
        ordering = ["office_id", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.label
