"""Staff pages of the casework, under /workspace/o/<slug>/applications/ (namespace "applications")."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.applications import legal, numbering, selectors
from gongkai.applications.actions import ACTIONS
from gongkai.applications.choices import DocumentKind, EventKind, Status
from gongkai.applications.clock import case_clock
from gongkai.applications.documents import wording
from gongkai.applications.forms import (
    APPEAL_KIND_CHOICES,
    APPEAL_RESULT_CHOICES,
    CONSULT_CHOICES,
    FEE_CHOICES,
    QueueFilterForm,
    StaffIntakeForm,
)
from gongkai.applications.models import DocumentTemplate
from gongkai.applications.permissions import CaseAction, can, require
from gongkai.applications.presenters import applicant_name, applicant_view, outcome_text
from gongkai.applications.services import cases, documents
from gongkai.applications.services.base import Refused, today
from gongkai.applications.transitions import allowed_actions
from gongkai.organs.models import Organ, Role, RoleGrant
from gongkai.organs.permissions import Action as OrganAction
from gongkai.organs.permissions import get_organ_or_404
from gongkai.organs.scope import for_request


def _organ(request, slug, action=CaseAction.VIEW):
    perms = for_request(request)
    organ = get_organ_or_404(perms, OrganAction.VIEW, slug=slug)  # 404 for an unseen organ
    require(perms, action, organ)  # 403 with the reason
    return perms, organ


@login_required
@require_safe
def queue(request, slug):
    perms, organ = _organ(request, slug)
    clerks = (
        get_user_model()
        .objects.filter(role_grants__organ=organ, role_grants__role__in=[Role.CLERK, Role.HEAD])
        .distinct()
    )
    form = QueueFilterForm(request.GET or None, clerks=clerks)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.queue_cases(
        perms,
        organ,
        today(),
        status=filters.get("status", ""),
        outcome=filters.get("outcome", ""),
        clerk_id=filters.get("clerk"),
        channel=filters.get("channel", ""),
        received_from=filters.get("received_from"),
        received_to=filters.get("received_to"),
        open_only=not filters.get("outcome"),
    )
    total = len(rows)
    pages = max(1, -(-total // QUEUE_PAGE_SIZE))
    page = _page_number(request.GET.get("page"), pages)
    start = (page - 1) * QUEUE_PAGE_SIZE
    case_url = reverse("applications:case", kwargs={"slug": organ.slug, "pk": 0})[: -len("0/")]
    items = [
        _queue_row(perms, case, clock, case_url) for case, clock in rows[start : start + QUEUE_PAGE_SIZE]
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/staff/queue.html",
        {
            "organ": organ,
            "form": form,
            "items": items,
            "total": total,
            "page": page,
            "pages": pages,
            "first": start + 1 if items else 0,
            "last": start + len(items),
            "query": query.urlencode(),
            "can_handle": can(perms, CaseAction.HANDLE, organ),
        },
    )


QUEUE_PAGE_SIZE = 50


def _queue_row(perms, case, clock, case_url: str) -> dict:
    """One line of the queue as plain values (the template only prints them: 50 lines stay cheap)."""
    clerk = case.clerk
    return {
        "url": f"{case_url}{case.pk}/",
        "number": case.number,
        "applicant": applicant_name(perms, case),
        "channel": case.get_channel_display(),
        "status": case.get_status_display(),
        "received": f"{case.received_on:%Y-%m-%d}" if case.received_on else "待确认",
        "due": f"{clock.due:%Y-%m-%d}{'（暂定）' if clock.provisional else ''}" if clock.due else "—",
        "overdue": clock.overdue,
        "days_late": clock.days_late,
        "running": clock.running,
        "due_soon": clock.due_soon,
        "left": clock.clock.left if clock.clock else None,
        "clerk": f"{clerk.last_name}{clerk.first_name or clerk.username}" if clerk else "未指定",
    }


def _page_number(value: str | None, pages: int) -> int:
    try:
        return min(max(int(value or 1), 1), pages)
    except ValueError:
        return 1


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def intake(request, slug):
    perms, organ = _organ(request, slug, CaseAction.HANDLE)
    form = StaffIntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = cases.register(
                perms,
                organ,
                form.intake_data(),
                data.get("channel") or "",
                submitted_on=data.get("submitted_on"),
                signed_on=data.get("signed_on"),
                confirmed_on=data.get("confirmed_on"),
            )
        except ValidationError as exc:
            form.attach(exc)
        else:
            messages.success(request, f"已登记申请 {case.number}。")
            return redirect("applications:case", slug=organ.slug, pk=case.pk)
    return render(request, "applications/staff/intake.html", {"organ": organ, "form": form})


def _case(request, slug, pk):
    perms, organ = _organ(request, slug)
    case = selectors.case_detail(perms, pk)
    if case.organ_id != organ.pk:
        raise Http404("未找到该申请")
    return perms, organ, case


@login_required
@require_safe
def case_page(request, slug, pk):
    perms, organ, case = _case(request, slug, pk)
    clock = case_clock(case, case.events.all(), today())
    can_handle = can(perms, CaseAction.HANDLE, organ)
    possible = {a.value for a in allowed_actions(case.status)} if can_handle else set()
    # The forward form's choices, queried only when the form is shown.
    regional = (
        Organ.objects.exclude(pk=organ.pk).order_by("sort_order", "name") if "forward" in possible else []
    )
    pending_extension = _pending_extension(case)
    return render(
        request,
        "applications/staff/case.html",
        {
            "organ": organ,
            "case": case,
            "clock": clock,
            "applicant": applicant_view(perms, case),
            "outcome": outcome_text(case),
            "events": case.events.all(),
            "documents": case.documents.all(),
            "appeals": case.appeals.all(),
            "attachments": case.attachments.all() if can(perms, CaseAction.VIEW, organ) else [],
            "can_handle": can_handle,
            "can_approve": can(perms, CaseAction.APPROVE_EXTENSION, organ),
            "possible": possible,
            "pending_extension": pending_extension,
            "outcomes": legal.outcome_choices(case.received_on),
            "reply_types": legal.reply_types().items(),
            "consult_choices": CONSULT_CHOICES,
            "fee_choices": FEE_CHOICES,
            "appeal_kinds": APPEAL_KIND_CHOICES,
            "appeal_results": APPEAL_RESULT_CHOICES,
            "regional": regional,
            "today": today().isoformat(),
            "closed": case.status in {Status.CLOSED, Status.FORWARDED, Status.REOPENED},
        },
    )


def _pending_extension(case):
    last = [e for e in case.events.all() if e.kind.startswith("extension_")]
    return last[-1] if last and last[-1].kind == EventKind.EXTENSION_REQUESTED else None


@login_required
@require_POST
def act(request, slug, pk, action):
    perms, organ, case = _case(request, slug, pk)
    require(perms, CaseAction.HANDLE, organ)  # 403 before anything is read from the form
    if action not in ACTIONS:
        raise Http404("没有这个操作")
    run, done = ACTIONS[action]
    try:
        run(perms, case, request.POST)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                messages.error(request, error if "：" in error else f"{field}：{error}")
    except Refused as exc:
        messages.error(request, str(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "您没有执行此操作的权限")
    else:
        messages.success(request, done)
    return redirect("applications:case", slug=organ.slug, pk=case.pk)


@login_required
@require_safe
def document_file(request, slug, pk, doc_id, fmt):
    perms, organ, case = _case(request, slug, pk)
    document = case.documents.filter(pk=doc_id).first()
    if document is None or fmt not in {"pdf", "docx"}:
        raise Http404("未找到该文书")
    handle = document.pdf if fmt == "pdf" else document.docx
    return FileResponse(handle.open("rb"), as_attachment=fmt == "docx", filename=f"{document.number}.{fmt}")


@login_required
@require_safe
def attachment_file(request, slug, pk, att_id):
    perms, organ, case = _case(request, slug, pk)
    attachment = case.attachments.filter(pk=att_id).first()
    if attachment is None:
        raise Http404("未找到该附件")
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request, slug):
    perms, organ = _organ(request, slug, CaseAction.CONFIGURE)
    current = numbering.settings_for(organ)
    errors: list[str] = []
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind:
            try:
                documents.save_template(perms, organ, kind, request.POST.get("body", ""))
            except ValidationError as exc:
                errors = [e for errs in exc.message_dict.values() for e in errs]
            else:
                messages.success(request, f"已保存“{DocumentKind(kind).label}”的文书模板。")
                return redirect("applications:settings", slug=organ.slug)
        else:
            try:
                documents.save_settings(perms, organ, request.POST)
            except ValidationError as exc:
                errors = [e for errs in exc.message_dict.values() for e in errs]
            else:
                messages.success(request, "已保存依申请公开设置。")
                return redirect("applications:settings", slug=organ.slug)
    own = dict(DocumentTemplate.objects.filter(organ=organ).values_list("kind", "body"))
    templates = [
        (k, DocumentKind(k).label, own.get(k) or wording.DEFAULTS[k], k in own) for k in DocumentKind.values
    ]
    return render(
        request,
        "applications/staff/settings.html",
        {
            "organ": organ,
            "current": current,
            "templates": templates,
            "fields": wording.FIELDS.items(),
            "errors": errors,
            "posted": request.POST if errors else None,
        },
    )


@login_required
@require_safe
def report(request, slug, year):
    perms, organ = _organ(request, slug)
    table3 = selectors.table3_counts(organ, year)
    table4 = selectors.table4_counts(organ, year)
    row, column = request.GET.get("row", ""), request.GET.get("column", "total")
    drill = []
    if row:
        try:
            drill = list(selectors.table3_cases(organ, year, row, column)[:500])
        except ValueError as exc:
            messages.error(request, str(exc))
    rows = _table3_rows(table3)
    return render(
        request,
        "applications/staff/report.html",
        {
            "organ": organ,
            "year": year,
            "rows": rows,
            "table4": table4,
            "drill": drill,
            "row": row,
            "column": column,
            "years": range(today().year, today().year - 4, -1),
            "base": reverse("applications:report", kwargs={"slug": organ.slug, "year": year}),
        },
    )


def _table3_rows(table3: dict) -> list[tuple[str, str, list[tuple[str, int]]]]:
    from gongkai.annualreport.model import APPLICANT_COLUMNS

    def cells(row):
        return [(col, row[col]) for col in APPLICANT_COLUMNS]

    out = [
        ("new", "一、本年新收政府信息公开申请数量", cells(table3["new"])),
        ("carried_over", "二、上年结转政府信息公开申请数量", cells(table3["carried_over"])),
    ]
    for path in selectors.RESULT_ROWS:
        group, _, leaf = path.partition(".")
        row = table3["results"][group][leaf] if leaf else table3["results"][group]
        out.append((f"results.{path}", legal.outcome_label(path), cells(row)))
    out.append(("results.total", "（七）总计", cells(table3["results"]["total"])))
    out.append(("carried_forward", "四、结转下年度继续办理", cells(table3["carried_forward"])))
    return out


def staff_roles(organ) -> list:
    return list(RoleGrant.objects.filter(organ=organ).select_related("user"))
