"""Public pages of the catalogue under /xxgk/: an organ's 政府信息公开 column (指南, 制度, 目录 by column with
paging, the 规范性文件 list with validity), entry pages with their metadata table, and the region-wide
full-text search. Anonymous, read-only, and they work without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from gongkai.catalog import pagecache, publicnav, selectors
from gongkai.catalog.choices import DocumentKind, EntryStatus, InterpretationForm, Validity
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


def _nav(request, slug: str) -> publicnav.OrganNav:
    nav = publicnav.organ_nav(request, slug)
    if nav is None:
        _organ(slug)  # the same 404 as before for an unknown organ
        raise Http404("没有这个机关")  # created since: the next request will see it
    return nav


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
        return self.bounded_count()[0]

    def bounded_count(self) -> tuple[int, bool]:
        """(count, capped)."""
        if "count" not in self.__dict__:
            limit = MAX_PAGE * self.per_page
            found = self.object_list[: limit + 1].count()
            self.capped = found > limit
            self.__dict__["count"] = min(found, limit)
        return self.__dict__["count"], self.capped

    def knowing(self, counted: tuple[int, bool]) -> BoundedPaginator:
        """Take (count, capped) as counted before (the column's, kept per generation)."""
        self.__dict__["count"], self.capped = counted
        return self

    capped = False


def _entry_page(request, nav, current, entries, number: int):
    """One page of `entries`: the page's ids first (along the list index, no join), then those rows with
    their versions. Joining first would join every row skipped by the offset (800 on page 40). The
    column's count is kept per generation, as the navigation is (every publication makes a new one)."""
    ids = entries.values_list("pk", flat=True)
    counted = publicnav.per_generation(
        request,
        ("count", current.pk, MAX_PAGE * PAGE),
        lambda: BoundedPaginator(ids, PAGE).bounded_count(),
        publicnav.counts,
    )
    page = BoundedPaginator(ids, PAGE).knowing(counted).get_page(number)
    page.object_list = _rows(nav, page.object_list)  # the page's ids as a subquery: one round trip
    return page


@dataclass(frozen=True, slots=True)
class Row:
    """A line of an entry list (_entries.html), its dates as the list shows them (Y-m-d, local time)."""

    pk: int
    url: str
    index_number: str
    title: str
    doc_number: str
    generated_on: str
    published_on: str

    @property
    def html(self) -> SafeString:
        """The table row. Formatted here rather than in the template: twenty rows of seven template
        variables each were about 40 % of a column page's rendering. Every value is escaped."""
        doc = f' <span class="muted">{escape(self.doc_number)}</span>' if self.doc_number else ""
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<tr><td class="nowrap">{escape(self.index_number)}</td><td><a href="{escape(self.url)}">'
            f'{escape(self.title)}</a>{doc}</td><td class="nowrap">{escape(self.generated_on)}</td>'
            f'<td class="nowrap">{escape(self.published_on)}</td></tr>'
        )


ROW_FIELDS = (
    "pk", "index_number", "first_published_at",
    "published_version__title", "published_version__doc_number", "published_version__generated_on",
)  # fmt: skip


def _rows(nav, ids) -> list[Row]:
    """The list lines of the entries `ids` (a sliced values_list of the list, newest first) selects: the
    fields shown, fetched by primary key alone (with the list's filters on the outer query too the planner
    would walk the column's rows again), in the list's order, no model instances."""
    found = Entry.objects.filter(pk__in=ids).order_by("-first_published_at", "-id").values_list(*ROW_FIELDS)
    rows = []
    for pk, index_number, published, title, doc_number, generated in found:
        rows.append(
            Row(
                pk=pk,
                url=nav.entry_url(pk),
                index_number=index_number,
                title=title,
                doc_number=doc_number,
                generated_on=generated.isoformat() if generated else "",
                published_on=timezone.localtime(published).date().isoformat() if published else "",
            )
        )
    return rows


def _context(request, nav, current=None, **extra):
    """The layout's context: the organ, its column tree (kept per generation, see publicnav), the region."""
    return {
        "organ": nav.organ,
        "nav_tree": nav.tree_html(current.pk if current is not None else None),
        **publicnav.region(request),
        **extra,
    }


@require_safe
@pagecache.cached()
def organ_index(request, slug):
    nav = _nav(request, slug)
    latest = _rows(nav, selectors.public_entries(nav.organ).values_list("pk", flat=True)[:10])
    return render(
        request, "catalog/public/index.html", _context(request, nav, latest=latest, section="catalog")
    )


@require_safe
@pagecache.cached()
def guide(request, slug):
    nav = _nav(request, slug)
    return render(
        request,
        "catalog/public/guide.html",
        _context(request, nav, settings=selectors.catalog_settings(nav.organ), section="guide"),
    )


@require_safe
def system(request, slug):
    """制度: the organ's column `system`."""
    return column(request, slug, "system")


@require_safe
@pagecache.cached("page")
def column(request, slug, key):
    nav = _nav(request, slug)  # 404 for an unknown organ first
    current = nav.active.get(key)
    if current is None:
        raise Http404("没有这个栏目")
    entries = selectors.public_entries(nav.organ, current, column_ids=nav.under[current.pk])
    page = _entry_page(request, nav, current, entries, _page_number(request))
    return render(
        request,
        "catalog/public/column.html",
        _context(
            request,
            nav,
            current,
            column=current,
            page=page,
            section="system" if key == "system" else "catalog",
        ),
    )


@require_safe
@pagecache.cached()
def entry(request, slug, pk):
    nav = _nav(request, slug)  # 404 for an unknown organ first
    item = selectors.public_entry(pk, related=())
    if item is None or item.organ_id != nav.organ.pk:
        raise Http404("没有这条信息")
    item.organ, item.column = nav.organ, nav.columns.get(item.column_id) or item.column
    if item.interprets_id is not None:  # a 政策解读: the policy document it interprets, linked on the page
        item.interprets = (
            Entry.objects.select_related("published_version", "organ").filter(pk=item.interprets_id).first()
        )
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
            request,
            nav,
            entry=item,
            version=version,
            validity_label=Validity(validity).label if validity else "—",
            document=document,
            interpretations=_interpretations(item),
            attachments=version.attachments.all(),
            withdrawn=item.status == EntryStatus.WITHDRAWN,
            section="catalog",
        ),
    )


@dataclass(frozen=True, slots=True)
class Interpretation:
    url: str
    title: str
    form: str  # the 解读形式's label


def _interpretations(item) -> list[Interpretation]:
    forms = dict(InterpretationForm.choices)
    found = selectors.public_interpretations(item).values_list(
        "pk", "organ__slug", "published_version__title", "interpretation_form"
    )
    return [
        Interpretation(reverse("catalog_public:entry", args=[slug, pk]), title, forms.get(form, form))
        for pk, slug, title, form in found
    ]


@require_safe
@pagecache.cached("page", "kind")
def normative(request, slug):
    nav = _nav(request, slug)
    organ = nav.organ
    kind = request.GET.get("kind", "")
    documents = selectors.register(organ, kind if kind in DocumentKind.values else None)
    documents = documents.select_related("entry").order_by("-issued_on", "-id")
    page = Paginator(documents, PAGE).get_page(_page_number(request))
    today = timezone.localdate()
    rows = [(d, Validity(selectors.register_validity(d, today)).label) for d in page]
    return render(
        request,
        "catalog/public/normative.html",
        _context(
            request, nav, page=page, rows=rows, kind=kind, kinds=DocumentKind.choices, section="normative"
        ),
    )


@require_safe
@pagecache.cached("q", "page", "organ", "column", "year", "validity")
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    if has_control_characters(query):
        return render(
            request, "catalog/public/search.html", {"error": "无效的搜索词：不能包含控制字符"}, status=400
        )
    options = publicnav.search_options(request)  # the region, organs and columns, kept per generation
    filters = search_index.Filters()
    chosen = {k: request.GET.get(k, "") for k in ("organ", "column", "year", "validity")}
    organ = options.by_slug.get(chosen["organ"]) if chosen["organ"] else None
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
            "organ_options": options.organ_options.html(chosen["organ"], " selected"),
            "chosen": chosen,
            "region": options.region,
            "column_options": options.column_options.html(chosen["column"], " selected"),
            "validities": [v for v in Validity.choices if v[0]],
            "years": range(timezone.localdate().year, 2015, -1),
        },
    )
