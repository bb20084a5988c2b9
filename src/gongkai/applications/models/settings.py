"""Per-organ configuration of the casework, the number counters and the intake throttle."""

from __future__ import annotations

from django.db import models

DEFAULT_REGISTRATION_PATTERN = "{prefix}依申〔{year}〕{seq}号"
DEFAULT_DOCUMENT_PATTERN = "{prefix}依申{code}〔{year}〕{seq}号"


class CaseSettings(models.Model):
    """What an organ configures: number patterns, who hears an appeal, the name on its letters."""

    organ = models.OneToOneField("organs.Organ", primary_key=True, on_delete=models.CASCADE, related_name="+")
    registration_pattern = models.CharField(
        "登记编号格式",
        max_length=60,
        default=DEFAULT_REGISTRATION_PATTERN,
        help_text="可用：{prefix} 机关代字、{year} 年度、{seq} 序号，如“高机管依申〔{year}〕{seq}号”",
    )
    document_pattern = models.CharField(
        "文书文号格式",
        max_length=60,
        default=DEFAULT_DOCUMENT_PATTERN,
        help_text="可用：{prefix}、{code} 文书代字（补、延、征、答…）、{year}、{seq}",
    )
    prefix = models.CharField("机关代字", max_length=20, blank=True, help_text="留空时用机关简称")
    reconsideration_body = models.CharField("行政复议机关", max_length=100, blank=True)
    court = models.CharField("管辖法院", max_length=100, blank=True)

    class Meta:
        verbose_name = "依申请公开设置"
        verbose_name_plural = "依申请公开设置"

    def __str__(self) -> str:
        return str(self.organ)


class Counter(models.Model):
    """The last number given in one sequence (registration, or a document kind) of one organ and year."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    sequence = models.CharField(max_length=30)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "sequence"], name="unique_counter"),
        ]

    def __str__(self) -> str:
        return f"{self.organ_id}/{self.year}/{self.sequence}={self.value}"


class IntakeAttempt(models.Model):
    """One online submission attempt, by keyed hash of the address or the ID number (rate limits live in the
    database, so every app server sees the same counts)."""

    key = models.CharField(max_length=80, db_index=True)
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key
