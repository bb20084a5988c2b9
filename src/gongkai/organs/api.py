"""The organs endpoints of /api/v1/ (mounted at /api/v1/organs/ from `OrgansConfig.ready`).

GET   /api/v1/organs/             the organs the user may see (paged; filters: kind, q, parent_id)
GET   /api/v1/organs/{id}/        one of them (404 when not visible)
PATCH /api/v1/organs/{id}/        change staff-editable details; structural fields only in the admin
"""

from typing import Annotated, Any

from ninja import Body, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from gongkai.core.pagination import PageNumber
from gongkai.organs.models import OrganKind
from gongkai.organs.permissions import Action, allowed_actions, get_organ_or_404, organs_for
from gongkai.organs.scope import for_request
from gongkai.organs.services import update_organ

router = Router(tags=["机关"])


class OrganOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: str
    kind_label: str
    credit_code: str
    address: str
    postcode: str
    phone: str
    email: str
    office_hours: str
    doc_number_prefix: str
    is_supervising: bool
    parent_id: int | None
    permissions: list[str]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_permissions(obj, context) -> list[str]:
        return sorted(str(a) for a in allowed_actions(for_request(context["request"]), obj))


class OrganFilter(FilterSchema):
    kind: Annotated[OrganKind | None, FilterLookup("kind")] = None
    q: Annotated[str | None, FilterLookup(["name__icontains", "short_name__icontains"])] = None
    parent_id: Annotated[int | None, FilterLookup("parent_id")] = None


@router.get("/", response=list[OrganOut], summary="可见机关列表")
@paginate(PageNumber)
def organ_list(request, filters: Query[OrganFilter]):
    perms = for_request(request)
    return filters.filter(organs_for(perms, Action.VIEW)).order_by("sort_order", "name")


@router.get("/{int:pk}/", response=OrganOut, summary="机关详情")
def organ_detail(request, pk: int):
    return get_organ_or_404(for_request(request), Action.VIEW, pk=pk)


@router.patch(
    "/{int:pk}/",
    response=OrganOut,
    summary="修改机关信息",
    description="请求体为JSON对象，键为可由本机关工作人员修改的字段（简称、办公地址、邮政编码、联系电话、"
    "电子邮箱、办公时间、文号前缀），值为字符串；结构字段（名称、信用代码、上级机关等）只能在系统管理中修改。",
)
def organ_update(request, pk: int, payload: Body[dict[str, Any]]):
    # A plain object rather than a schema: the service names each unknown or non-text field in Chinese
    # with the field's label, exactly as the workspace form does.
    perms = for_request(request)
    organ = get_organ_or_404(perms, Action.CHANGE, pk=pk)
    update_organ(perms, organ, **payload)
    return organ
