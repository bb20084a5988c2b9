"""A small HTTP client for tests against real servers: cookies kept, redirects not followed, CSRF handled
the way a browser's form post does it (cookie + header + Origin)."""

from __future__ import annotations

import html
import http.cookiejar
import json
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One user agent: its cookies go to every port of the host, as a browser's do."""

    def __init__(self, cafile: str | None = None):
        self.cookies = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()]
        if cafile:
            handlers.append(urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=cafile)))
        self.opener = urllib.request.build_opener(*handlers)

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def request(
        self, method: str, url: str, data: dict | None = None, headers: dict | None = None
    ) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        if method == "POST":
            parts = urllib.parse.urlsplit(url)
            request.add_header("Origin", f"{parts.scheme}://{parts.netloc}")
            request.add_header("Referer", url)
            token = self.cookie("csrftoken")
            if token:
                request.add_header("X-CSRFToken", token)
        try:
            with self.opener.open(request, timeout=30) as response:
                return Response(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return Response(error.code, dict(error.headers), error.read())

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def post(self, url: str, data: dict | None = None) -> Response:
        return self.request("POST", url, data if data is not None else {})


def form_fields(page: str) -> dict[str, str]:
    """The named inputs of a page's forms with their values (text inputs and hidden fields)."""
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        name = re.search(r'\bname="([^"]*)"', tag)
        if not name or re.search(r'\btype="(submit|checkbox|radio|button)"', tag):
            continue
        value = re.search(r'\bvalue="([^"]*)"', tag)
        fields[name[1]] = _unescape(value[1]) if value else ""
    for name, value in re.findall(r'<textarea\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</textarea>', page, re.S):
        fields[name] = _unescape(value)
    return fields


def _unescape(value: str) -> str:
    return html.unescape(value)
