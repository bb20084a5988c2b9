"""Public portal views. Read-only, anonymous, and limited to what organs publish about themselves.

Nothing here touches applicants, staff or audit data: the portal only reads `Organ`, whose fields are the
organ's own public contact details (第二十条（二）: 办公地址、办公时间、联系方式).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.core.registry import portal_column, portal_columns
from gongkai.core.textinput import has_control_characters
from gongkai.organs.models import Organ

from .region import ancestors, organs_by_kind, request_region

SEARCH_MAX_LENGTH = 50
SEARCH_MAX_RESULTS = 50


@require_safe
def home(request):
    """The region's home page: its government, the organs below it by kind, and the disclosure entry."""
    region = request_region(request)
    return render(
        request,
        "portal/home.html",
        {"region": region, "groups": organs_by_kind(region), "columns": portal_columns()},
    )


@require_safe
def organ_detail(request, slug: str):
    """An organ's page: who it is, how to reach it, and its 政府信息公开 column."""
    organ = get_object_or_404(Organ, slug=slug)
    return render(request, "portal/organ.html", _organ_context(organ))


@require_safe
def organ_column(request, slug: str, column: str):
    """One sub-column (指南, 制度, 目录, 依申请公开, 年报) of an organ's 政府信息公开 column."""
    current = portal_column(column)
    if current is None:
        raise Http404("没有这个栏目")
    organ = get_object_or_404(Organ, slug=slug)
    return render(request, "portal/column.html", {**_organ_context(organ), "column": current})


@require_safe
def search(request):
    """Organ-name search; full-text search of published information comes with the catalogue."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    if has_control_characters(query):
        # A NUL cannot even be sent to PostgreSQL; nothing legitimate types control characters.
        context = {"query": "", "results": [], "error": "无效的搜索词：不能包含控制字符"}
        return render(request, "portal/search.html", context, status=400)
    results = []
    if query:
        matches = Q(name__icontains=query) | Q(short_name__icontains=query)
        results = list(Organ.objects.filter(matches).order_by("sort_order", "name")[:SEARCH_MAX_RESULTS])
    return render(request, "portal/search.html", {"query": query, "results": results})


def _organ_context(organ: Organ) -> dict:
    return {
        "organ": organ,
        "ancestors": ancestors(organ),
        "columns": portal_columns(),
        "children": organ.children.order_by("sort_order", "name"),
    }
