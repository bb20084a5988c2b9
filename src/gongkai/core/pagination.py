"""The API's paging convention: `?page=1&page_size=50` (at most 200), answered as
{"items": [...], "count": <total>, "page": <n>, "page_size": <size>}. Every list endpoint uses it:

    @router.get("/", response=list[CaseOut])
    @paginate(PageNumber)
    def case_list(request, filters: Query[CaseFilter]): ...
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PageNumber(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, description="页码，从1开始")
        page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="每页条数（最多200）")

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params) -> dict:
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "items": queryset[offset : offset + pagination.page_size],
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
