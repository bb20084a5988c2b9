"""Staff workspace pages. Every organ is looked up through `permissions.get_organ_or_404`, so an organ
the user holds no role in is a 404 whichever way its URL was reached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.audit.selectors import visible_events
from gongkai.core import registry
from gongkai.organs import permissions
from gongkai.organs.models import RoleGrant, descendant_ids
from gongkai.organs.permissions import Action, audit_organ_ids, organs_for
from gongkai.organs.scope import for_request
from gongkai.organs.services import update_organ
from gongkai.workspace.forms import AuditSearchForm, OrganForm

AUDIT_PAGE_SIZE = 50
RECENT_EVENTS = 20


@login_required
@require_safe
def home(request):
    perms = for_request(request)
    organs = organs_for(perms).order_by("sort_order", "name")
    rows = [(organ, perms.role_labels(organ)) for organ in organs]
    return render(request, "workspace/home.html", {"rows": rows})


@login_required
@require_safe
def organ_dashboard(request, slug):
    perms = for_request(request)
    organ = permissions.get_organ_or_404(perms, Action.VIEW, slug=slug)
    return render(
        request,
        "workspace/organ_dashboard.html",
        {
            "organ": organ,
            "tiles": _tiles(perms, organ),
            "my_roles": perms.role_labels(organ),
            "can_change": permissions.can(perms, Action.CHANGE, organ),
            "supervised": _supervised_organs(perms, organ),
        },
    )


def _tiles(perms, organ) -> list[tuple[registry.Tile, str | None]]:
    """The registered dashboard tiles this user may see in `organ`, each with its link (None: placeholder)."""
    shown = []
    for tile in registry.tiles():
        if tile.permission and not perms.has(tile.permission, organ):
            continue
        url = reverse(tile.url_name, kwargs={"slug": organ.slug}) if tile.url_name else None
        shown.append((tile, url))
    return shown


def _supervised_organs(perms, organ) -> list:
    """For a 主管部门: the organs it supervises that `user` may see (empty for other organs)."""
    if not organ.is_supervising:
        return []
    scope = descendant_ids(organ.supervised_root())
    visible = organs_for(perms).filter(pk__in=scope).exclude(pk=organ.pk)
    return list(visible.order_by("sort_order", "name"))


@login_required
@require_safe
def organ_detail(request, slug):
    perms = for_request(request)
    organ = permissions.get_organ_or_404(perms, Action.VIEW, slug=slug)
    can_audit = permissions.can(perms, Action.VIEW_AUDIT, organ)
    events = visible_events(audit_organ_ids(perms), user=perms.user).filter(organ=organ)[:RECENT_EVENTS]
    staff = RoleGrant.objects.filter(organ=organ).select_related("user").order_by("role", "user__username")
    return render(
        request,
        "workspace/organ_detail.html",
        {
            "organ": organ,
            "events": events,
            "can_audit": can_audit,
            "staff": staff,
            "can_change": permissions.can(perms, Action.CHANGE, organ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organ_edit(request, slug):
    perms = for_request(request)
    organ = permissions.get_organ_or_404(perms, Action.CHANGE, slug=slug)
    form = OrganForm(request.POST or None, instance=organ)
    if request.method == "POST" and form.is_valid():
        try:
            diff = update_organ(perms, organ, **form.changed_values())
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
    perms = for_request(request)
    organs = organs_for(perms).order_by("sort_order", "name")
    form = AuditSearchForm(request.GET or None, organs=organs)
    events = visible_events(audit_organ_ids(perms), user=perms.user)
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workspace/audit.html", {"form": form, "page": page, "query": query.urlencode()})
