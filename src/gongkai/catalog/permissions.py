"""Who may do what in the catalogue: this app's actions and role policy, on the organ-scope core.

- 信息公开专员 (clerk): drafts entries and keeps the columns, the guide, the register and the yearly figures;
- 审核员 (reviewer): takes the review levels whose role is `reviewer`, attests 保密审查, returns drafts;
- 负责人 (head): the same for levels whose role is `head` (终审), withdraws published entries, and manages;
- 主管部门 (supervisor): reads the catalogue work of the organs it supervises.
Which level a role may take is the organ's review chain (`CatalogSettings.review_chain`), checked in
`workflow.check_approval`; here only "may review at all".

Unseen organs and objects are 404 for views, never 403.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.catalog.models import Entry
from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Organ, Role
from gongkai.organs.scope import RolePolicy


class Action(StrEnum):
    VIEW = "view"  # staff pages of the organ's catalogue: drafts, queue, history
    DRAFT = "draft"  # create and edit drafts, submit them, start corrections, attach files
    REVIEW = "review"  # take a review level, attest 保密审查, return a draft, re-review 不予公开 information
    WITHDRAW = "withdraw"  # 撤回 a published entry
    MANAGE = "manage"  # columns, settings, guide, 规范性文件 register, clean-ups, yearly figures


POLICY = RolePolicy(
    "catalog",
    Action,
    roles={
        Role.CLERK: {Action.VIEW, Action.DRAFT, Action.MANAGE},
        Role.REVIEWER: {Action.VIEW, Action.REVIEW},
        Role.HEAD: {Action.VIEW, Action.REVIEW, Action.WITHDRAW, Action.MANAGE},
        Role.SUPERVISOR: {Action.VIEW},
    },
    supervised={Action.VIEW},
)


def organ_id_of(obj) -> int | None:
    if isinstance(obj, Organ):
        return obj.pk
    if hasattr(obj, "organ_id"):
        return obj.organ_id
    if hasattr(obj, "entry"):  # a version
        return obj.entry.organ_id
    if hasattr(obj, "document"):  # a register event
        return obj.document.organ_id
    return None


def can(perms, action: Action | str, obj) -> bool:
    return POLICY.allows(perms, action, organ_id_of(obj))


def predicate(perms, action: str, obj) -> bool:
    """For `user.has_perm("catalog.<action>", obj)` and `{% can %}`: unknown actions are refused."""
    return action in set(Action) and can(perms, action, obj)


def require(perms, action: Action | str, obj) -> None:
    if not can(perms, action, obj):
        raise PermissionDenied("您没有执行此操作的权限")


def roles_in(perms, organ_id: int) -> frozenset[str]:
    if perms is SYSTEM:
        return frozenset()
    return perms.roles_in(organ_id)


def is_admin(perms) -> bool:
    return perms is SYSTEM or bool(perms.superuser)


def entries_for(perms, action: Action | str = Action.VIEW) -> QuerySet[Entry]:
    return POLICY.filter(Entry.objects.all(), perms, action)


def organ_ids(perms, action: Action | str = Action.VIEW) -> set[int] | None:
    return POLICY.organ_ids(perms, action)


def get_organ_or_404(perms, slug: str, action: Action | str = Action.VIEW) -> Organ:
    """The organ `slug` if `perms` may see its catalogue (else 404); PermissionDenied if seen but not `action`."""
    organ = Organ.objects.filter(slug=slug).first()
    if organ is None or not can(perms, Action.VIEW, organ):
        raise Http404("未找到该机关")
    require(perms, action, organ)
    return organ


def get_entry_or_404(perms, pk: int, action: Action | str = Action.VIEW, organ: Organ | None = None) -> Entry:
    entry = Entry.objects.select_related("organ", "column", "published_version").filter(pk=pk).first()
    if (
        entry is None
        or not can(perms, Action.VIEW, entry)
        or (organ is not None and entry.organ_id != organ.pk)
    ):
        raise Http404("未找到该条目")
    require(perms, action, entry)
    return entry
