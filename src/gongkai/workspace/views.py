"""Staff workspace pages. Every organ is looked up through `permissions.get_organ_or_404`, so an organ
the user holds no role in is a 404 whichever way its URL was reached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.organs import permissions
from gongkai.organs.models import RoleGrant, descendant_ids
from gongkai.organs.permissions import Action
from gongkai.organs.services import update_organ
from gongkai.workspace.forms import AuditSearchForm, OrganForm

AUDIT_PAGE_SIZE = 50
RECENT_EVENTS = 20

# Placeholders on the organ dashboard for the modules later issues add.
DASHBOARD_MODULES = (
    ("依申请公开", "申请登记、补正、延期、答复的待办队列", "依申请公开办理模块将在后续版本提供。"),
    ("主动公开", "政府信息公开目录、发布审核与保密审查", "主动公开目录模块将在后续版本提供。"),
    ("年度报告", "政府信息公开工作年度报告的填报、校验与发布", "年度报告模块将在后续版本提供。"),
)


@login_required
@require_safe
def home(request):
    perms = permissions.for_request(request)
    organs = permissions.visible_organs(request.user, perms).order_by("sort_order", "name")
    rows = [(organ, perms.role_labels(organ)) for organ in organs]
    return render(request, "workspace/home.html", {"rows": rows})


@login_required
@require_safe
def organ_dashboard(request, slug):
    perms = permissions.for_request(request)
    organ = permissions.get_organ_or_404(perms, Action.VIEW, slug=slug)
    return render(
        request,
        "workspace/organ_dashboard.html",
        {
            "organ": organ,
            "modules": DASHBOARD_MODULES,
            "my_roles": perms.role_labels(organ),
            "can_change": perms.can(Action.CHANGE, organ),
            "supervised": _supervised_organs(perms, organ),
        },
    )


def _supervised_organs(perms, organ) -> list:
    """For a 主管部门: the organs it supervises that `user` may see (empty for other organs)."""
    if not organ.is_supervising:
        return []
    scope = descendant_ids(organ.supervised_root())
    visible = permissions.visible_organs(None, perms).filter(pk__in=scope).exclude(pk=organ.pk)
    return list(visible.order_by("sort_order", "name"))


@login_required
@require_safe
def organ_detail(request, slug):
    perms = permissions.for_request(request)
    organ = permissions.get_organ_or_404(perms, Action.VIEW, slug=slug)
    can_audit = perms.can(Action.VIEW_AUDIT, organ)
    events = permissions.visible_events(request.user, perms).filter(organ=organ)[:RECENT_EVENTS]
    staff = RoleGrant.objects.filter(organ=organ).select_related("user").order_by("role", "user__username")
    return render(
        request,
        "workspace/organ_detail.html",
        {
            "organ": organ,
            "events": events,
            "can_audit": can_audit,
            "staff": staff,
            "can_change": perms.can(Action.CHANGE, organ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organ_edit(request, slug):
    organ = permissions.get_organ_or_404(permissions.for_request(request), Action.CHANGE, slug=slug)
    form = OrganForm(request.POST or None, instance=organ)
    if request.method == "POST" and form.is_valid():
        try:
            diff = update_organ(request.user, organ, request=request, **form.changed_values())
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, "已保存机关信息。" if diff else "没有需要保存的修改。")
            return redirect("workspace:organ-detail", slug=organ.slug)
    return render(request, "workspace/organ_edit.html", {"organ": organ, "form": form})


def _attach_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_safe
def audit_search(request):
    perms = permissions.for_request(request)
    organs = permissions.visible_organs(request.user, perms).order_by("sort_order", "name")
    form = AuditSearchForm(request.GET or None, organs=organs)
    events = permissions.visible_events(request.user, perms)
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workspace/audit.html", {"form": form, "page": page, "query": query.urlencode()})
