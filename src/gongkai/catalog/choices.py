"""The catalogue's vocabularies. Values are stored; labels are what people read."""

from __future__ import annotations

from django.db import models


class ColumnKind(models.TextChoices):
    GROUP = "group", "栏目分组"
    GUIDE = "guide", "指南"
    SYSTEM = "system", "制度"
    FIVE = "five", "五公开"
    ARTICLE20 = "article20", "第二十条法定公开内容"
    ARTICLE21 = "article21", "第二十一条重点公开内容"
    REPORT = "report", "年报"
    INTERPRETATION = "interpretation", "政策解读"
    CUSTOM = "custom", "自设栏目"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "未发布"
    PUBLISHED = "published", "已发布"
    RECORDED = "recorded", "已登记（不主动公开）"
    WITHDRAWN = "withdrawn", "已撤回"


class VersionState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已通过"
    SUPERSEDED = "superseded", "已被新版本取代"


class Disclosure(models.TextChoices):
    """公开方式 (第十三条; 不予公开 under 第十四条至第十六条)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class Validity(models.TextChoices):
    NONE = "", "—"
    VALID = "valid", "有效"
    LAPSED = "lapsed", "失效"
    REPEALED = "repealed", "废止"


class Genre(models.TextChoices):
    """体裁 (document type). The organ chooses which need a 政策解读."""

    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    PLAN = "plan", "规划计划"
    NOTICE = "notice", "通知公告"
    REPORT = "report", "工作报告"
    BUDGET = "budget", "预算决算"
    NEWS = "news", "工作动态"
    INTERPRETATION = "interpretation", "政策解读"
    OTHER = "other", "其他"


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图文解读"
    VIDEO = "video", "音视频解读"
    H5 = "h5", "H5解读"
    PRESS = "press", "新闻发布会"


class StepKind(models.TextChoices):
    """What happened in the review of one version (ReviewStep, append-only)."""

    SUBMITTED = "submitted", "提交审核"
    APPROVED = "approved", "审核通过"
    RETURNED = "returned", "退回修改"
    SECRECY = "secrecy", "保密审查"
    PUBLISHED = "published", "发布"
    RECORDED = "recorded", "登记"


class DocumentKind(models.TextChoices):
    """The two rows of table 2's 第二十条第（一）项 block (schema keys `rules`, `normative_documents`)."""

    RULE = "rules", "规章"
    NORMATIVE = "normative_documents", "行政规范性文件"


class RegisterEventKind(models.TextChoices):
    ISSUED = "issued", "制发"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"
    LAPSED = "lapsed", "失效"


class CleanupDecision(models.TextChoices):
    KEPT = "kept", "继续有效"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"
