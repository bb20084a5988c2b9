"""Every case action by name, with its parameters read from a form post or a JSON body (as text), shared
by the staff pages and the API so both call the same service with the same checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from gongkai.applications.forms import parse_date, parse_int
from gongkai.applications.models import Appeal
from gongkai.applications.services import appeals, cases
from gongkai.applications.transitions import Action
from gongkai.organs.models import Organ


def _on(post):
    return parse_date(post.get("on", ""), "on", "日期")


def _bool(post, name):
    return post.get(name) in {"1", "on", "true", "yes"}


# action name -> (service call with the POSTed values, success message)
ACTIONS = {
    Action.CONFIRM: (
        lambda p, c, d: cases.confirm(p, c.pk, _on(d), expected_version=_v(d)),
        "已确认收到申请。",
    ),
    Action.REQUEST_CORRECTION: (
        lambda p, c, d: cases.request_correction(
            p,
            c.pk,
            _on(d),
            d.get("items", ""),
            parse_date(d.get("correct_by", ""), "correct_by", "补正期限"),
            expected_version=_v(d),
        ),
        "已发出补正告知书。",
    ),
    Action.RECEIVE_CORRECTION: (
        lambda p, c, d: cases.receive_correction(p, c.pk, _on(d), expected_version=_v(d)),
        "已登记补正材料，答复期限重新起算。",
    ),
    Action.LAPSE_CORRECTION: (
        lambda p, c, d: cases.lapse_correction(p, c.pk, _on(d), expected_version=_v(d)),
        "已按逾期未补正办结。",
    ),
    Action.CONSULT: (
        lambda p, c, d: cases.consult(
            p, c.pk, _on(d), d.get("party", ""), d.get("addressee", ""), expected_version=_v(d)
        ),
        "已发出征求意见书。",
    ),
    Action.END_CONSULTATION: (
        lambda p, c, d: cases.end_consultation(
            p, c.pk, _on(d), d.get("answered") == "1", d.get("opinion", ""), expected_version=_v(d)
        ),
        "已登记征求意见结果。",
    ),
    Action.REQUEST_EXTENSION: (
        lambda p, c, d: cases.request_extension(
            p,
            c.pk,
            _on(d),
            parse_int(d.get("days", ""), "days", "延长天数"),
            d.get("reason", ""),
            expected_version=_v(d),
        ),
        "已提交延期申请，待负责人审批。",
    ),
    Action.DECIDE_EXTENSION: (
        lambda p, c, d: cases.decide_extension(
            p, c.pk, _on(d), d.get("approve") == "1", expected_version=_v(d)
        ),
        "已审批延期申请。",
    ),
    Action.REQUEST_REASONS: (
        lambda p, c, d: cases.request_reasons(p, c.pk, _on(d), d.get("note", ""), expected_version=_v(d)),
        "已发出说明理由告知书。",
    ),
    Action.RECEIVE_REASONS: (
        lambda p, c, d: cases.receive_reasons(
            p, c.pk, _on(d), d.get("reasonable") == "1", d.get("note", ""), expected_version=_v(d)
        ),
        "已登记申请人说明的理由。",
    ),
    Action.FEE_NOTICE: (
        lambda p, c, d: cases.fee_notice(
            p,
            c.pk,
            _on(d),
            d.get("method", ""),
            parse_int(d["pages"], "pages", "页数") if d.get("pages") else None,
            expected_version=_v(d),
        ),
        "已发出收费通知书。",
    ),
    Action.FEE_PAID: (
        lambda p, c, d: cases.fee_paid(p, c.pk, _on(d), expected_version=_v(d)),
        "已登记缴费，答复期限继续计算。",
    ),
    Action.FEE_LAPSED: (
        lambda p, c, d: cases.fee_lapsed(p, c.pk, _on(d), expected_version=_v(d)),
        "已按逾期未缴费办结。",
    ),
    Action.REPLY: (
        lambda p, c, d: cases.reply(
            p,
            c.pk,
            _on(d),
            d.get("outcome", ""),
            d.get("reply_type", ""),
            d.get("text", ""),
            expected_version=_v(d),
        ),
        "已作出答复并生成答复书。",
    ),
    Action.WITHDRAW: (
        lambda p, c, d: cases.withdraw(p, c.pk, _on(d), d.get("note", ""), expected_version=_v(d)),
        "已登记撤回申请。",
    ),
    Action.FORWARD: (
        lambda p, c, d: cases.forward(
            p, c.pk, _on(d), _target(d), _bool(d, "consent"), expected_version=_v(d)
        ),
        "已转送，并在受理机关生成了关联申请。",
    ),
    "file_appeal": (
        lambda p, c, d: appeals.file_appeal(
            p,
            c.pk,
            d.get("kind", ""),
            parse_date(d.get("filed_on", ""), "filed_on", "立案日期"),
            d.get("body", ""),
            d.get("case_number", ""),
            expected_version=_v(d),
        ),
        "已登记行政复议或诉讼。",
    ),
    "decide_appeal": (
        lambda p, c, d: appeals.decide_appeal(
            p,
            _appeal_id(c, d),
            d.get("result", ""),
            parse_date(d.get("decided_on", ""), "decided_on", "决定或判决日期"),
        ),
        "已登记复议或诉讼结果。",
    ),
}


def _v(post) -> int | None:
    raw = post.get("version", "")
    return int(raw) if raw.isdigit() else None


def _target(post):
    raw = post.get("target", "")
    return Organ.objects.filter(pk=int(raw)).first() if raw.isdigit() else None


def _appeal_id(case, post) -> int:
    raw = post.get("appeal", "")
    appeal = Appeal.objects.filter(pk=int(raw), application=case).first() if raw.isdigit() else None
    if appeal is None:
        raise ValidationError({"appeal": "案件：请选择本申请的复议或诉讼案件"})
    return appeal.pk
