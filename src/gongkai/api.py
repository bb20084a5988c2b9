"""/api/v1/: the platform's JSON API (django-ninja), assembled from the routers apps register.

- OpenAPI document at /api/v1/openapi.json, interactive docs at /api/v1/docs;
- authentication: a per-user token (`Authorization: Bearer gk_…`, see `gongkai manage api_token`) or the
  signed-in session, whose unsafe requests need the CSRF token (X-CSRFToken header);
- one error shape, {"error": "<中文说明>"} plus "fields" for invalid input; 401 for anonymous requests, 404
  (never 403) for what the user may not see, 403 for what they see but may not change;
- lists are paged (`gongkai.core.pagination.PageNumber`) and filtered with a ninja `FilterSchema` in the
  query string.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from gongkai.accounts.api_auth import api_auth
from gongkai.core import registry
from gongkai.core.http import CSRF_MESSAGE, json_error

# pydantic error type → Chinese text (the field is named in "fields")
PYDANTIC_MESSAGES = {
    "missing": "必须填写",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为是或否（true/false）",
    "bool_parsing": "应为是或否（true/false）",
    "float_parsing": "应为数字",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "enum": "不是允许的取值",
    "literal_error": "不是允许的取值",
    "greater_than_equal": "不能小于{ge}",
    "less_than_equal": "不能大于{le}",
    "string_too_long": "不能超过{max_length}个字符",
    "model_attributes_type": "应为JSON对象",
    "model_type": "应为JSON对象",
    "dict_type": "应为JSON对象",
    "list_type": "应为列表",
}
LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_errors(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        names = [part for part in loc if part not in LOCATIONS]
        name = names[-1] if len(names) > 1 else (names[0] if names else "请求体")
        if len(names) == 1 and loc and loc[0] == "body":
            name = "请求体"  # the whole body (e.g. a list instead of an object)
        template = PYDANTIC_MESSAGES.get(error.get("type", ""), "格式不正确")
        try:
            message = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            message = template
        fields.setdefault(name, []).append(message)
    return fields


class ChineseJSONRenderer(JSONRenderer):
    """Chinese as it is (not \\u escapes), like the error responses."""

    json_dumps_params = {"ensure_ascii": False}


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="公开平台接口",
        version="1",
        description="政府信息公开平台的JSON接口。认证：接口令牌（Authorization: Bearer）或已登录会话加CSRF令牌。",
        urls_namespace="api-v1",
        auth=api_auth(),
        renderer=ChineseJSONRenderer(),
    )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return json_error(401, "未登录")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 403 and "CSRF" in str(exc):
            return json_error(403, CSRF_MESSAGE)
        if exc.status_code == 400 and "parse request body" in str(exc):
            return json_error(400, "请求体不是有效的JSON")
        return json_error(exc.status_code, str(exc.message))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return json_error(404, str(exc) or "未找到")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return json_error(403, str(exc) or "您没有执行此操作的权限")

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request, exc):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"请求体": exc.messages}
        return json_error(400, "数据校验失败", fields=fields)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        return json_error(400, "数据校验失败", fields=_field_errors(exc.errors))

    for prefix, router in registry.api_routers():
        api.add_router(f"/{prefix}/", router)
    return api


def _json_405(view):
    """ninja answers an unsupported method with a bare 405; the API answers JSON, naming the method."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            response = json_error(405, f"不支持的请求方法：{request.method}")
            response["Allow"] = allowed
        return response

    return wrapper


def urls():
    """The URL patterns to mount at /api/v1/ (namespace "api-v1")."""
    patterns, app_name, namespace = get_api().urls
    wrapped = []
    for pattern in patterns:
        if hasattr(pattern, "callback"):
            pattern = URLPattern(
                pattern.pattern, _json_405(pattern.callback), pattern.default_args, pattern.name
            )
        wrapped.append(pattern)
    return wrapped, app_name, namespace


_API: NinjaAPI | None = None


def get_api() -> NinjaAPI:
    """The one NinjaAPI, built on first use (after every app's `ready()` has registered its router)."""
    global _API
    if _API is None:
        _API = build_api()
    return _API
