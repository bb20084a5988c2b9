"""Chinese full-text search on real phrases. The suite runs on SQLite (FTS5) in `make test` and on PostgreSQL
(tsvector 'simple' + GIN) in CI: the same expected sets on both engines."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.catalog.search.index import Filters, search
from gongkai.catalog.services import entries as services
from gongkai.catalog.services import register

CORPUS = {
    "节能要点": (
        "甲市机关事务管理局2026年公共机构节能工作要点",
        "<p>推进节能降耗，建设节约型机关。</p>",
        "execution",
    ),
    "正文节能": ("关于开展绿色出行宣传周活动的通知", "<p>倡导低碳生活，做好节能宣传。</p>", "service"),
    "规范性文件": (
        "关于印发《甲市行政规范性文件管理办法》的通知",
        "<p>为规范行政规范性文件制定工作。</p>",
        "art20-01",
    ),
    "公车": ("关于公车改革有关事项的通知", "<p>深化公车改革。</p>", "management"),
    "公务用车": ("公务用车使用管理规定", "<p>规范公务用车使用。</p>", "management"),
    "公共汽车": ("城区公共汽车站点调整公告", "<p>调整公共汽车线路。</p>", "service"),
    "机关食堂": ("机关食堂服务规范", "<p>提升食堂服务质量。</p>", "management"),
    "社区事务": ("社区事务公开目录", "<p>公开社区居务。</p>", "result"),
    "能源统计": ("2025年能源统计数据", "<p>全市能源消费情况。</p>", "art20-04"),
    "行政处罚": ("行政处罚决定书公示", "<p>依法作出处罚决定。</p>", "art20-06"),
    "档案": ("文件资料归档管理办法", "<p>做好档案管理。</p>", "management"),
}


@pytest.fixture
def corpus(region):
    ids = {}
    for key, (title, body, column) in CORPUS.items():
        entry = region.publish(
            region.draft(title=title, body=body, column=column, generated_on=date(2026, 3, 2))
        )
        ids[key] = entry.pk
    other = region.draft(
        title="乙市财政局节能资金管理办法", column="decision", by="other_clerk", organ=region.other
    )
    services.submit(region.perms("other_clerk"), other)
    services.attest_secrecy(region.perms("admin"), other)
    ids["其他机关节能"] = _publish_as_admin(other)
    region.draft(title="节能草稿（未发布）", column="decision")
    return ids


def _publish_as_admin(version):
    # In another organ without reviewers: the system administrator takes every level.
    from gongkai.catalog.services.columns import update_settings
    from gongkai.core.actors import SYSTEM

    update_settings(SYSTEM, version.entry.organ, review_chain=[{"label": "审核", "role": "head"}])
    services.approve(SYSTEM, version)
    return version.entry_id


def found(query, **filters):
    return set(search(query, Filters(**filters), limit=100).ids)


def names(ids, corpus):
    reverse = {pk: key for key, pk in corpus.items()}
    return {reverse[pk] for pk in ids}


def test_engine_is_the_configured_one():
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("机关事务", {"节能要点"}),
        ("节能", {"节能要点", "正文节能", "其他机关节能"}),
        ("行政规范性文件", {"规范性文件"}),
        ("公车", {"公车"}),
        ("公务用车", {"公务用车"}),
    ],
)
def test_real_phrases_find_the_right_entries_and_not_the_wrong_ones(corpus, query, expected):
    assert names(found(query), corpus) == expected


def test_title_matches_rank_first(corpus):
    ranked = search("节能", Filters(organ_ids=None), limit=10).ids
    assert ranked[-1] == corpus["正文节能"]  # the body-only match comes last


def test_filters(region, corpus):
    assert names(found("节能", organ_ids=[region.own.pk]), corpus) == {"节能要点", "正文节能"}
    assert names(found("节能", year=2026, organ_ids=[region.own.pk]), corpus) == {"节能要点", "正文节能"}
    assert found("节能", year=2025) == set()
    five = [c.pk for c in region.own.catalog_columns.filter(key__in=("execution",))]
    assert names(found("节能", column_ids=five), corpus) == {"节能要点"}


def test_validity_follows_the_register_in_the_same_transaction(region, corpus):
    entry = services.Entry.objects.get(pk=corpus["规范性文件"])
    document = register.register_document(
        region.perms("clerk"), region.own, kind="normative_documents", title="甲市行政规范性文件管理办法",
        doc_number="甲机管规〔2026〕1号", issued_on="2026-03-02", entry=entry,
    )  # fmt: skip
    assert found("行政规范性文件", validity="valid") == {entry.pk}
    register.record_event(
        region.perms("clerk"), document, kind="repealed", on="2026-06-01", by_document="甲机管规〔2026〕5号"
    )
    assert found("行政规范性文件", validity="valid") == set()
    assert found("行政规范性文件", validity="repealed") == {entry.pk}


def test_withdrawn_drafts_and_withheld_are_not_found(region, corpus):
    services.withdraw(region.perms("head"), services.Entry.objects.get(pk=corpus["公车"]), "已失效")
    assert found("公车") == set()
    assert "草稿" not in str(names(found("节能"), corpus))


def test_rebuild_command_gives_the_same_results(corpus, capsys):
    before = {q: found(q) for q in ("机关事务", "节能", "行政规范性文件", "公车")}
    call_command("rebuild_catalog_index")
    assert "已重建检索索引：12条" in capsys.readouterr().out
    assert {q: found(q) for q in before} == before


def test_search_page_highlights_and_escapes(client, region, corpus):
    region.publish(region.draft(title="<b>节能</b>周", column="service"))
    page = client.get("/xxgk/search/", {"q": "节能"}).content.decode()
    assert "<mark>节能</mark>工作要点" in page
    assert "&lt;b&gt;<mark>节能</mark>&lt;/b&gt;周" in page
    assert "共找到 4 条" in page
    assert client.get("/xxgk/search/", {"q": "节能\x00"}).status_code == 400


def test_only_the_newest_candidates_are_ranked_on_both_engines(monkeypatch, client, corpus):
    from gongkai.catalog.search import index

    everything = search("节能", limit=100)
    assert (everything.total, everything.capped) == (3, False)
    monkeypatch.setattr(index, "CANDIDATES", 2)
    capped = search("节能", limit=100)
    newest = sorted(everything.ids, reverse=True)[:2]
    assert (capped.total, capped.capped, set(capped.ids)) == (2, True, set(newest))
    assert search("节能", limit=1, offset=1).ids == [capped.ids[1]]
    page = client.get("/xxgk/search/", {"q": "节能"}).content.decode()
    assert "找到超过 2 条与“节能”相关的信息" in page
    api = client.get("/api/v1/catalog/search/", {"q": "节能"}).json()
    assert (api["count"], api["capped"]) == (2, True)


def test_a_window_smaller_than_the_index_gives_the_same_results(monkeypatch, corpus):
    # PostgreSQL reads the newest WINDOW ids first and the older rows through the GIN index; SQLite ignores it.
    from gongkai.catalog.search import index

    queries = ("机关事务", "节能", "行政规范性文件", "公车", "公务用车")
    before = {q: search(q, limit=100).ids for q in queries}
    monkeypatch.setattr(index, "WINDOW", 3)
    assert {q: search(q, limit=100).ids for q in queries} == before
    monkeypatch.setattr(index, "CANDIDATES", 2)
    assert set(search("节能", limit=100).ids) == set(sorted(before["节能"], reverse=True)[:2])


def test_the_statistics_route_gives_the_same_results(monkeypatch, corpus):
    # PostgreSQL: once ANALYZE has run, a word the statistics call rare goes to the GIN index directly (in
    # this small corpus every word is rare). SQLite has no such route: the same results either way.
    from gongkai.catalog.search import index

    queries = ("机关事务", "节能", "行政规范性文件", "公车", "公务用车", "没有的词")
    before = {q: search(q, limit=100).ids for q in queries}
    monkeypatch.setattr(index, "_stats", dict(index._stats, at=-1e9))  # read the statistics afresh
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalog_searchdocument")
            assert index._rare(cursor, ["节能"]) and index._rare(cursor, ["没有的词"])
    assert {q: search(q, limit=100).ids for q in queries} == before
    assert before["没有的词"] == []
