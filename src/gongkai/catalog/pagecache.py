"""A cache of the anonymous public catalogue pages (目录, column lists, entry pages, the 规范性文件 list,
search results, feeds and sitemaps), correct across any number of processes.

Every page is stored in this process's memory under a key that holds the public generation's token
(`models.PublicGeneration`, one primary-key read per request). Every service that changes what the public
sees replaces the token in its own transaction (`changed()`), so the moment a 撤回, a publication or a
correction commits, no process can reach a page rendered before it: the next request reads the new token and
misses. Nothing has to be purged and no process has to be told.

What is cached, and for whom:
- GET requests only, from visitors who carry neither a session nor a messages cookie (a signed-in user, or
  one with a pending message, always gets a fresh page, and never fills the cache);
- only the query parameters the page reads (each at most once, short) and they are part of the key, with
  the scheme, the host, the path and today's date (validity on an entry page depends on the date);
- only 200 responses without cookies, without a CSRF token, without a session touched, and not marked
  private or no-store.

The cache is bounded by bytes (`GONGKAI_CATALOG_PAGE_CACHE_BYTES`, 32 MiB per process by default), least
recently used first out, and entries expire after `TIMEOUT` seconds. The security headers (CSP,
Permissions-Policy, X-Frame-Options) are added by the middleware around the view, on hits as on misses.
`X-Catalog-Cache: hit|miss` says which it was.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

from gongkai.catalog.models import PublicGeneration

KEY = "catalog"
TIMEOUT = 600  # seconds; a safety net only, the token is what keeps pages current
DEFAULT_BYTES = 32 * 1024 * 1024
MAX_VALUE_LENGTH = 100
HEADER = "X-Catalog-Cache"


def changed() -> None:
    """Call inside the transaction of every change the public pages show: a new token for every process."""
    token = secrets.token_hex(16)
    if not PublicGeneration.objects.filter(pk=KEY).update(token=token):
        PublicGeneration.objects.bulk_create([PublicGeneration(key=KEY, token=token)], ignore_conflicts=True)
        PublicGeneration.objects.filter(pk=KEY).update(token=token)


def _read() -> str | None:
    # Every request reads it: plain SQL, a fifth of the ORM's cost (compiling the query was ~0.2 ms).
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('token')} FROM {quote(PublicGeneration._meta.db_table)} WHERE {quote('key')} = %s",
            [KEY],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def generation() -> str:
    token = _read()
    if token is None:  # first use: any random token will do, a concurrent first use may win
        PublicGeneration.objects.bulk_create(
            [PublicGeneration(key=KEY, token=secrets.token_hex(16))], ignore_conflicts=True
        )
        token = _read()
    return token


class PageCache:
    """A thread-safe LRU bounded by the bytes of the bodies it holds."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[str, tuple[float, int, bytes, tuple]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            item = self.items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                self._drop(key)
                return None
            self.items.move_to_end(key)
            return item

    def set(self, key: str, status: int, content: bytes, headers: tuple) -> None:
        cost = len(content) + len(key) + 512
        if cost > self.max_bytes // 8:  # one page never takes over the cache
            return
        with self.lock:
            if key in self.items:
                self._drop(key)
            self.items[key] = (time.monotonic() + TIMEOUT, status, content, headers)
            self.size += cost
            while self.size > self.max_bytes:
                self._drop(next(iter(self.items)))

    def _drop(self, key: str) -> None:
        _, _, content, _ = self.items.pop(key)
        self.size -= len(content) + len(key) + 512

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


pages = PageCache(getattr(settings, "GONGKAI_CATALOG_PAGE_CACHE_BYTES", DEFAULT_BYTES))


def _anonymous(request) -> bool:
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _key(request, params: tuple[str, ...]) -> str | None:
    """The page's key without the token, or None when the request has parameters the page does not read."""
    query = request.GET
    values = []
    for name in query:
        if name not in params:
            return None
        found = query.getlist(name)
        if len(found) != 1 or len(found[0]) > MAX_VALUE_LENGTH:
            return None
        values.append(f"{name}={found[0]}")
    values.sort()
    host = request.get_host()
    return f"{request.scheme}://{host}{request.path}?{'&'.join(values)}#{timezone.localdate().isoformat()}"


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or "Set-Cookie" in response.headers:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.headers.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def request_generation(request) -> str | None:
    """The token this request's page is cached under, or None when the page cache does not serve it."""
    return getattr(request, "catalog_generation", None)


def cached(*params: str):
    """Cache an anonymous public view's 200 responses; `params` are the query parameters it reads."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            base = _key(request, params) if _anonymous(request) else None
            if base is None:
                return view(request, *args, **kwargs)
            token = generation()
            request.catalog_generation = token  # what the page is built from (publicnav keeps it by this)
            key = f"{token}|{base}"
            hit = pages.get(key)
            if hit is not None:
                _, status, content, headers = hit
                response = HttpResponse(content, status=status, headers=dict(headers))
                response[HEADER] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()  # a TemplateResponse (the sitemaps)
            if _storable(request, response):
                headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "set-cookie")
                pages.set(key, response.status_code, response.content, headers)
                response[HEADER] = "miss"
            return response

        return wrapper

    return decorate
