"""The anonymous public page cache (catalog/pagecache.py): hits, and never a stale or someone else's page.

Every change goes through the services, as in production; `pagecache.pages` is this process's cache, and the
generation token lives in the database, so "another process" is any reader of the same row.
"""

from __future__ import annotations

import pytest

from gongkai.catalog import pagecache
from gongkai.catalog.models import PublicGeneration
from gongkai.catalog.services import columns as column_services
from gongkai.catalog.services import entries as services
from gongkai.catalog.services import register

HEADER = pagecache.HEADER


def get(client, url, data=None):
    response = client.get(url, data or {})
    return response, response.content.decode()


def test_a_second_anonymous_request_is_a_hit_with_the_same_page_and_headers(client, region):
    entry = region.publish(region.draft(title="缓存命中测试"))
    url = f"/xxgk/{region.own.slug}/e/{entry.pk}/"
    first, first_page = get(client, url)
    second, second_page = get(client, url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second_page == first_page and "缓存命中测试" in second_page
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    # The middleware's security headers are on the hit as on the miss; no cookie is set by either.
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Vary"):
        assert second[header] == first[header] and second[header]
    assert not second.cookies and not first.cookies
    assert "no-store" not in second.get("Cache-Control", "")


def test_a_withdrawal_is_shown_at_once_on_the_entry_page_the_column_and_the_search(client, region):
    entry = region.publish(region.draft(title="公务用车撤回测试", column="decision"))
    urls = {
        "entry": f"/xxgk/{region.own.slug}/e/{entry.pk}/",
        "column": f"/xxgk/{region.own.slug}/c/decision/",
        "index": f"/xxgk/{region.own.slug}/",
        "search": "/xxgk/search/?q=公务用车",
        "feed": f"/xxgk/{region.own.slug}/feed/rss/",
    }
    for url in urls.values():
        get(client, url)
        response, page = get(client, url)
        assert response[HEADER] == "hit" and "撤回测试" in page, url
    services.withdraw(region.perms("head"), entry, "内容有误")
    response, page = get(client, urls["entry"])
    assert response[HEADER] == "miss" and "撤回。</strong>撤回理由：内容有误" in page
    for name in ("column", "index", "search", "feed"):
        response, page = get(client, urls[name])
        assert response[HEADER] == "miss" and "撤回测试" not in page, name


def test_a_publication_and_a_correction_are_shown_at_once(client, region):
    url = f"/xxgk/{region.own.slug}/c/decision/"
    get(client, url)
    response, page = get(client, url)
    assert response[HEADER] == "hit" and "新发布的决策" not in page
    entry = region.publish(region.draft(title="新发布的决策", column="decision"))
    response, page = get(client, url)
    assert response[HEADER] == "miss" and "新发布的决策" in page

    entry_url = f"/xxgk/{region.own.slug}/e/{entry.pk}/"
    get(client, entry_url)
    version = services.start_correction(region.perms("clerk"), entry, "更正标题")
    services.update_draft(region.perms("clerk"), version, title="更正后的决策")
    # The correction is in review: the public still sees the published version (and a hit is fine for that).
    assert "新发布的决策" in get(client, entry_url)[1]
    region.publish(version)
    response, page = get(client, entry_url)
    assert response[HEADER] == "miss" and "更正后的决策" in page and "新发布的决策" not in page
    assert "更正后的决策" in get(client, url)[1]


def test_column_rename_guide_and_register_changes_are_shown_at_once(client, region):
    column_url = f"/xxgk/{region.own.slug}/c/decision/"
    guide_url = f"/xxgk/{region.own.slug}/guide/"
    register_url = f"/xxgk/{region.own.slug}/normative/"
    for url in (column_url, guide_url, register_url):
        get(client, url)
    column_services.change_column(region.perms("clerk"), region.column("decision"), title="重大决策公开")
    assert "<h1>重大决策公开</h1>" in get(client, column_url)[1]
    column_services.update_guide(region.perms("clerk"), region.own, "<p>新的公开指南</p>")
    assert "新的公开指南" in get(client, guide_url)[1]
    clerk = region.perms("clerk")
    document = register.register_document(
        clerk, region.own, kind="normative_documents", title="登记文件", doc_number="甲规〔2024〕9号",
        issued_on="2024-01-02",
    )  # fmt: skip
    assert get(client, register_url)[1].count(">有效<") == 1
    get(client, register_url)
    register.record_event(clerk, document, kind="repealed", on="2025-03-01", by_document="甲规〔2025〕1号")
    page = get(client, register_url)[1]
    assert "废止（2025-03-01）" in page and ">有效<" not in page


def test_an_organ_rename_is_shown_at_once(client, region):
    url = f"/xxgk/{region.own.slug}/"
    get(client, url)
    region.own.name = "甲市机关事务服务中心"
    region.own.save()
    assert "甲市机关事务服务中心" in get(client, url)[1]


def test_another_process_changing_the_generation_makes_every_cached_page_unreachable(client, region):
    url = f"/xxgk/{region.own.slug}/"
    get(client, url)
    assert get(client, url)[0][HEADER] == "hit"
    before = PublicGeneration.objects.get(pk=pagecache.KEY).token
    # What a service in another process commits: only the row, this process's cache is untouched.
    PublicGeneration.objects.filter(pk=pagecache.KEY).update(token="token-from-another-process")
    assert pagecache.generation() != before
    assert get(client, url)[0][HEADER] == "miss"


def test_a_signed_in_user_never_gets_or_fills_the_anonymous_cache(client, region, django_user_model):
    entry = region.publish(region.draft(title="工作人员与公众"))
    url = f"/xxgk/{region.own.slug}/e/{entry.pk}/"
    from django.test import Client

    staff = Client()
    staff.force_login(region.users["clerk"])
    # Staff first: not stored, so the anonymous visitor then misses.
    response = staff.get(url)
    assert HEADER not in response and "no-store" in response["Cache-Control"]
    assert client.get(url)[HEADER] == "miss"
    assert client.get(url)[HEADER] == "hit"
    # Anonymous page cached: the signed-in user still gets a fresh, private page.
    response = staff.get(url)
    assert HEADER not in response and "no-store" in response["Cache-Control"]
    assert "工作人员与公众" in response.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_messages_cookie_bypasses_the_cache(client, region, cookie):
    url = f"/xxgk/{region.own.slug}/"
    get(client, url)
    assert get(client, url)[0][HEADER] == "hit"
    client.cookies[cookie] = "x"
    response = client.get(url)
    assert response.status_code == 200 and HEADER not in response


def test_keys_vary_by_page_and_filter_and_unknown_parameters_bypass(client, region):
    for n in range(23):
        region.publish(region.draft(title=f"分页信息{n:02d}", column="decision"))
    url = f"/xxgk/{region.own.slug}/c/decision/"
    for _ in range(2):
        one = get(client, url, {"page": 1})
        two = get(client, url, {"page": 2})
    assert one[0][HEADER] == two[0][HEADER] == "hit"
    assert "分页信息22" in one[1] and "分页信息22" not in two[1] and "分页信息00" in two[1]
    # A parameter the page does not read, or one given twice, is not cached at all.
    assert HEADER not in client.get(url, {"page": 1, "utm": "x"})
    assert HEADER not in client.get(url + "?page=1&page=2")
    # Search: the column filter is part of the key.
    region.publish(region.draft(title="公务用车管理办法", column="management"))
    region.publish(region.draft(title="公务用车决策事项", column="decision"))
    for _ in range(2):
        everywhere = get(client, "/xxgk/search/", {"q": "公务用车"})
        decisions = get(client, "/xxgk/search/", {"q": "公务用车", "column": "decision"})
    assert everywhere[0][HEADER] == decisions[0][HEADER] == "hit"
    assert "管理办法" in everywhere[1] and "决策事项" in everywhere[1]
    assert "管理办法" not in decisions[1] and "决策事项" in decisions[1]


def test_errors_are_not_cached(client, region):
    url = f"/xxgk/{region.own.slug}/e/999999/"
    assert client.get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 404 and HEADER not in response
    assert client.get("/xxgk/search/", {"q": "a\x01"}).status_code == 400


def test_the_cache_is_bounded_by_bytes_least_recently_used_first():
    cache = pagecache.PageCache(max_bytes=8 * (1000 + 512 + 1))
    for name in "abcdefgh":
        cache.set(name, 200, b"x" * 1000, ())
    assert len(cache.items) == 8 and cache.get("a") is not None  # "a" is now the most recent
    for name in "ij":
        cache.set(name, 200, b"x" * 1000, ())
    assert cache.size <= cache.max_bytes
    assert cache.get("a") is not None and cache.get("j") is not None
    assert cache.get("b") is None and cache.get("c") is None
    cache.set("huge", 200, b"x" * cache.max_bytes, ())
    assert cache.get("huge") is None  # one page never takes over the cache


def test_feeds_and_sitemaps_are_cached_and_follow_a_withdrawal(client, region):
    entry = region.publish(region.draft(title="订阅缓存测试", column="decision"))
    urls = [
        f"/xxgk/{region.own.slug}/c/decision/feed/atom/",
        "/xxgk/sitemap-entries.xml",
    ]
    for url in urls:
        first, first_page = get(client, url)
        second, second_page = get(client, url)
        assert (first[HEADER], second[HEADER]) == ("miss", "hit"), url
        assert second_page == first_page and f"/e/{entry.pk}/" in second_page
        assert second["Content-Type"] == first["Content-Type"]
    services.withdraw(region.perms("head"), entry, "重复发布")
    for url in urls:
        response, page = get(client, url)
        assert response[HEADER] == "miss" and f"/e/{entry.pk}/" not in page, url
