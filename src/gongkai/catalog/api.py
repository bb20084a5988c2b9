"""The catalogue in /api/v1/catalog/ (django-ninja), under the same permissions as the pages.

Public (no authentication):
  GET   entries/                      published entries (paged; filters organ, column, year)
  GET   entries/{id}/                 one published (or withdrawn: says so) entry with its metadata
  GET   search/?q=…                   full-text search (filters organ, column, year, validity)
Staff (token or session):
  GET   staff/entries/                entries the user may see (paged; filters organ, status)
  GET   staff/entries/{id}/           one, with its open version and the current round's steps
  POST  staff/organs/{slug}/entries/  a new draft
  PATCH staff/entries/{id}/draft/     change the open draft
  POST  staff/entries/{id}/{action}/  submit, secrecy, approve, return, withdraw, correct ({"note"/"reason"})
A refused workflow step is 409 with the rule's Chinese text.
"""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import Http404
from ninja import Body, FilterLookup, FilterSchema, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gongkai.catalog import selectors
from gongkai.catalog.choices import EntryStatus
from gongkai.catalog.models import CatalogColumn, Entry
from gongkai.catalog.permissions import Action, entries_for, get_entry_or_404, get_organ_or_404
from gongkai.catalog.search import index as search_index
from gongkai.catalog.services import entries as services
from gongkai.catalog.workflow import Refused
from gongkai.core.pagination import PageNumber
from gongkai.organs.models import Organ
from gongkai.organs.scope import for_request

router = Router(tags=["主动公开"])


class EntryOut(Schema):
    id: int
    index_number: str | None
    organ: str
    organ_slug: str
    column: str
    column_key: str
    title: str
    summary: str
    generated_on: date
    publisher: str
    doc_number: str
    subject: str
    genre: str
    disclosure: str
    validity: str
    status: str
    first_published_at: datetime | None
    withdrawn_at: datetime | None
    withdrawn_reason: str
    interprets_id: int | None
    interpretation_ids: list[int]

    @staticmethod
    def _version(obj):
        return obj.published_version

    @staticmethod
    def resolve_organ(obj):
        return obj.organ.name

    @staticmethod
    def resolve_organ_slug(obj):
        return obj.organ.slug

    @staticmethod
    def resolve_column(obj):
        return obj.column.title

    @staticmethod
    def resolve_column_key(obj):
        return obj.column.key

    @staticmethod
    def resolve_title(obj):
        return obj.published_version.title

    @staticmethod
    def resolve_summary(obj):
        return obj.published_version.summary

    @staticmethod
    def resolve_generated_on(obj):
        return obj.published_version.generated_on

    @staticmethod
    def resolve_publisher(obj):
        return obj.published_version.publisher

    @staticmethod
    def resolve_doc_number(obj):
        return obj.published_version.doc_number

    @staticmethod
    def resolve_subject(obj):
        return obj.published_version.subject

    @staticmethod
    def resolve_genre(obj):
        return obj.published_version.genre

    @staticmethod
    def resolve_disclosure(obj):
        return obj.published_version.disclosure

    @staticmethod
    def resolve_validity(obj):
        return services.validity_of(obj)

    @staticmethod
    def resolve_interpretation_ids(obj):
        return list(selectors.public_interpretations(obj).values_list("pk", flat=True))


class EntryDetailOut(EntryOut):
    body: str

    @staticmethod
    def resolve_body(obj):
        return obj.published_version.body if obj.status != EntryStatus.WITHDRAWN else ""


class EntryFilter(FilterSchema):
    organ: Annotated[str | None, FilterLookup("organ__slug")] = None
    column: Annotated[str | None, FilterLookup("column__key")] = None
    year: Annotated[int | None, FilterLookup("published_version__generated_on__year")] = None


@router.get(
    "/entries/", response=list[EntryOut], auth=None, url_name="catalog_public_list", summary="已发布信息列表"
)
@paginate(PageNumber)
def public_list(request, filters: Query[EntryFilter]):
    return filters.filter(selectors.public_entries())


@router.get(
    "/entries/{int:pk}/",
    response=EntryDetailOut,
    auth=None,
    url_name="catalog_public_detail",
    summary="已发布信息详情",
)
def public_detail(request, pk: int):
    entry = selectors.public_entry(pk)
    if entry is None:
        raise Http404("未找到该信息")
    return entry


class SearchHit(Schema):
    id: int
    title: str
    organ: str
    column: str
    generated_on: date
    index_number: str | None


class SearchOut(Schema):
    query: str
    tokens: list[str]
    count: int  # entries ranked: every match, or the newest CANDIDATES (200) if `capped`
    capped: bool  # more entries match than are ranked
    page: int
    items: list[SearchHit]


@router.get("/search/", response=SearchOut, auth=None, url_name="catalog_public_search", summary="全文检索")
def public_search(
    request,
    q: str,
    organ: str = "",
    column: str = "",
    year: int | None = None,
    validity: str = "",
    page: int = 1,
):
    if len(q) > 50:
        raise HttpError(400, "检索词不能超过50个字")
    filters = search_index.Filters(year=year, validity=validity or None)
    if organ:
        found = Organ.objects.filter(slug=organ).first()
        filters.organ_ids = [found.pk] if found else []
    if column:
        ids = []
        for c in CatalogColumn.objects.filter(key=column):
            ids.extend(selectors.column_ids_under(c))
        filters.column_ids = ids
    page = max(1, min(page, 500))
    hits = search_index.search(q, filters, limit=20, offset=(page - 1) * 20)
    found = Entry.objects.select_related("published_version", "organ", "column").in_bulk(hits.ids)
    items = [
        SearchHit(
            id=e.pk,
            title=e.published_version.title,
            organ=e.organ.name,
            column=e.column.title,
            generated_on=e.published_version.generated_on,
            index_number=e.index_number,
        )
        for e in (found[pk] for pk in hits.ids if pk in found)
    ]
    return SearchOut(
        query=q, tokens=hits.tokens, count=hits.total, capped=hits.capped, page=page, items=items
    )


# --- staff ------------------------------------------------------------------------------------------


class StepOut(Schema):
    kind: str
    level: int | None
    level_label: str
    actor_name: str
    at: datetime
    note: str


class VersionOut(Schema):
    id: int
    number: int
    state: str
    title: str
    generated_on: date
    disclosure: str
    author_id: int | None
    change_note: str


class StaffEntryOut(Schema):
    id: int
    organ_slug: str
    column_key: str
    status: str
    index_number: str | None
    open_version: VersionOut | None
    published_version: VersionOut | None
    steps: list[StepOut]

    @staticmethod
    def resolve_organ_slug(obj):
        return obj.organ.slug

    @staticmethod
    def resolve_column_key(obj):
        return obj.column.key

    @staticmethod
    def resolve_open_version(obj):
        return services.open_version(obj)

    @staticmethod
    def resolve_steps(obj):
        version = services.open_version(obj)
        return services.round_steps(version) if version else []


class StaffFilter(FilterSchema):
    organ: Annotated[str | None, FilterLookup("organ__slug")] = None
    status: Annotated[EntryStatus | None, FilterLookup("status")] = None


@router.get(
    "/staff/entries/",
    response=list[StaffEntryOut],
    url_name="catalog_staff_list",
    summary="工作人员可见的条目",
)
@paginate(PageNumber)
def staff_list(request, filters: Query[StaffFilter]):
    entries = entries_for(for_request(request), Action.VIEW).select_related(
        "organ", "column", "published_version"
    )
    return filters.filter(entries).order_by("-id")


@router.get(
    "/staff/entries/{int:pk}/",
    response=StaffEntryOut,
    url_name="catalog_staff_detail",
    summary="条目详情（含审核记录）",
)
def staff_detail(request, pk: int):
    return get_entry_or_404(for_request(request), pk)


class DraftIn(Schema):
    column: str
    title: str
    generated_on: date
    summary: str = ""
    publisher: str = ""
    doc_number: str = ""
    subject: str = ""
    genre: str = ""
    disclosure: str = ""
    withheld_basis: str = ""
    validity: str = ""
    body: str = ""


def _refused(call):
    try:
        return call()
    except Refused as exc:
        raise HttpError(409, str(exc)) from None


@router.post(
    "/staff/organs/{slug}/entries/",
    response={201: StaffEntryOut},
    url_name="catalog_staff_create",
    summary="新建草稿",
)
def staff_create(request, slug: str, payload: DraftIn):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.DRAFT)
    data = payload.dict()
    column = CatalogColumn.objects.filter(organ=organ, key=data.pop("column")).first()
    if column is None:
        raise HttpError(400, "栏目不存在")
    version = services.create_entry(perms, organ, column, **data)
    return Status(201, version.entry)


@router.patch(
    "/staff/entries/{int:pk}/draft/",
    response=StaffEntryOut,
    url_name="catalog_staff_update",
    summary="修改草稿",
)
def staff_update(request, pk: int, payload: Body[dict[str, Any]]):
    perms = for_request(request)
    entry = get_entry_or_404(perms, pk, Action.DRAFT)
    version = services.open_version(entry)
    if version is None:
        raise HttpError(409, "该信息当前没有可编辑的草稿")
    _refused(lambda: services.update_draft(perms, version, **payload))
    return entry


class NoteIn(Schema):
    note: str = ""
    reason: str = ""


ACTIONS = {
    "submit": lambda perms, entry, version, body: services.submit(perms, version),
    "secrecy": lambda perms, entry, version, body: services.attest_secrecy(perms, version, body.note),
    "approve": lambda perms, entry, version, body: services.approve(perms, version, body.note),
    "return": lambda perms, entry, version, body: services.return_to_author(perms, version, body.reason),
    "withdraw": lambda perms, entry, version, body: services.withdraw(perms, entry, body.reason),
    "correct": lambda perms, entry, version, body: services.start_correction(perms, entry, body.reason),
}
NEEDS_VERSION = {"submit", "secrecy", "approve", "return"}


@router.post(
    "/staff/entries/{int:pk}/{action}/",
    response=StaffEntryOut,
    url_name="catalog_staff_action",
    summary="审核流程操作",
)
def staff_action(request, pk: int, action: str, payload: NoteIn):
    perms = for_request(request)
    entry = get_entry_or_404(perms, pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("没有这个操作")
    version = services.open_version(entry)
    if version is None and action in NEEDS_VERSION:
        raise HttpError(409, "该信息当前没有待处理的版本")
    _refused(lambda: handler(perms, entry, version, payload))
    return get_entry_or_404(perms, pk)
