"""The vocabularies of the casework, each tied to the words the law, the clock and table 3 already use."""

from __future__ import annotations

from django.db import models

from gongkai.annualreport.model import APPLICANT_COLUMN_LABELS, APPLICANT_COLUMNS


class Channel(models.TextChoices):
    """How the application arrived; decides the date of receipt (第三十一条)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    REGISTERED_POST = "registered_post", "挂号信（邮政EMS等需签收的邮寄）"
    LETTER = "letter", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


# 申请人情况: the six applicant columns of table 3 (the schema's keys; "total" is not a kind).
ApplicantKind = models.TextChoices(
    "ApplicantKind",
    [(key, (key, APPLICANT_COLUMN_LABELS[key])) for key in APPLICANT_COLUMNS if key != "total"],
)
ORGANISATION_KINDS = frozenset(k for k in ApplicantKind.values if k != "natural_person")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他身份证明"


class WantedForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    DOWNLOAD = "download", "网上下载"


class Status(models.TextChoices):
    """Where the case is in its lifecycle. Urgency (due soon, overdue) is never stored: see `clock`."""

    PENDING = "pending", "待确认"
    OPEN = "open", "办理中"
    CORRECTION = "correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    FEE = "fee", "待缴费"
    CLOSED = "closed", "已答复"
    WITHDRAWN = "withdrawn", "已撤回"
    FORWARDED = "forwarded", "已转送"
    REOPENED = "reopened", "重新答复中"


CLOSED_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN, Status.FORWARDED})
ACTIVE_STATUSES = frozenset(set(Status) - CLOSED_STATUSES - {Status.PENDING})


class EventKind(models.TextChoices):
    """The case events. `CLOCK_KINDS` maps those that move the statutory clock to `gongkai.workdays` kinds."""

    SUBMITTED = "submitted", "网上提交申请"
    REGISTERED = "registered", "登记申请"
    CONFIRMED = "confirmed", "确认收到申请"
    ASSIGNED = "assigned", "指定承办人"
    CORRECTION_REQUESTED = "correction_requested", "发出补正告知书"
    CORRECTED = "corrected", "收到补正后的申请"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    CONSULTATION_SENT = "consultation_sent", "发出征求意见书"
    CONSULTATION_ANSWERED = "consultation_answered", "收到征求意见回复"
    CONSULTATION_LAPSED = "consultation_lapsed", "征求意见期满未回复"
    EXTENSION_REQUESTED = "extension_requested", "申请延期答复"
    EXTENSION_APPROVED = "extension_approved", "批准延期答复"
    EXTENSION_REFUSED = "extension_refused", "不批准延期答复"
    REASONS_REQUESTED = "reasons_requested", "要求说明理由（第三十五条）"
    REASONS_RECEIVED = "reasons_received", "收到申请人说明的理由"
    FEE_NOTICE = "fee_notice", "发出收费通知书"
    FEE_PAID = "fee_paid", "收到信息处理费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    REPLIED = "replied", "作出答复"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    FORWARDED = "forwarded", "转送其他机关"
    REOPENED = "reopened", "因纠正决定重新办理"
    DOCUMENT_ISSUED = "document_issued", "出具文书"
    APPEAL_FILED = "appeal_filed", "行政复议或诉讼立案"
    APPEAL_DECIDED = "appeal_decided", "行政复议或诉讼结果"


class ConsultParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    CO_ORGAN = "co_organ", "共同制作机关（第三十四条）"


class FeeMethod(models.TextChoices):
    BY_COUNT = "count", "按件计收"
    BY_PAGES = "pages", "按量计收"


class DocumentKind(models.TextChoices):
    """The documents an office issues (domain.md §3). `code` in DOCUMENT_CODES feeds the 文号 pattern."""

    REGISTRATION_FORM = "registration_form", "政府信息公开申请登记表"
    RECEIPT = "receipt", "政府信息公开申请接收回执"
    CORRECTION = "correction", "补正申请告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULT_THIRD_PARTY = "consult_third_party", "征求第三方意见书"
    CONSULT_CO_ORGAN = "consult_co_organ", "征求意见书（共同制作机关）"
    REASONS = "reasons", "说明理由告知书"
    FEE_NOTICE = "fee_notice", "信息处理费收费通知书"
    REPLY = "reply", "政府信息公开申请答复书"


# 文号 codes per document kind, the organ's pattern puts them in `{code}` (practice: one city's set).
DOCUMENT_CODES = {
    DocumentKind.REGISTRATION_FORM: "登",
    DocumentKind.RECEIPT: "收",
    DocumentKind.CORRECTION: "补",
    DocumentKind.EXTENSION: "延",
    DocumentKind.CONSULT_THIRD_PARTY: "征",
    DocumentKind.CONSULT_CO_ORGAN: "商",
    DocumentKind.REASONS: "说",
    DocumentKind.FEE_NOTICE: "费",
    DocumentKind.REPLY: "答",
}


class AppealKind(models.TextChoices):
    """The three groups of table 4 (schema keys)."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after_reconsideration", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    """Table 4's result columns (schema keys)."""

    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"
