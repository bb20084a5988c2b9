from enum import StrEnum

from django.db.models import QuerySet
from tests.extension_app.models import Memo

from gongkai.organs.models import Organ, Role
from gongkai.organs.scope import RolePolicy


class Action(StrEnum):
    VIEW = "view"
    WRITE = "write"


POLICY = RolePolicy(
    "extension",
    Action,
    roles={Role.HEAD: {Action.VIEW, Action.WRITE}, Role.REVIEWER: {Action.VIEW}},
    supervised={Action.VIEW},
)


def memos_for(perms, action: Action = Action.VIEW) -> QuerySet[Memo]:
    return POLICY.filter(Memo.objects.select_related("organ"), perms, action, organ_field="organ")


def can(perms, action: Action, organ: Organ) -> bool:
    return POLICY.allows(perms, action, organ.pk)


def predicate(perms, action: str, obj) -> bool:
    organ_id = obj.pk if isinstance(obj, Organ) else getattr(obj, "organ_id", None)
    return action in set(Action) and POLICY.allows(perms, action, organ_id)
