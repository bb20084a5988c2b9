"""A clerk drafts an entry; two reviewers and the head approve it with the 保密审查 attestation; the entry
appears on the portal and in search. In headless Chromium, with screenshots."""

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "Gk-catalog-browser-2026"
TITLE = "关于加强公务用车节能管理的通知"


def _sign_in(tab, base, username):
    page = tab.page
    page.goto(base + "/workspace/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    assert "/login/" not in page.url, username


def _open_entry(tab, base, slug, pk):
    tab.page.goto(f"{base}/workspace/o/{slug}/catalog/entries/{pk}/")


def test_draft_review_publish_and_find(live_server, live_region, new_tab):
    from gongkai.catalog.models import Entry

    base, slug = live_server.url, live_region.own.slug
    clerk = new_tab()
    _sign_in(clerk, base, "clerk")
    page = clerk.page
    page.goto(f"{base}/workspace/o/{slug}/catalog/entries/new/")
    page.select_option("#id_column", label="　决策公开")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "进一步规范公务用车使用，推进公共机构节能。")
    page.fill("#id_generated_on", "2026-11-20")
    page.fill("#id_doc_number", "甲机管发〔2026〕12号")
    # The body in the rich-text editor (pell): a paragraph, then a bold one.
    assert page.locator("#id_body").is_hidden()
    page.click(".rich-text .pell-content")
    page.keyboard.type("各科室：为做好公务用车节能工作……")
    page.keyboard.press("Enter")
    page.click(".rich-text button[title='加粗']")
    page.keyboard.type("请认真落实。")
    clerk.screenshot("catalog-draft-form")
    # Its HTML source, with a script added by hand: the server must clean it whatever the client sends.
    page.click("button:has-text('HTML源码')")
    source = page.input_value("#id_body")
    assert "各科室：为做好公务用车节能工作……" in source and "请认真落实。</b>" in source, source
    page.fill("#id_body", source + "<script>alert(1)</script>")
    assert clerk.errors == []
    page.click("button:has-text('保存草稿')")
    page.wait_for_load_state()
    entry = Entry.objects.get()
    assert page.url.endswith(f"/catalog/entries/{entry.pk}/")
    page.click("button:has-text('提交审核')")
    page.wait_for_load_state()
    assert "已提交审核" in page.locator("main").inner_text()
    clerk.screenshot("catalog-submitted")

    for username, button in (("reviewer", "初审通过"), ("reviewer2", "复审通过"), ("head", "终审通过")):
        tab = new_tab()
        _sign_in(tab, base, username)
        _open_entry(tab, base, slug, entry.pk)
        if username == "reviewer":
            tab.page.click("button:has-text('确认保密审查')")
            tab.page.wait_for_load_state()
            assert "已记录保密审查" in tab.page.locator("main").inner_text()
        tab.page.click(f"button:has-text('{button}')")
        tab.page.wait_for_load_state()
        text = tab.page.locator("main").inner_text()
        assert "审核通过" in text, (username, text[:300])
        tab.screenshot(f"catalog-review-{username}")
        assert tab.errors == []
    entry.refresh_from_db()
    assert entry.status == "published" and entry.index_number.endswith("/2026-00001")
    assert "已发布" in tab.page.locator("main").inner_text()

    public = new_tab()
    public.page.goto(f"{base}/xxgk/{slug}/c/decision/")
    assert TITLE in public.page.locator("main").inner_text()
    public.screenshot("catalog-portal-column")
    public.page.click(f"a:has-text('{TITLE}')")
    public.page.wait_for_load_state()
    main = public.page.locator("main").inner_text()
    assert entry.index_number in main and "甲机管发〔2026〕12号" in main and "alert" not in main
    assert public.page.locator(".entry-body b").inner_text() == "请认真落实。"
    assert "<script" not in public.page.content()
    public.screenshot("catalog-portal-entry")
    public.page.goto(f"{base}/xxgk/search/?q=公务用车")
    results = public.page.locator(".search-results").inner_text()
    assert TITLE in results
    assert public.page.locator(".search-results mark").first.inner_text() == "公务用车"
    public.screenshot("catalog-search")
    assert public.contrast_problems() == []
    assert public.errors == []
