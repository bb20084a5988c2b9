"""Odd input to every form and API endpoint never gives a 500 (issue 8, item 7; security review M1, L1–L3).

The URLs come from the resolver and the API operations from the OpenAPI document, so a page or endpoint
an app adds later is fuzzed too, without editing this file. For each, as the clerk, the system
administrator and an anonymous visitor:

- GET, and GET with odd values in every query parameter the page's forms name (and a few common ones);
- POST with odd values in every field the page's forms name;
- for API operations with a body: JSON with odd values in every property of the schema, deep nesting,
  invalid JSON, a lone surrogate, the wrong content type and a UTF-16 charset.

Every answer is below 500; a 400, 422 or 429 carries a Chinese message; and when every write attempt on a
URL was refused, no table has a row more or less than before.
"""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import quote

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver

ODD_VALUES = [
    "\x00",
    "a\x00b",
    "\u202e反转\u202c",
    "\u200b",
    "\ufdd0",
    "x" * 20000,
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "-1",
    "1e309",
    "99999999999999999999999",
    "[]",
    "{}",
    "null",
    "٣٣٠٨٠٠",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "😀" * 50,
]
# Rows that count attempts for rate limits: a refused attempt is recorded there by design.
THROTTLE_COUNTERS = {"axes.AccessAttempt", "applications.IntakeAttempt"}
COMMON_PARAMS = ("q", "page", "year", "date_from", "date_to", "organ", "user", "state", "status", "next")
SKIPPED_PREFIXES = ("admin/", "static/", "media/", "favicon.ico")
CJK = re.compile(r"[\u4e00-\u9fff]")
NAME = re.compile(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"', re.I)


def concrete_paths(world) -> list[str]:
    fill = {
        "int": str(world.own.pk),
        "slug": world.own.slug,
        "str": "x",
        "path": "x",
        "uuid": str(uuid.uuid4()),
    }

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    paths = set()
    for raw in walk(get_resolver().url_patterns):
        if raw.startswith(SKIPPED_PREFIXES) or raw.startswith("^"):
            continue
        path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: fill.get(m.group(1) or "str", "x"), raw)
        paths.add("/" + path)
    return sorted(paths)


def rows() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}


def assert_answered(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.status_code in (400, 422, 429):
        body = response.content.decode("utf-8", "replace")
        assert CJK.search(body), f"{what}: {response.status_code} without a Chinese message: {body[:200]}"


@pytest.fixture
def clients(world, client_for, client):
    return {
        "clerk": client_for(world.users["clerk"]),
        "admin": client_for(world.users["admin"]),
        "anon": client,
    }


@pytest.mark.parametrize("who", ["clerk", "admin", "anon"])
def test_every_page_and_form_survives_odd_input(world, clients, who, django_user_model):
    client = clients[who]
    paths = [p for p in concrete_paths(world) if not p.startswith("/api/")]
    assert "/workspace/o/jia-jgsw/edit/" in paths and "/search/" in paths  # the walk found the pages
    for path in paths:
        if who != "anon":
            client.force_login(world.users[who])  # a sign-out URL may have ended the session
        page = client.get(path)
        assert_answered(page, f"GET {path}")
        names = set(NAME.findall(page.content.decode("utf-8", "replace"))) - {"csrfmiddlewaretoken"}
        for value in ODD_VALUES[:8]:
            query = "&".join(f"{quote(n)}={quote(value)}" for n in sorted(names | set(COMMON_PARAMS)))
            assert_answered(client.get(f"{path}?{query}"), f"GET {path}?…={value[:10]!r}")
        before = rows()
        refused = True
        for value in ODD_VALUES:
            response = client.post(path, dict.fromkeys(sorted(names) or ["x"], value))
            assert_answered(response, f"POST {path} {value[:10]!r}")
            refused &= response.status_code >= 400
        # A lone surrogate, percent-encoded as browsers would send its bytes.
        raw = "&".join(f"{quote(n)}=%ED%A0%80" for n in sorted(names) or ["x"])
        response = client.post(path, raw, content_type="application/x-www-form-urlencoded")
        assert_answered(response, f"POST {path} surrogate")
        refused &= response.status_code >= 400
        if refused:
            after = rows()
            changed = {
                k: (before[k], after[k])
                for k in before
                if before[k] != after[k] and k not in THROTTLE_COUNTERS
            }
            changed.pop("audit.AuditEvent", None) if path.endswith("/login/") else None
            changed.pop("sessions.Session", None)
            assert changed == {}, f"{path}: refused, yet stored {changed}"


def api_operations(client) -> list[tuple[str, str, dict]]:
    schema = client.get("/api/v1/openapi.json").json()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            body = (
                operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            )
            if body and "$ref" in body:
                body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
            operations.append((method.upper(), path, (body or {}).get("properties", {})))
    return operations


@pytest.mark.parametrize("who", ["clerk", "admin", "anon"])
def test_every_api_operation_survives_odd_input(world, clients, who):
    client = clients[who]
    operations = api_operations(client)
    assert {("GET", "/api/v1/organs/"), ("PATCH", "/api/v1/organs/{pk}/")} <= {
        (m, p) for m, p, _ in operations
    }
    for method, template, properties in operations:
        path = re.sub(
            r"\{(\w+)\}",
            lambda m: str(world.own.pk) if "id" in m.group(1) or m.group(1) == "pk" else "x",
            template,
        )
        send = getattr(client, method.lower())
        if method == "GET":
            for value in ODD_VALUES[:8]:
                query = "&".join(f"{n}={quote(value)}" for n in (*COMMON_PARAMS, "limit", "offset", "parent"))
                assert_answered(client.get(f"{path}?{query}"), f"GET {path}?…={value[:10]!r}")
            continue
        before = rows()
        refused = True
        keys = list(properties) or ["x"]
        bodies = [json.dumps(dict.fromkeys(keys, value)) for value in ODD_VALUES]
        bodies += [
            json.dumps(
                {"children": [], "role_grants": [], "request": 1, "actor": 1, "organ": 1, "parent": 4}
            ),
            json.dumps({"parent": {"id": 1}}),
            "[" * 100000 + "]" * 100000,
            '{"a":' * 5000 + "1" + "}" * 5000,
            "{not json",
            json.dumps(dict.fromkeys(keys, "x")).replace('"x"', '"\\ud800"'),
            json.dumps({f"k{i}": i for i in range(5000)}),
        ]
        for body in bodies:
            response = send(path, body, content_type="application/json")
            assert_answered(response, f"{method} {path} {body[:30]!r}")
            refused &= response.status_code >= 400
        for content_type in (
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=utf-16",
        ):
            response = send(path, "a=1", content_type=content_type)
            assert_answered(response, f"{method} {path} as {content_type}")
            refused &= response.status_code >= 400
        if refused:
            after = rows()
            assert {k: v for k, v in after.items() if before[k] != v} == {}, f"{method} {path}"
