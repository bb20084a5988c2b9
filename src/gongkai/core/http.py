"""Project-wide error handlers: JSON under the registered API prefixes, the sites' HTML pages elsewhere.

One JSON error shape for the whole platform: {"error": "<中文说明>"} plus, for invalid input,
"fields": {"<field>": ["<中文说明>", …]}.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views import defaults
from django.views.csrf import csrf_failure as html_csrf_failure

from gongkai.core.registry import api_prefixes

CSRF_MESSAGE = "CSRF校验失败：请在 X-CSRFToken 请求头中附上 csrftoken Cookie 的值"


def json_error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def is_api_request(request) -> bool:
    return request.path.startswith(api_prefixes())


def page_not_found(request, exception=None):
    """handler404: JSON under an API prefix (a bad path), the site's HTML 404 page elsewhere."""
    if is_api_request(request):
        return json_error(404, "未找到：接口地址不存在")
    return defaults.page_not_found(request, exception)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: JSON under an API prefix, the HTML 403_csrf page elsewhere."""
    if is_api_request(request):
        return json_error(403, CSRF_MESSAGE)
    return html_csrf_failure(request, reason)
