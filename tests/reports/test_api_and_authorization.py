"""/api/v1/reports/ and the authorisation matrix of every reports URL: anonymous → 302 (pages) or 401 (API),
an organ not visible → 404, visible without the action → 403, allowed → 200/302."""

from __future__ import annotations

import json

import pytest
from tests.reports.test_views_and_region import _cases

from gongkai.reports import services

YEAR = 2025


@pytest.fixture
def compiled(region):
    _cases(region)
    return services.compile_report(region.perms("clerk"), region.own, YEAR)


def test_api_compile_check_publish_and_region(client, region, compiled):
    client.force_login(region.users["clerk"])
    base = f"/api/v1/reports/{region.own.slug}/{YEAR}/"
    body = client.post(base + "compile/", content_type="application/json").json()
    assert body["status"] == "draft" and body["report"]["applications"]["new"]["total"] == 2
    check = client.get(base + "check/").json()
    assert check["publishable"] is True and [f["rule"] for f in check["findings"]] == []
    published = client.post(base + "publish/", json.dumps({}), content_type="application/json").json()
    assert (published["status"], published["version"]) == ("published", 1)
    client.force_login(region.users["supervisor"])
    view = client.get(f"/api/v1/reports/region/{YEAR}/").json()
    statuses = {o["organ"]: o["status"] for o in view["organs"]}
    assert statuses[region.own.slug] == "published_late"  # published in December 2026 for 2025
    assert statuses[region.sibling.slug] == "not_started"
    assert view["total"]["applications"]["new"]["total"] == 2


@pytest.mark.parametrize(
    ("role", "method", "suffix", "expected"),
    [
        (None, "get", "", 401),
        ("nobody", "get", "", 404),
        ("foreign_clerk", "get", "", 404),
        ("reviewer", "get", "", 200),
        ("reviewer", "post", "compile/", 403),
        ("reviewer", "post", "publish/", 403),
        ("supervisor", "get", "check/", 200),
        ("supervisor", "post", "publish/", 403),
        ("head", "post", "compile/", 403),
    ],
)
def test_api_matrix(client, region, compiled, role, method, suffix, expected):
    if role:
        client.force_login(region.users[role])
    url = f"/api/v1/reports/{region.own.slug}/{YEAR}/{suffix}"
    response = getattr(client, method)(
        url, *(["{}"] if method == "post" else []), content_type="application/json"
    )
    assert response.status_code == expected, response.content


PAGES = [  # (name, method, path below /workspace/o/<slug>/reports/, permission)
    ("index", "get", "", "view"),
    ("compile", "post", "compile/", "compile"),
    ("worklog", "post", "worklog/", "compile"),
    ("detail", "get", f"{YEAR}/", "view"),
    ("drill", "get", f"{YEAR}/cell/applications.new.total/", "view"),
    ("edit", "post", f"{YEAR}/edit/", "compile"),
    ("explain", "post", f"{YEAR}/explain/", "compile"),
    ("publish", "post", f"{YEAR}/publish/", "publish"),
    ("reopen", "post", f"{YEAR}/reopen/", "publish"),
    ("return", "post", f"{YEAR}/return/", "review"),
    ("supervise", "get", f"supervise/{YEAR}/", "review"),
    ("export", "get", f"supervise/{YEAR}/export.xlsx", "review"),
    ("compare", "get", f"compare/?a={YEAR}&b={YEAR}", "view"),
    ("scorecard", "get", f"supervise/{YEAR}/scorecard/", "review"),
    ("scorecard-configure", "post", f"supervise/{YEAR}/scorecard/configure/", "review"),
    ("import", "get", "import/", "review"),
    ("import", "post", "import/", "review"),
]
ALLOWED = {  # role in (or over) the organ → actions
    "clerk": {"view", "compile", "publish"},
    "head": {"view", "publish"},
    "reviewer": {"view"},
    "supervisor": {"view", "review"},
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p[0])
@pytest.mark.parametrize("role", [None, "nobody", "sibling_clerk", *ALLOWED])
def test_page_matrix(client, region, compiled, page, role):
    name, method, path, permission = page
    if role:
        client.force_login(region.users[role])
    response = getattr(client, method)(f"/workspace/o/{region.own.slug}/reports/{path}")
    if role is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in ("nobody", "sibling_clerk"):
        assert response.status_code == 404
    elif permission in ALLOWED[role]:
        # The empty upload is refused as bad input (400, naming what is missing): past the permission.
        ok = (200, 302, 400) if (name, method) == ("import", "post") else (200, 302)
        assert response.status_code in ok, (name, role, response.status_code)
    else:
        assert response.status_code == 403, (name, role, response.status_code)


def test_every_reports_url_is_in_the_matrix():
    from gongkai.reports.urls import staff_decisions

    assert {p[0] for p in PAGES} | {"download", *IMPORT_PAGES, *REGION_PAGES} == set(staff_decisions)


REGION_PAGES = {  # name → (method, path below /workspace/o/<office>/reports/), the region report compiled
    "region-compile": ("post", "region/compile/"),
    "region-detail": ("get", f"region/{YEAR}/"),
    "region-edit": ("post", f"region/{YEAR}/edit/"),
    "region-explain": ("post", f"region/{YEAR}/explain/"),
    "region-publish": ("post", f"region/{YEAR}/publish/"),
    "region-reopen": ("post", f"region/{YEAR}/reopen/"),
    "region-download": ("get", f"region/{YEAR}/v1.docx"),
}


@pytest.mark.parametrize("page", sorted(REGION_PAGES))
@pytest.mark.parametrize(
    ("role", "where", "expected"),
    [
        (None, "office", 302),
        ("nobody", "office", 404),
        ("clerk", "office", 404),
        ("sibling_clerk", "office", 404),
        ("supervisor", "office", (200, 302)),
        ("admin", "office", (200, 302)),
        ("supervisor", "own", (403, 404)),  # no region report under an organ that is not the office
    ],
)
def test_region_page_matrix(client, region, compiled, page, role, where, expected):
    report = services.compile_region_report(region.perms("supervisor"), region.office, YEAR)
    for finding in services.check_report(report).warnings:
        services.explain_warning(
            region.perms("supervisor"), report, services.finding_key(finding), "已核实。"
        )
    report.refresh_from_db()
    services.publish(region.perms("supervisor"), report)
    if page != "region-reopen":
        services.reopen(region.perms("supervisor"), report)
    method, path = REGION_PAGES[page]
    if role:
        client.force_login(region.users[role])
    slug = getattr(region, where).slug
    response = getattr(client, method)(f"/workspace/o/{slug}/reports/{path}")
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, (page, role, response.status_code)


IMPORT_PAGES = {  # name → (method, path below /workspace/o/<office>/reports/ given the batch and file)
    "import-batch": ("get", "import/{batch}/"),
    "import-file": ("get", "import/file/{file}/"),
    "import-confirm": ("post", "import/file/{file}/confirm/"),
}


@pytest.mark.parametrize("page", sorted(IMPORT_PAGES))
@pytest.mark.parametrize(
    ("role", "where", "expected"),
    [
        (None, "office", 302),
        ("nobody", "office", 404),
        ("sibling_clerk", "office", 404),
        ("clerk", "office", 404),  # the office's imports are not visible to an organ it supervises
        ("supervisor", "office", (200, 302)),
        ("admin", "office", (200, 302)),
        ("supervisor", "own", 404),  # another organ's slug does not reach the office's batch
    ],
)
def test_import_page_matrix(client, region, settings, page, role, where, expected):
    from gongkai.reports import imports
    from gongkai.reports.uploads import Upload

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    batch = imports.start_import(region.perms("supervisor"), region.office, [Upload("a.txt", b"x")])
    method, path = IMPORT_PAGES[page]
    path = path.format(batch=batch.pk, file=batch.files.get().pk)
    if role:
        client.force_login(region.users[role])
    slug = getattr(region, where).slug
    response = getattr(client, method)(f"/workspace/o/{slug}/reports/{path}")
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, (page, role, response.status_code)
    if role is None:
        assert "/login/" in response["Location"]
