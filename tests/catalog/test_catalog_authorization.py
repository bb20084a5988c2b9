"""The authorisation matrix of every catalogue URL and endpoint: staff pages and actions × every role × own /
other organ, public pages for anyone, and the API (401 anonymous, 404 unseen, 403 seen but not allowed)."""

import json

import pytest
from django.urls import reverse

ROLES = ("anonymous", "clerk", "reviewer", "head", "supervisor", "other_clerk", "nobody", "admin")
VIEW = {"anonymous": 302, "clerk": 200, "reviewer": 200, "head": 200, "supervisor": 200, "other_clerk": 404,
        "nobody": 404, "admin": 200}  # fmt: skip
DRAFT = VIEW | {"reviewer": 403, "head": 403, "supervisor": 403}
MANAGE = VIEW | {"reviewer": 403, "supervisor": 403}
# Staff GET pages: name → (needs an entry or a document, expected)
PAGES = {
    "home": (None, VIEW),
    "entries": (None, VIEW),
    "entry-new": (None, DRAFT),
    "entry": ("entry", VIEW),
    "entry-edit": ("draft", DRAFT),
    "columns": (None, MANAGE),
    "settings": (None, MANAGE),
    "guide": (None, MANAGE),
    "register": (None, VIEW),
    "cleanup": (None, MANAGE),
    "figures": (None, MANAGE),
    "yearly": (None, VIEW),
}


def _client(client, region, role):
    client.logout()
    if role != "anonymous":
        client.force_login(region.users[role])
    return client


@pytest.fixture
def objects(region):
    published = region.publish(region.draft(title="已发布"))
    draft = region.draft(title="草稿")
    return {"entry": published.pk, "draft": draft.entry_id}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_staff_pages(client, region, objects, name):
    needs, expected = PAGES[name]
    kwargs = {"slug": region.own.slug} | ({"pk": objects[needs]} if needs else {})
    url = reverse(f"catalog:{name}", kwargs=kwargs)
    for role in ROLES:
        response = _client(client, region, role).get(url)
        assert response.status_code == expected[role], f"GET {url} as {role}: {response.status_code}"
        if role == "anonymous":
            assert response["Location"].startswith(reverse("workspace:login"))


def test_an_entry_is_not_reachable_through_another_organs_url(client, region, objects):
    url = reverse("catalog:entry", kwargs={"slug": region.other.slug, "pk": objects["entry"]})
    assert _client(client, region, "admin").get(url).status_code == 404


# POST actions: the service decides (403 for a role that may see but not act); unseen is 404.
ACTIONS = {
    "submit": ("draft", {}, DRAFT | {"clerk": 302, "admin": 302}),
    "withdraw": ("entry", {"reason": "测试撤回"}, VIEW | {"clerk": 403, "reviewer": 403, "supervisor": 403, "head": 302, "admin": 302}),
    "correct": ("entry", {"reason": "更正"}, DRAFT | {"clerk": 302, "admin": 302}),
}  # fmt: skip


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_staff_actions(client, region, objects, action, role):
    needs, data, expected = ACTIONS[action]
    url = reverse(
        "catalog:entry-action", kwargs={"slug": region.own.slug, "pk": objects[needs], "action": action}
    )
    response = _client(client, region, role).post(url, data)
    assert response.status_code == expected[role], f"POST {url} as {role}: {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_review_actions_follow_the_roles(client, region, objects, role):
    from gongkai.catalog.services import entries as services

    version = services.open_version(services.Entry.objects.get(pk=objects["draft"]))
    version = services.submit(region.perms("clerk"), version)
    url = reverse(
        "catalog:entry-action", kwargs={"slug": region.own.slug, "pk": objects["draft"], "action": "approve"}
    )
    response = _client(client, region, role).post(url, {"note": "同意"})
    expected = VIEW | {"clerk": 403, "supervisor": 403, "reviewer": 302, "head": 302, "admin": 302}
    assert response.status_code == expected[role]
    approved = services.round_steps(version)
    # head and admin are refused by the workflow (初审 is the reviewer's; admin passes the role check).
    levels = [s.level_label for s in approved if s.kind == "approved"]
    assert levels == (["初审"] if role in ("reviewer", "admin") else [])


def test_public_pages_are_open_and_hide_unpublished(client, region, objects):
    slug = region.own.slug
    for url in (
        f"/xxgk/{slug}/",
        f"/xxgk/{slug}/guide/",
        f"/xxgk/{slug}/system/",
        f"/xxgk/{slug}/normative/",
        f"/xxgk/{slug}/c/decision/",
        f"/xxgk/{slug}/e/{objects['entry']}/",
        f"/xxgk/{slug}/feed/rss/",
        f"/xxgk/{slug}/feed/atom/",
        f"/xxgk/{slug}/c/management/feed/rss/",
        "/xxgk/search/?q=已发布",
        "/xxgk/sitemap.xml",
        "/xxgk/sitemap-entries.xml",
        "/xxgk/sitemap-columns.xml",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/xxgk/{slug}/e/{objects['draft']}/").status_code == 404
    assert client.get(f"/xxgk/{region.other.slug}/e/{objects['entry']}/").status_code == 404
    assert client.get(f"/xxgk/{slug}/c/no-such-column/").status_code == 404
    assert client.post(f"/xxgk/{slug}/").status_code == 405


API_VIEW = VIEW | {"anonymous": 401}


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(client, region, objects, role):
    c = _client(client, region, role)
    assert c.get("/api/v1/catalog/entries/").status_code == 200
    assert c.get(f"/api/v1/catalog/entries/{objects['entry']}/").status_code == 200
    assert c.get(f"/api/v1/catalog/entries/{objects['draft']}/").status_code == 404
    assert c.get("/api/v1/catalog/search/", {"q": "已发布"}).status_code == 200
    staff = c.get(f"/api/v1/catalog/staff/entries/{objects['draft']}/")
    assert staff.status_code == API_VIEW[role]
    listed = c.get("/api/v1/catalog/staff/entries/")
    assert listed.status_code == (401 if role == "anonymous" else 200)
    if listed.status_code == 200:
        ids = {item["id"] for item in listed.json()["items"]}
        assert ids == ({objects["entry"], objects["draft"]} if API_VIEW[role] == 200 else set())
    create = c.post(
        f"/api/v1/catalog/staff/organs/{region.own.slug}/entries/",
        json.dumps({"column": "decision", "title": "接口草稿", "generated_on": "2026-11-20"}),
        content_type="application/json",
    )
    assert create.status_code == (DRAFT | {"anonymous": 401, "clerk": 201, "admin": 201})[role]
    approve = c.post(
        f"/api/v1/catalog/staff/entries/{objects['draft']}/approve/",
        json.dumps({"note": "同意"}),
        content_type="application/json",
    )
    # Not submitted: reviewers and the head get the workflow's 409; the clerk and supervisor 403.
    expected = API_VIEW | {"clerk": 403, "supervisor": 403, "reviewer": 409, "head": 409, "admin": 409}
    assert approve.status_code == expected[role]
    if approve.status_code == 409:
        assert approve.json()["error"] == "只有审核中的信息可以审核"
