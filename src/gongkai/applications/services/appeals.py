"""行政复议 / 行政诉讼 cases (table 4). 纠正 reopens the application for a new reply."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.applications.choices import AppealKind, AppealResult, EventKind, Status
from gongkai.applications.models import Appeal
from gongkai.applications.permissions import CaseAction
from gongkai.applications.services.base import Refused, append, audit, locked_case, save, today
from gongkai.applications.services.cases import reopen
from gongkai.core.actors import actor_user


def file_appeal(
    perms, case_id: int, kind: str, filed_on: date, body: str, case_number: str, *, expected_version=None
) -> Appeal:
    errors = {}
    if kind not in AppealKind.values:
        errors["kind"] = "类型：应为行政复议、行政诉讼（未经复议直接起诉）或行政诉讼（复议后起诉）"
    if not (body or "").strip():
        errors["body"] = "复议机关或法院：必须填写"
    if not (case_number or "").strip():
        errors["case_number"] = "案号：必须填写"
    if not isinstance(filed_on, date) or filed_on > today():
        errors["filed_on"] = "立案日期：不是有效日期或晚于今天"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        if case.status not in {Status.CLOSED, Status.FORWARDED, Status.REOPENED}:
            raise Refused(f"{case.get_status_display()}的申请尚未答复，不能登记行政复议或诉讼")
        if filed_on < case.closed_on:
            raise ValidationError({"filed_on": "立案日期：不能早于答复日期"})
        appeal = Appeal.objects.create(
            application=case, kind=kind, filed_on=filed_on, body=body.strip(), case_number=case_number.strip()
        )
        save(case, [])
        append(
            case,
            EventKind.APPEAL_FILED,
            filed_on,
            actor_user(perms),
            data={"appeal": appeal.pk, "kind": kind, "case_number": appeal.case_number},
        )
        audit("appeal_filed", case, actor_user(perms), {"appeal": [None, appeal.case_number]})
    return appeal


def decide_appeal(perms, appeal_id: int, result: str, decided_on: date) -> Appeal:
    if result not in AppealResult.values or result == AppealResult.PENDING:
        raise ValidationError({"result": "结果：应为维持、纠正或其他结果"})
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().filter(pk=appeal_id).first()
        if appeal is None:
            from django.http import Http404

            raise Http404("未找到该案件")
        case = locked_case(perms, appeal.application_id, CaseAction.HANDLE)
        if appeal.result != AppealResult.PENDING:
            raise Refused("该案件已有结果，不能再次登记")
        if not isinstance(decided_on, date) or decided_on < appeal.filed_on or decided_on > today():
            raise ValidationError({"decided_on": "决定或判决日期：不能早于立案日期或晚于今天"})
        appeal.result, appeal.decided_on = result, decided_on
        appeal.version += 1
        appeal.save(update_fields=["result", "decided_on", "version"])
        save(case, [])
        append(
            case,
            EventKind.APPEAL_DECIDED,
            decided_on,
            actor_user(perms),
            data={"appeal": appeal.pk, "result": result},
        )
        audit("appeal_decided", case, actor_user(perms), {"result": [AppealResult.PENDING, result]})
        if result == AppealResult.CORRECTED and case.status != Status.REOPENED:
            reopen(perms, case, decided_on, appeal)
    return appeal
