from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate
from tests.extension_app.permissions import memos_for

from gongkai.core.pagination import PageNumber
from gongkai.organs.scope import for_request

router = Router(tags=["工作备忘"])


class MemoOut(Schema):
    id: int
    organ_id: int
    text: str
    written_at: datetime


@router.get("/", response=list[MemoOut])
@paginate(PageNumber)
def memo_list(request):
    return memos_for(for_request(request))
