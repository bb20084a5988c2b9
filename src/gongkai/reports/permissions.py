"""Who may do what with an organ's annual report."""

from __future__ import annotations

from enum import StrEnum

from gongkai.organs.models import Role
from gongkai.organs.scope import RolePolicy


class Action(StrEnum):
    VIEW = "view"
    COMPILE = "compile"  # compile, edit the draft, explain warnings, keep the work log
    PUBLISH = "publish"
    REVIEW = "review"  # the 主管部门: findings and a request for correction
    REGION = "region"  # the 主管部门: compile, edit, explain and publish the region's report (汇总)


POLICY = RolePolicy(
    "reports",
    Action,
    roles={
        Role.CLERK: {Action.VIEW, Action.COMPILE, Action.PUBLISH},
        Role.REVIEWER: {Action.VIEW},
        Role.HEAD: {Action.VIEW, Action.PUBLISH},
        Role.SUPERVISOR: {Action.VIEW, Action.REVIEW, Action.REGION},
    },
    supervised={Action.VIEW, Action.REVIEW},
)


def predicate(perms, action: str, obj) -> bool:
    if action not in set(Action):
        return False
    organ_id = getattr(obj, "organ_id", None) or getattr(obj, "pk", None)
    return POLICY.allows(perms, action, organ_id)


def get_organ_or_404(perms, slug: str, action: Action = Action.VIEW):
    """The organ `slug` if `perms` may see its reports (else 404); PermissionDenied if seen but not `action`."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from gongkai.organs.models import Organ

    organ = Organ.objects.filter(slug=slug).first()
    if organ is None or not POLICY.allows(perms, Action.VIEW, organ.pk):
        raise Http404("未找到该机关")
    if not POLICY.allows(perms, action, organ.pk):
        raise PermissionDenied("您没有执行此操作的权限")
    return organ
