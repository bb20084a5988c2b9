"""Audit verbs of the casework and their Chinese labels, and the legal pointers of its portal column
(registered in `apps.ready`)."""

VERBS = {
    "application.submitted": "网上提交申请",
    "application.registered": "登记申请",
    "application.confirmed": "确认收到申请",
    "application.assigned": "指定承办人",
    "application.correction_requested": "发出补正告知书",
    "application.corrected": "收到补正材料",
    "application.correction_lapsed": "逾期未补正办结",
    "application.consultation_sent": "发出征求意见书",
    "application.consultation_answered": "收到征求意见回复",
    "application.consultation_lapsed": "征求意见期满",
    "application.extension_requested": "申请延期答复",
    "application.extension_approved": "批准延期答复",
    "application.extension_refused": "不批准延期答复",
    "application.reasons_requested": "要求说明理由",
    "application.reasons_received": "收到申请人理由",
    "application.fee_notice": "发出收费通知书",
    "application.fee_paid": "登记缴费",
    "application.fee_lapsed": "逾期未缴费办结",
    "application.replied": "作出答复",
    "application.withdrawn": "撤回申请",
    "application.forwarded": "转送其他机关",
    "application.forwarded_in": "收到转送的申请",
    "application.reopened": "因纠正决定重新办理",
    "application.appeal_filed": "登记行政复议或诉讼",
    "application.appeal_decided": "登记复议或诉讼结果",
    "application.template_saved": "修改文书模板",
    "application.settings_saved": "修改依申请公开设置",
}

# 相关规定 shown on the portal's 依申请公开 column and the online form (display text only; the deadlines the
# platform computes with live in the versioned rule sets of gongkai.workdays).
NOTES = (
    "公民、法人或者其他组织可以向行政机关申请获取相关政府信息（第二十七条）。",
    "申请应当采用书面形式（包括数据电文形式）；书面形式确有困难的，可以口头提出，由受理机关代为填写申请（第二十九条）。",
    "申请内容包括：申请人的姓名或者名称、身份证明、联系方式；所需政府信息的名称、文号或者便于查询的其他特征性描述；"
    "获取信息的方式、途径（第二十九条）。",
    "不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，"
    "延长期限最长不超过20个工作日（第三十三条）。",
    "行政机关依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费（第四十二条）。",
)
