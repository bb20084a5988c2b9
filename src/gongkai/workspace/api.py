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
from django.views import defaults
from django.views.csrf import csrf_failure as html_csrf_failure

from gongkai.organs import permissions
from gongkai.organs.models import Organ
from gongkai.organs.permissions import Action
from gongkai.organs.services import update_organ

API_PREFIX = "/workspace/api/"
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


def allow_methods(*methods: str):
    """Like `require_http_methods`, but the 405 is JSON naming the method (the API never answers HTML)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                response = _error(405, f"不支持的请求方法：{request.method}")
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def page_not_found(request, exception=None):
    """handler404: JSON under the API prefix (a bad id or path), the site's HTML 404 page elsewhere."""
    if is_api_request(request):
        return _error(404, "未找到：接口地址或机关编号不存在")
    return defaults.page_not_found(request, exception)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: JSON under the API prefix, the HTML 403_csrf page elsewhere."""
    if is_api_request(request):
        return _error(403, "CSRF校验失败：请在 X-CSRFToken 请求头中附上 csrftoken Cookie 的值")
    return html_csrf_failure(request, reason)


@api_login_required
@allow_methods("GET", "HEAD")
def organ_list(request):
    organs = permissions.visible_organs(request.user).order_by("sort_order", "name")
    perms = permissions.UserPermissions(request.user)
    return JsonResponse(
        {"organs": [serialize(o, perms) for o in organs]}, json_dumps_params={"ensure_ascii": False}
    )


@api_login_required
@allow_methods("GET", "HEAD", "PATCH")
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
    return JsonResponse(
        serialize(organ, permissions.UserPermissions(request.user)), json_dumps_params={"ensure_ascii": False}
    )


def _organ_or_none(user, pk: int, action: Action) -> Organ | None:
    from django.http import Http404

    try:
        return permissions.get_organ_or_404(user, action, pk=pk)
    except Http404:
        return None
