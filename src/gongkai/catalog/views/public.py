"""Public pages of the catalogue under /xxgk/: an organ's 政府信息公开 column (指南, 制度, 目录 by column with
paging, the 规范性文件 list with validity), entry pages with their metadata table, and the region-wide
full-text search. Anonymous, read-only, and they work without JavaScript."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from gongkai.catalog import pagecache, selectors
from gongkai.catalog.choices import DocumentKind, EntryStatus, Validity
from gongkai.catalog.models import CatalogColumn, Entry
from gongkai.catalog.sanitize import plain_text
from gongkai.catalog.search import index as search_index
from gongkai.catalog.search.highlight import excerpt, highlight
from gongkai.core.textinput import has_control_characters
from gongkai.organs.models import Organ

PAGE = 20
SEARCH_MAX_LENGTH = 50
MAX_PAGE = 500


def _organ(slug: str) -> Organ:
    return get_object_or_404(Organ, slug=slug)


def _page_number(request) -> int:
    try:
        return min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


class BoundedPaginator(Paginator):
    """Counts at most MAX_PAGE pages' worth of rows (COUNT over a LIMIT), so a huge column costs no more
    than a page can show; `capped` says there are more (the pager then says "超过N条")."""

    @cached_property
    def count(self) -> int:
        limit = MAX_PAGE * self.per_page
        found = self.object_list[: limit + 1].count()
        self.capped = found > limit
        return min(found, limit)

    capped = False


def _entry_page(entries, number: int):
    """One page of `entries`: the page's ids first (along the list index, no join), then those rows with
    their versions. Joining first would join every row skipped by the offset (800 on page 40)."""
    page = BoundedPaginator(entries.values_list("pk", flat=True), PAGE).get_page(number)
    # By primary key alone: with the list's filters too the planner would walk the column's rows again.
    found = Entry.objects.select_related("published_version", "column", "organ").in_bulk(
        list(page.object_list)
    )
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def _context(organ, **extra):
    return {"organ": organ, "tree": selectors.column_tree(organ), **extra}


@require_safe
@pagecache.cached()
def organ_index(request, slug):
    organ = _organ(slug)
    latest = selectors.public_entries(organ)[:10]
    return render(request, "catalog/public/index.html", _context(organ, latest=latest, section="catalog"))


@require_safe
@pagecache.cached()
def guide(request, slug):
    organ = _organ(slug)
    return render(
        request,
        "catalog/public/guide.html",
        _context(organ, settings=selectors.catalog_settings(organ), section="guide"),
    )


@require_safe
def system(request, slug):
    """制度: the organ's column `system`."""
    return column(request, slug, "system")


@require_safe
@pagecache.cached("page")
def column(request, slug, key):
    current = (
        CatalogColumn.objects.select_related("organ")
        .filter(organ__slug=slug, key=key, is_active=True)
        .first()
    )
    if current is None:
        _organ(slug)  # 404 for an unknown organ first
        raise Http404("没有这个栏目")
    organ = current.organ
    page = _entry_page(selectors.public_entries(organ, current), _page_number(request))
    return render(
        request,
        "catalog/public/column.html",
        _context(organ, column=current, page=page, section="system" if key == "system" else "catalog"),
    )


@require_safe
@pagecache.cached()
def entry(request, slug, pk):
    item = selectors.public_entry(pk)
    if item is None or item.organ.slug != slug:
        _organ(slug)  # 404 for an unknown organ first
        raise Http404("没有这条信息")
    organ = item.organ
    version = item.published_version
    validity = ""
    document = getattr(item, "normative_document", None)
    if document is not None:
        validity = selectors.register_validity(document, timezone.localdate())
    else:
        validity = version.validity
    return render(
        request,
        "catalog/public/entry.html",
        _context(
            organ,
            entry=item,
            version=version,
            validity_label=Validity(validity).label if validity else "—",
            document=document,
            interpretations=selectors.public_interpretations(item),
            attachments=version.attachments.all(),
            withdrawn=item.status == EntryStatus.WITHDRAWN,
            section="catalog",
        ),
    )


@require_safe
@pagecache.cached("page", "kind")
def normative(request, slug):
    organ = _organ(slug)
    kind = request.GET.get("kind", "")
    documents = selectors.register(organ, kind if kind in DocumentKind.values else None)
    documents = documents.select_related("entry").order_by("-issued_on", "-id")
    page = Paginator(documents, PAGE).get_page(_page_number(request))
    today = timezone.localdate()
    rows = [(d, Validity(selectors.register_validity(d, today)).label) for d in page]
    return render(
        request,
        "catalog/public/normative.html",
        _context(organ, page=page, rows=rows, kind=kind, kinds=DocumentKind.choices, section="normative"),
    )


@require_safe
@pagecache.cached("q", "page", "organ", "column", "year", "validity")
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    if has_control_characters(query):
        return render(
            request, "catalog/public/search.html", {"error": "无效的搜索词：不能包含控制字符"}, status=400
        )
    region = Organ.objects.filter(parent__isnull=True).order_by("pk").first()
    organs = Organ.objects.order_by("sort_order", "name")
    filters = search_index.Filters()
    chosen = {k: request.GET.get(k, "") for k in ("organ", "column", "year", "validity")}
    organ = organs.filter(slug=chosen["organ"]).first() if chosen["organ"] else None
    if organ is not None:
        filters.organ_ids = [organ.pk]
    if chosen["column"]:
        column_ids = []
        for found in CatalogColumn.objects.filter(key=chosen["column"]):
            column_ids.extend(selectors.column_ids_under(found))
        filters.column_ids = column_ids
    if chosen["year"].isdigit():
        filters.year = int(chosen["year"])
    if chosen["validity"] in Validity.values and chosen["validity"]:
        filters.validity = chosen["validity"]
    number = _page_number(request)
    hits = search_index.search(query, filters, limit=PAGE, offset=(number - 1) * PAGE) if query else None
    results = []
    if hits is not None and hits.ids:
        found = Entry.objects.select_related("published_version", "organ", "column").in_bulk(hits.ids)
        for pk in hits.ids:
            item = found.get(pk)
            if item is None:
                continue
            version = item.published_version
            text = version.summary or plain_text(version.body)
            results.append(
                {
                    "entry": item,
                    "title": highlight(version.title, hits.tokens),
                    "excerpt": excerpt(text, hits.tokens),
                    "version": version,
                }
            )
    last = min((hits.total + PAGE - 1) // PAGE, MAX_PAGE) if hits else 0
    pages = [n for n in range(1, last + 1) if n < 11 or n in (last, number)]  # the pager's links
    columns = (
        CatalogColumn.objects.filter(parent__isnull=True)
        .values_list("key", "title")
        .order_by("key")
        .distinct()
    )
    return render(
        request,
        "catalog/public/search.html",
        {
            "query": query,
            "hits": hits,
            "results": results,
            "page_number": number,
            "start": (number - 1) * PAGE + 1,
            "pages": pages,
            "organs": organs,
            "chosen": chosen,
            "region": region,
            "columns": sorted({key: title for key, title in columns}.items()),
            "validities": [v for v in Validity.choices if v[0]],
            "years": range(timezone.localdate().year, 2015, -1),
        },
    )
