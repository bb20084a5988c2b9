"""A small JSON API over organs, with the same permission checks as the pages.

GET /workspace/api/organs/        the organs the user may see
GET /workspace/api/organs/<id>/   one of them (404 when not visible)
PATCH /workspace/api/organs/<id>/ change staff-editable details (JSON object of strings; CSRF token
                                  required); structural fields (name, code, parent, …) only in the admin

Anonymous requests get 401 (JSON) rather than a redirect to the sign-in page.
"""

from __future__ import annotations

import json
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from gongkai.organs import permissions
from gongkai.organs.models import Organ
from gongkai.organs.permissions import Action
from gongkai.organs.services import STAFF_EDITABLE_FIELDS, update_organ

PUBLIC_FIELDS = (
    "id",
    "name",
    "short_name",
    "slug",
    "kind",
    "credit_code",
    "address",
    "postcode",
    "phone",
    "email",
    "office_hours",
    "doc_number_prefix",
    "is_supervising",
)


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def api_login_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _error(401, "未登录")
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return _error(403, str(exc) or "您没有执行此操作的权限")

    return wrapper


def serialize(organ: Organ, perms: permissions.UserPermissions) -> dict:
    data = {name: getattr(organ, name) for name in PUBLIC_FIELDS}
    data["kind_label"] = organ.get_kind_display()
    data["parent_id"] = organ.parent_id
    data["permissions"] = sorted(str(a) for a in perms.actions(organ))
    return data


@api_login_required
@require_http_methods(["GET", "HEAD"])
def organ_list(request):
    organs = permissions.visible_organs(request.user).order_by("sort_order", "name")
    perms = permissions.UserPermissions(request.user)
    return JsonResponse(
        {"organs": [serialize(o, perms) for o in organs]}, json_dumps_params={"ensure_ascii": False}
    )


@api_login_required
@require_http_methods(["GET", "HEAD", "PATCH"])
def organ_detail(request, pk: int):
    action = Action.CHANGE if request.method == "PATCH" else Action.VIEW
    organ = _organ_or_none(request.user, pk, action)
    if organ is None:
        return _error(404, "未找到该机关")
    if request.method == "PATCH":
        try:
            changes = json.loads(request.body or b"{}")
        except ValueError:
            return _error(400, "请求体不是有效的JSON")
        if not isinstance(changes, dict):
            return _error(400, '请求体应为JSON对象，如 {"phone": "0795-5212315"}')
        try:
            update_organ(request.user, organ, request=request, **changes)
        except ValidationError as exc:
            return _error(400, "数据校验失败", fields=exc.message_dict)
        organ.refresh_from_db()
    return JsonResponse(
        serialize(organ, permissions.UserPermissions(request.user)), json_dumps_params={"ensure_ascii": False}
    )


def _check_patch(changes) -> str | None:
    """Why a PATCH body is unacceptable, or None. Structural fields are changed in the admin only."""
    if not isinstance(changes, dict):
        return '请求体应为JSON对象，如 {"phone": "0795-5212315"}'
    other = [name for name in changes if name not in STAFF_EDITABLE_FIELDS]
    if other:
        return f"以下字段不能通过接口修改：{'、'.join(sorted(other))}（可修改：{'、'.join(STAFF_EDITABLE_FIELDS)}）"
    not_text = [name for name, value in changes.items() if not isinstance(value, str)]
    if not_text:
        return f"以下字段的值应为字符串：{'、'.join(sorted(not_text))}"
    return None


def _organ_or_none(user, pk: int, action: Action) -> Organ | None:
    from django.http import Http404

    try:
        return permissions.get_organ_or_404(user, action, pk=pk)
    except Http404:
        return None
