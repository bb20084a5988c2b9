from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from tests.extension_app.models import Memo
from tests.extension_app.permissions import POLICY, Action
from tests.extension_app.verbs import MemoVerb

from gongkai.audit.services import record
from gongkai.core.actors import actor_user, require_actor


def write_memo(actor, *, organ, text: str) -> Memo:
    require_actor(actor)
    if not POLICY.allows(actor, Action.WRITE, organ.pk):
        raise PermissionDenied("您没有执行此操作的权限")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "内容：请填写备忘内容"})
    with transaction.atomic():
        memo = Memo.objects.create(organ=organ, text=text[:200], written_by=actor_user(actor))
        record(
            MemoVerb.WRITTEN,
            actor=actor_user(actor),
            organ=organ,
            obj=memo,
            changes={"text": [None, memo.text]},
        )
    return memo
