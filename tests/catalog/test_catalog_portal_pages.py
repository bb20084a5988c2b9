"""The public 政府信息公开 column: metadata table, sanitised bodies, 政策解读 both ways, the register with
validity, feeds and sitemap; attachments checked by content; columns renamed without breaking URLs."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import pagecache, selectors
from gongkai.catalog.services import columns as column_services
from gongkai.catalog.services import entries as services
from gongkai.catalog.services import register

HOSTILE = (
    '<p>正文</p><script>alert("x")</script><img src="/a.png" onerror="alert(2)">'
    '<a href="javascript:alert(3)">链接</a><p onclick="alert(4)" style="color:red">段落</p>'
)


def test_script_event_attributes_and_javascript_urls_never_reach_a_page(client, region):
    entry = region.publish(region.draft(title="含脚本的正文", body=HOSTILE))
    stored = entry.published_version.body
    page = client.get(f"/xxgk/{region.own.slug}/e/{entry.pk}/").content.decode()
    for text in (stored, page):
        assert "<script" not in text and "alert(" not in text
        assert "onerror" not in text and "onclick" not in text and "javascript:" not in text
    assert "<p>正文</p>" in page and "段落" in page
    staff = client
    staff.force_login(region.users["clerk"])
    staff_page = staff.get(f"/workspace/o/{region.own.slug}/catalog/entries/{entry.pk}/").content.decode()
    assert "alert(" not in staff_page


def test_entry_page_has_the_metadata_table(client, region):
    entry = region.publish(
        region.draft(title="关于公车改革的通知", doc_number="甲机管发〔2026〕7号", subject="机关事务")
    )
    page = client.get(f"/xxgk/{region.own.slug}/e/{entry.pk}/").content.decode()
    for label, value in (
        ("索引号", entry.index_number),
        ("发布机构", "甲市机关事务管理局"),
        ("生成日期", "2026-11-02"),
        ("文号", "甲机管发〔2026〕7号"),
        ("主题分类", "机关事务"),
        ("公开方式", "主动公开"),
    ):
        assert f'<th scope="row">{label}</th><td>{value}</td>' in page


def test_interpretations_link_both_ways_and_clear_the_flag(client, region):
    policy = region.publish(region.draft(title="甲市节能管理办法", genre="normative", column="art20-01"))
    assert list(selectors.interpretation_needed(region.own)) == [policy]
    with pytest.raises(ValidationError, match="解读形式"):
        region.draft(title="解读", column="interpretation", interprets=policy)
    reading = region.publish(
        region.draft(
            title="一图读懂节能管理办法",
            column="interpretation",
            interprets=policy,
            interpretation_form="graphic",
        )
    )
    assert list(selectors.interpretation_needed(region.own)) == []
    policy_page = client.get(f"/xxgk/{region.own.slug}/e/{policy.pk}/").content.decode()
    assert f"/xxgk/{region.own.slug}/e/{reading.pk}/" in policy_page and "图文解读" in policy_page
    reading_page = client.get(f"/xxgk/{region.own.slug}/e/{reading.pk}/").content.decode()
    assert f"/xxgk/{region.own.slug}/e/{policy.pk}/" in reading_page


def test_register_list_shows_validity(client, region):
    clerk = region.perms("clerk")
    kept = register.register_document(
        clerk,
        region.own,
        kind="normative_documents",
        title="现行文件",
        doc_number="甲规〔2024〕1号",
        issued_on="2024-01-02",
    )
    gone = register.register_document(
        clerk,
        region.own,
        kind="normative_documents",
        title="废止文件",
        doc_number="甲规〔2024〕2号",
        issued_on="2024-01-03",
    )
    register.record_event(clerk, gone, kind="repealed", on="2025-03-01", by_document="甲规〔2025〕1号")
    page = client.get(f"/xxgk/{region.own.slug}/normative/").content.decode()
    assert "现行文件" in page and "废止文件" in page
    assert "废止（2025-03-01）" in page
    assert page.count(">有效<") == 1
    assert kept.pk


def test_column_list_pages_and_survives_renaming(client, region, monkeypatch):
    for n in range(23):
        region.publish(region.draft(title=f"决策信息{n:02d}", column="decision"))
    column = region.column("decision")
    url = f"/xxgk/{region.own.slug}/c/decision/"
    first = client.get(url).content.decode()
    assert "第 1 / 2 页，共 23 条" in first and "决策信息22" in first and "决策信息02" not in first
    assert "决策信息00" in client.get(url, {"page": 2}).content.decode()
    # The count is bounded at MAX_PAGE pages: with one page allowed, 23 entries are "more than 20".
    from gongkai.catalog.views import public

    monkeypatch.setattr(public, "MAX_PAGE", 1)
    pagecache.pages.clear()  # the page of the unpatched code is cached: a code change, not a data change
    bounded = client.get(url, {"page": 2}).content.decode()
    assert "超过 20 条" in bounded and "共 23 条" not in bounded and "决策信息22" in bounded
    monkeypatch.undo()
    column_services.change_column(region.perms("clerk"), column, title="重大决策公开", sort_order=5)
    renamed = client.get(url).content.decode()
    assert "<h1>重大决策公开</h1>" in renamed
    with pytest.raises(ValidationError):
        column_services.add_column(region.perms("clerk"), region.own, key="decision", title="重复")
    added = column_services.add_column(region.perms("clerk"), region.own, key="epidemic", title="疫情防控")
    assert client.get(f"/xxgk/{region.own.slug}/c/{added.key}/").status_code == 200


def test_feeds_and_sitemap(client, region):
    entry = region.publish(region.draft(title="订阅测试", column="decision"))
    rss = client.get(f"/xxgk/{region.own.slug}/c/decision/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "订阅测试" in rss.content.decode()
    atom = client.get(f"/xxgk/{region.own.slug}/feed/atom/").content.decode()
    assert "<feed" in atom and "订阅测试" in atom
    index = client.get("/xxgk/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "/xxgk/sitemap-entries.xml</loc>" in index
    assert "/xxgk/sitemap-columns.xml</loc>" in index
    sitemap = client.get("/xxgk/sitemap-entries.xml").content.decode()
    assert f"/xxgk/{region.own.slug}/e/{entry.pk}/</loc>" in sitemap
    columns = client.get("/xxgk/sitemap-columns.xml").content.decode()
    assert f"/xxgk/{region.own.slug}/c/decision/</loc>" in columns
    assert client.get("/xxgk/sitemap-nothing.xml").status_code == 404


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_attachments_are_checked_by_content_and_size(region, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    version = region.draft()
    ok = services.add_attachment(
        region.perms("clerk"), version, SimpleUploadedFile("办法.pdf", b"%PDF-1.7\n...")
    )
    assert ok.kind == "pdf"
    word = services.add_attachment(region.perms("clerk"), version, SimpleUploadedFile("附件.docx", _docx()))
    assert word.kind == "docx"
    with pytest.raises(ValidationError, match="文件类型不被接受"):
        services.add_attachment(
            region.perms("clerk"), version, SimpleUploadedFile("假的.pdf", b"<html><script>")
        )
    with pytest.raises(ValidationError, match="大小上限"):
        big = SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 + 1))
        services.add_attachment(region.perms("clerk"), version, big)
    assert [a.name for a in version.attachments.order_by("id")] == ["办法.pdf", "附件.docx"]


def test_guide_is_an_editable_sanitised_page(client, region):
    column_services.update_guide(region.perms("clerk"), region.own, "<h2>获取方式</h2><script>x()</script>")
    page = client.get(f"/xxgk/{region.own.slug}/guide/").content.decode()
    assert "<h2>获取方式</h2>" in page and "x()" not in page
    assert date.today()


def test_the_portal_links_the_catalogue_columns(client, region):
    page = client.get(f"/organs/{region.own.slug}/").content.decode()
    for path in ("guide/", "system/", ""):
        assert f'href="/xxgk/{region.own.slug}/{path}"' in page
