"""HTTP guards every response passes: security headers, no caching of staff pages, UTF-8 bodies only.

- ``Content-Security-Policy``: only this site's own scripts, styles, images and fonts; no inline script,
  no plugins, no framing, forms post only here. The templates carry no inline script or style, so nothing
  needs ``'unsafe-inline'``. Set on every response, in every environment, so the browser tests see what
  production sends.
- ``Permissions-Policy``: no camera, microphone, location, payment, USB or the like.
- ``Cache-Control: no-store`` on staff pages, the API, the admin and any page shown to a signed-in user:
  audit pages with IP addresses and case pages with applicants' data must not stay in a browser or proxy
  cache after sign-out. Public pages for anonymous visitors keep their own caching.
- A form body in any charset other than UTF-8 is answered 400 before CSRF or a view reads it (Django would
  raise inside its own error handlers and answer 500; security review L2).
- A NUL character in the path is answered 400. One in a query parameter is left to the view, which names
  the field (the search says 无效的搜索词); a view that passes it on to PostgreSQL, whose text cannot hold
  it, gets a ``DataError``, answered here with a 400 naming the parameter instead of a 500 (found by the
  input fuzz on PostgreSQL). Form bodies are cleaned field by field by ``core.textinput``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)
# Paths whose every response is private: the staff workspace, the API and the admin.
PRIVATE_PREFIXES = ("/workspace/", "/api/", "/admin/")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
TEXT = "text/plain; charset=utf-8"


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


class HttpGuardsMiddleware:
    """Put this right after Django's SecurityMiddleware, before sessions and CSRF."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.private_prefixes = tuple(getattr(settings, "GONGKAI_PRIVATE_PATH_PREFIXES", PRIVATE_PREFIXES))

    def __call__(self, request):
        refused = self.refuse_nul(request) or self.refuse_foreign_charset(request)
        response = refused or self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if self.is_private(request):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response

    def is_private(self, request) -> bool:
        if request.path.startswith(self.private_prefixes):
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)

    @staticmethod
    def refuse_nul(request) -> HttpResponse | None:
        if "\x00" not in request.path:
            return None
        return HttpResponse("请求地址中含有空字符（NUL），无法处理。", status=400, content_type=TEXT)

    @staticmethod
    def process_exception(request, exception) -> HttpResponse | None:
        from django.db import DataError

        if not isinstance(exception, DataError):
            return None
        names = [key for key, values in request.GET.lists() if any("\x00" in v for v in [key, *values])]
        if not names:
            return None
        shown = "、".join(name.replace("\x00", "") or "（空）" for name in names)[:60]
        return HttpResponse(
            f"查询参数 {shown} 中含有空字符（NUL），无法处理。", status=400, content_type=TEXT
        )

    @staticmethod
    def refuse_foreign_charset(request) -> HttpResponse | None:
        content_type = request.META.get("CONTENT_TYPE", "")
        if not content_type.lower().startswith(FORM_TYPES):
            return None
        charset = _charset(content_type)
        if charset in (None, "utf-8", "utf8"):
            return None
        return HttpResponse(
            f"请求的字符集必须是 UTF-8（收到的是 {charset[:40]}）。",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
