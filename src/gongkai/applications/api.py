"""The casework endpoints of /api/v1/ (mounted at /api/v1/applications/ from `ApplicationsConfig.ready`).

GET  /api/v1/applications/                        cases the user may see (paged; filters below)
GET  /api/v1/applications/{id}/                   one case: clock, trace, deadlines, events, documents
POST /api/v1/applications/organs/{slug}/          staff intake (same fields as the form, plus channel and dates)
POST /api/v1/applications/{id}/actions/            any action of the case page: {"action": "reply", …}
GET  /api/v1/applications/organs/{slug}/table3/?year=2026   table 3 counts (the schema's keys)
GET  /api/v1/applications/organs/{slug}/table4/?year=2026   table 4 counts

Same services and permissions as the pages; personal data is masked for every role except the clerk and
head handling the case; unseen cases are 404.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Body, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gongkai.applications import selectors
from gongkai.applications.actions import ACTIONS
from gongkai.applications.clock import case_clock
from gongkai.applications.permissions import CaseAction, cases_for, require
from gongkai.applications.presenters import applicant_view, outcome_text
from gongkai.applications.services import cases
from gongkai.applications.services.base import Refused, today
from gongkai.core.pagination import PageNumber
from gongkai.organs.permissions import Action as OrganAction
from gongkai.organs.permissions import get_organ_or_404
from gongkai.organs.scope import for_request

router = Router(tags=["依申请公开"])


class CaseOut(Schema):
    id: int
    number: str
    organ_id: int
    query_code: str
    status: str
    status_label: str
    channel: str
    applicant_kind: str
    received_on: date | None
    receipt_basis: str
    due: date | None
    working_days_used: int | None
    working_days_left: int | None
    overdue: bool
    due_soon: bool
    provisional: bool
    outcome: str
    outcome_label: str
    reply_type: str
    closed_on: date | None
    version: int
    applicant: dict[str, Any]


class CaseDetailOut(CaseOut):
    description: str
    trace: list[str]
    deadlines: list[dict[str, Any]]
    events: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    appeals: list[dict[str, Any]]


class CaseFilter(Schema):
    organ: str | None = None  # organ slug
    status: str | None = None
    outcome: str | None = None
    channel: str | None = None
    clerk_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None


def _out(perms, case, detail: bool = False, clock=None) -> dict:
    clock = clock or case_clock(case, case.events.all(), today())
    out = {
        "id": case.pk,
        "number": case.number,
        "organ_id": case.organ_id,
        "query_code": case.query_code,
        "status": case.status,
        "status_label": case.get_status_display(),
        "channel": case.channel,
        "applicant_kind": case.applicant_kind,
        "received_on": case.received_on,
        "receipt_basis": case.receipt_basis,
        "due": clock.due,
        "working_days_used": clock.clock.used if clock.clock else None,
        "working_days_left": clock.clock.left if clock.clock else None,
        "overdue": clock.overdue,
        "due_soon": clock.due_soon,
        "provisional": clock.provisional,
        "outcome": case.outcome,
        "outcome_label": outcome_text(case),
        "reply_type": case.reply_type,
        "closed_on": case.closed_on,
        "version": case.version,
        "applicant": applicant_view(perms, case),
    }
    if detail:
        out.update(
            description=case.description,
            trace=clock.trace,
            deadlines=[{"label": label, "date": day.isoformat()} for label, day in clock.deadlines],
            events=[
                {
                    "on": e.on.isoformat(),
                    "kind": e.kind,
                    "label": e.get_kind_display(),
                    "days": e.days,
                    "note": e.note,
                    "actor": e.actor_name,
                }
                for e in case.events.all()
            ],
            documents=[
                {
                    "id": d.pk,
                    "kind": d.kind,
                    "title": d.title,
                    "number": d.number,
                    "issued_on": d.issued_on.isoformat(),
                    "pdf_sha256": d.pdf_sha256,
                    "docx_sha256": d.docx_sha256,
                }
                for d in case.documents.all()
            ],
            appeals=[
                {
                    "id": a.pk,
                    "kind": a.kind,
                    "filed_on": a.filed_on.isoformat(),
                    "body": a.body,
                    "case_number": a.case_number,
                    "result": a.result,
                    "decided_on": a.decided_on.isoformat() if a.decided_on else None,
                }
                for a in case.appeals.all()
            ],
        )
    return out


class _Mapped(Sequence):
    """A lazy sequence mapped item by item, so the paginator loads and computes only its page."""

    def __init__(self, rows: Sequence, fn):
        self._rows, self._fn = rows, fn

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._fn(row) for row in self._rows[index]]
        return self._fn(self._rows[index])


@router.get("/", response=list[CaseOut], summary="申请列表（按紧急程度排序）")
@paginate(PageNumber)
def case_list(request, filters: Query[CaseFilter]):
    perms = for_request(request)
    if filters.organ:
        organ = get_organ_or_404(perms, OrganAction.VIEW, slug=filters.organ)
        require(perms, CaseAction.VIEW, organ)
        rows = selectors.queue_cases(
            perms,
            organ,
            today(),
            status=filters.status or "",
            outcome=filters.outcome or "",
            clerk_id=filters.clerk_id,
            channel=filters.channel or "",
            received_from=filters.received_from,
            received_to=filters.received_to,
            open_only=not (filters.status or filters.outcome),
        )
        return _Mapped(rows, lambda row: _out(perms, row[0], clock=row[1]))
    qs = cases_for(perms, CaseAction.VIEW).select_related("applicant").prefetch_related("events")
    for name in ("status", "outcome", "channel", "clerk_id"):
        value = getattr(filters, name)
        if value:
            qs = qs.filter(**{name: value})
    if filters.received_from:
        qs = qs.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received_on__lte=filters.received_to)
    return [_out(perms, case) for case in qs.order_by("-submitted_at")[:1000]]


@router.get("/{int:pk}/", response=CaseDetailOut, summary="申请详情（含期限计算过程）")
def case_detail(request, pk: int):
    perms = for_request(request)
    return _out(perms, selectors.case_detail(perms, pk), detail=True)


def _text(payload: dict) -> dict:
    return {
        k: ("1" if v else "0") if isinstance(v, bool) else ("" if v is None else str(v))
        for k, v in payload.items()
    }


@router.post(
    "/organs/{slug}/", response={201: CaseDetailOut}, summary="登记申请（当面、邮寄、传真、电子邮件）"
)
def case_register(request, slug: str, payload: Body[dict[str, Any]]):
    perms = for_request(request)
    organ = get_organ_or_404(perms, OrganAction.VIEW, slug=slug)
    data = dict(payload)
    channel = str(data.pop("channel", "") or "")
    dates = {}
    for name, label in (
        ("submitted_on", "提交日期"),
        ("signed_on", "签收日期"),
        ("confirmed_on", "确认日期"),
    ):
        raw = data.pop(name, None)
        if raw:
            try:
                dates[name] = date.fromisoformat(str(raw))
            except ValueError:
                raise ValidationError({name: f"{label}：请按YYYY-MM-DD填写有效日期"}) from None
    case = cases.register(perms, organ, data, channel, **dates)
    return 201, _out(perms, selectors.case_detail(perms, case.pk), detail=True)


@router.post(
    "/{int:pk}/actions/",
    response=CaseDetailOut,
    summary="办理操作",
    description="请求体为JSON对象：action 为操作名（confirm、request_correction、receive_correction、"
    "lapse_correction、consult、end_consultation、request_extension、decide_extension、request_reasons、"
    "receive_reasons、fee_notice、fee_paid、fee_lapsed、reply、withdraw、forward、file_appeal、decide_appeal），"
    "其余键与办理页面的表单字段相同（日期为YYYY-MM-DD，version 为乐观锁版本）。状态不允许的操作返回409。",
)
def case_action(request, pk: int, payload: Body[dict[str, Any]]):
    perms = for_request(request)
    case = selectors.case_detail(perms, pk)
    data = dict(payload)
    action = str(data.pop("action", "") or "")
    payload = data
    if action not in ACTIONS:
        raise Http404(f"没有这个操作：{action}（可用：{'、'.join(map(str, ACTIONS))}）")
    run, _ = ACTIONS[action]
    try:
        run(perms, case, _text(payload))
    except Refused as exc:
        raise HttpError(409, str(exc)) from exc
    return _out(perms, selectors.case_detail(perms, pk), detail=True)


@router.get("/organs/{slug}/table3/", response=dict[str, Any], summary="表三统计（年度报告）")
def table3(request, slug: str, year: int | None = None):
    year = year or today().year
    perms = for_request(request)
    organ = get_organ_or_404(perms, OrganAction.VIEW, slug=slug)
    require(perms, CaseAction.VIEW, organ)
    return selectors.table3_counts(organ, year)


@router.get("/organs/{slug}/table4/", response=dict[str, Any], summary="表四统计（年度报告）")
def table4(request, slug: str, year: int | None = None):
    year = year or today().year
    perms = for_request(request)
    organ = get_organ_or_404(perms, OrganAction.VIEW, slug=slug)
    require(perms, CaseAction.VIEW, organ)
    return selectors.table4_counts(organ, year)
