"""The wording of each document kind: shipped defaults, and an organ's own text in sandboxed Jinja2.

Only the fields in `FIELDS` are offered; `SandboxedEnvironment` blocks attribute tricks and code, and
`StrictUndefined` makes any other name an error. `check(source)` is run when an organ saves its text and
returns the problems with the line at fault ("第3行：…").
"""

from __future__ import annotations

from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from gongkai.applications.choices import DocumentKind

FIELDS = {
    "organ": "本机关名称",
    "applicant": "申请人姓名或名称",
    "number": "申请登记编号",
    "submitted": "提交申请日期",
    "received": "收到申请之日",
    "receipt_basis": "收到申请之日的依据",
    "description": "所需信息的描述",
    "issued": "文书日期",
    "due": "答复截止日",
    "query_code": "查询码",
    "reconsideration_body": "行政复议机关",
    "court": "管辖法院",
    "items": "需要补正的事项",
    "correct_by": "补正期限",
    "addressee": "征求意见对象",
    "days": "延长的工作日数",
    "reason": "延期理由",
    "note": "说明",
    "fee_amount": "信息处理费金额（元）",
    "fee_breakdown": "收费计算明细",
    "fee_method": "计收方式",
    "pay_by": "缴费期限",
    "outcome": "办理结果（表三行）",
    "reply_type": "答复类型（第三十六条等）",
    "basis": "法律依据",
    "text": "答复正文",
}
SAMPLE = {name: f"〔{label}〕" for name, label in FIELDS.items()}

_REMEDIES = (
    "如对本答复不服，可以自收到本答复之日起60日内向{{ reconsideration_body }}申请行政复议，"
    "或者自收到本答复之日起6个月内向{{ court }}提起行政诉讼。"
)

DEFAULTS: dict[str, str] = {
    DocumentKind.REGISTRATION_FORM: (
        "申请登记编号：{{ number }}\n申请人：{{ applicant }}\n提交申请日期：{{ submitted }}\n"
        "收到申请之日：{{ received }}（{{ receipt_basis }}）\n所需信息：{{ description }}"
    ),
    DocumentKind.RECEIPT: (
        "本机关已收到您提交的政府信息公开申请，登记编号为{{ number }}，查询码为{{ query_code }}。\n"
        "{{ receipt_basis }}。本机关将依照《中华人民共和国政府信息公开条例》的规定，"
        "于{{ due }}前作出答复（需要补正、征求意见或者延长答复期限的，依法另行计算）。"
    ),
    DocumentKind.CORRECTION: (
        "本机关于{{ received }}收到您提出的政府信息公开申请（登记编号{{ number }}）。经审查，您的申请内容"
        "不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您作出补正：\n{{ items }}\n"
        "请于{{ correct_by }}前提交补正材料。答复期限自本机关收到补正后的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    DocumentKind.EXTENSION: (
        "本机关于{{ received }}收到您提出的政府信息公开申请（登记编号{{ number }}）。因{{ reason }}，"
        "本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ days }}个工作日，本机关将于{{ due }}前作出答复。"
    ),
    DocumentKind.CONSULT_THIRD_PARTY: (
        "本机关收到政府信息公开申请（登记编号{{ number }}），申请公开的信息为：{{ description }}。"
        "该信息公开可能损害第三方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，"
        "现征求你方意见。请自收到本意见书之日起15个工作日内提出意见；逾期未提出意见的，"
        "由本机关依照条例的规定决定是否公开。"
    ),
    DocumentKind.CONSULT_CO_ORGAN: (
        "本机关收到政府信息公开申请（登记编号{{ number }}），申请公开的信息为：{{ description }}，"
        "该信息由本机关与你单位共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，"
        "现征求你单位意见。请自收到本意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。"
    ),
    DocumentKind.REASONS: (
        "本机关于{{ received }}收到您提出的政府信息公开申请（登记编号{{ number }}）。{{ note }}"
        "您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》"
        "第三十五条的规定，请您说明理由。理由不合理的，本机关将告知不予处理；理由合理但无法在法定期限内"
        "答复的，本机关将确定延迟答复的合理期限并告知您。"
    ),
    DocumentKind.FEE_NOTICE: (
        "您提出的政府信息公开申请（登记编号{{ number }}）{{ fee_method }}，根据《中华人民共和国政府信息公开条例》"
        "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，应缴纳信息处理费"
        "{{ fee_amount }}元（{{ fee_breakdown }}）。\n请于{{ pay_by }}前缴纳。逾期未缴纳的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。"
    ),
    DocumentKind.REPLY: (
        "本机关于{{ received }}收到您提出的政府信息公开申请（登记编号{{ number }}），"
        "申请获取：{{ description }}。\n经审查，现答复如下：{{ text }}\n"
        "办理结果：{{ outcome }}。依据：{{ basis }}（{{ reply_type }}）。\n" + _REMEDIES
    ),
}

TITLES = {kind: DocumentKind(kind).label for kind in DocumentKind}
TITLES[DocumentKind.REPLY] = "政府信息公开申请答复书"


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def check(source: str) -> list[str]:
    """Problems of an organ's template, each naming the line: syntax, unknown fields, failed render."""
    env = _environment()
    try:
        parsed = env.parse(source)
    except TemplateSyntaxError as exc:
        return [f"第{exc.lineno}行：模板语法错误（{exc.message}）"]
    problems = []
    for name in sorted(meta.find_undeclared_variables(parsed) - set(FIELDS)):
        line = next((i for i, text in enumerate(source.splitlines(), 1) if name in text), 1)
        problems.append(f"第{line}行：未知字段“{name}”（可用字段：{'、'.join(FIELDS)}）")
    if problems:
        return problems
    try:
        env.from_string(source).render(SAMPLE)
    except (UndefinedError, SecurityError, TypeError, ValueError) as exc:
        line = _error_line(exc)
        return [f"第{line}行：模板无法生成文书（{exc}）"]
    return []


def _error_line(exc: Exception) -> int:
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(source: str, context: dict) -> list[str]:
    """The body's paragraphs (one per line of the rendered text)."""
    text = _environment().from_string(source).render({name: context.get(name, "") for name in FIELDS})
    return [line.strip() for line in text.splitlines() if line.strip()]
