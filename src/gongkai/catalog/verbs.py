"""The catalogue's audit verbs and their Chinese labels (registered with the audit trail in apps.ready)."""

from __future__ import annotations

from enum import StrEnum


class CatalogVerb(StrEnum):
    SETTINGS_CHANGED = "catalog.settings_changed"
    COLUMN_CREATED = "catalog.column_created"
    COLUMN_CHANGED = "catalog.column_changed"
    GUIDE_CHANGED = "catalog.guide_changed"
    ENTRY_CREATED = "catalog.entry_created"
    DRAFT_CHANGED = "catalog.draft_changed"
    ATTACHMENT_ADDED = "catalog.attachment_added"
    SUBMITTED = "catalog.submitted"
    APPROVED = "catalog.approved"
    RETURNED = "catalog.returned"
    SECRECY_ATTESTED = "catalog.secrecy_attested"
    PUBLISHED = "catalog.published"
    RECORDED = "catalog.recorded"
    WITHDRAWN = "catalog.withdrawn"
    CORRECTION_STARTED = "catalog.correction_started"
    WITHHELD_REVIEWED = "catalog.withheld_reviewed"
    REGISTER_RECORDED = "catalog.register_recorded"
    REGISTER_EVENT = "catalog.register_event"
    CLEANUP_RECORDED = "catalog.cleanup_recorded"
    FIGURES_SAVED = "catalog.figures_saved"
    FIGURES_IMPORTED = "catalog.figures_imported"


LABELS = {
    CatalogVerb.SETTINGS_CHANGED: "修改目录设置",
    CatalogVerb.COLUMN_CREATED: "新增目录栏目",
    CatalogVerb.COLUMN_CHANGED: "修改目录栏目",
    CatalogVerb.GUIDE_CHANGED: "修改政府信息公开指南",
    CatalogVerb.ENTRY_CREATED: "新建目录条目",
    CatalogVerb.DRAFT_CHANGED: "修改条目草稿",
    CatalogVerb.ATTACHMENT_ADDED: "上传附件",
    CatalogVerb.SUBMITTED: "提交发布审核",
    CatalogVerb.APPROVED: "审核通过",
    CatalogVerb.RETURNED: "退回修改",
    CatalogVerb.SECRECY_ATTESTED: "保密审查",
    CatalogVerb.PUBLISHED: "发布信息",
    CatalogVerb.RECORDED: "登记不主动公开信息",
    CatalogVerb.WITHDRAWN: "撤回信息",
    CatalogVerb.CORRECTION_STARTED: "更正已发布信息",
    CatalogVerb.WITHHELD_REVIEWED: "复查不予公开信息",
    CatalogVerb.REGISTER_RECORDED: "登记规范性文件",
    CatalogVerb.REGISTER_EVENT: "登记规范性文件变更",
    CatalogVerb.CLEANUP_RECORDED: "登记规范性文件清理",
    CatalogVerb.FIGURES_SAVED: "填报年度处理决定与收费",
    CatalogVerb.FIGURES_IMPORTED: "导入年度处理决定与收费",
}
