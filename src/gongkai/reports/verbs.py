"""Audit verbs of the annual report."""

from enum import StrEnum


class ReportVerb(StrEnum):
    COMPILED = "report.compiled"
    EDITED = "report.edited"
    EXPLAINED = "report.explained"
    CHECKED = "report.checked"
    PUBLISHED = "report.published"
    RETURNED = "report.returned"
    WORK_LOGGED = "report.work_logged"
    IMPORTED = "report.imported"
    IMPORT_READ = "report.import_read"
    IMPORT_CONFIRMED = "report.import_confirmed"
    SCORECARD_CONFIGURED = "report.scorecard_configured"


VERBS = {
    ReportVerb.COMPILED: "生成年度报告",
    ReportVerb.EDITED: "修改年度报告正文",
    ReportVerb.EXPLAINED: "说明校验警告",
    ReportVerb.CHECKED: "校验年度报告",
    ReportVerb.PUBLISHED: "发布年度报告",
    ReportVerb.RETURNED: "退回年度报告",
    ReportVerb.WORK_LOGGED: "登记工作台账",
    ReportVerb.IMPORTED: "导入外部发布的年度报告",
    ReportVerb.IMPORT_READ: "读取导入的年度报告",
    ReportVerb.IMPORT_CONFIRMED: "确认导入报告所属机关",
    ReportVerb.SCORECARD_CONFIGURED: "调整考核指标",
}
