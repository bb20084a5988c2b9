"""The public portal in headless Chromium: renders without console errors, screenshots, works without JS."""

from __future__ import annotations

import pytest

from gongkai.core.registry import portal_columns

# The generic column pages are those no app has taken over yet (apps register their own pages).
COLUMNS = [column for column in portal_columns() if column.placeholder]

pytestmark = pytest.mark.browser

MOBILE_WIDTH = 390
PAGES = [
    ("home", "/", "高安市人民政府"),
    ("organ", "/organs/gaoan-office/", "高安市人民政府办公室"),
    *[(f"column-{c.slug}", f"/organs/gaoan-office/{c.slug}/", c.heading) for c in COLUMNS],
    ("search", "/search/?q=高安", "站内搜索"),
]


@pytest.mark.parametrize(("name", "path", "heading"), PAGES, ids=[name for name, _, _ in PAGES])
def test_page_renders_without_console_errors_and_is_screenshotted(
    live_server, region, tab, name, path, heading
):
    response = tab.page.goto(live_server.url + path)
    assert response.status == 200
    assert tab.page.locator("h1").inner_text() == heading
    # The stylesheet loaded and applied: the header band is the official red, not the default transparent.
    assert tab.page.eval_on_selector(".site-header", "e => getComputedStyle(e).borderBottomStyle") == "solid"
    assert tab.page.eval_on_selector("html", "e => e.lang") == "zh-CN"
    shot = tab.screenshot(name)
    assert shot.stat().st_size > 10_000
    assert tab.contrast_problems() == []
    assert tab.errors == []
    # Everything comes from our own server: stylesheet and icon included, nothing from a CDN.
    assert tab.requested and all(url.startswith(live_server.url) for url in tab.requested), tab.requested
    assert any(url.endswith("/static/gongkai/gongkai.css") for url in tab.requested)


def test_not_found_page_is_chinese_and_styled(live_server, region, tab):
    response = tab.page.goto(live_server.url + "/organs/no-such-organ/")
    assert response.status == 404
    assert tab.page.locator("h1").inner_text() == "页面不存在"
    tab.screenshot("not-found")
    # The only console error allowed is the browser's own report of the 404 status of the page itself.
    assert all("404" in error for error in tab.errors), tab.errors


def test_home_column_links_lead_to_each_column(live_server, region, tab):
    tab.page.goto(live_server.url + "/")
    for column in COLUMNS:
        tab.page.goto(live_server.url + "/")
        tab.page.locator(f'#disclosure a[href="/organs/gaoan/{column.slug}/"]').click()
        tab.page.wait_for_url(f"**/organs/gaoan/{column.slug}/")
        assert tab.page.locator("h1").inner_text() == column.heading
    assert tab.errors == []


def test_portal_works_with_javascript_disabled(live_server, region, tab_without_js):
    page = tab_without_js.page
    assert page.goto(live_server.url + "/").status == 200
    assert page.evaluate("1 + 1") == 2  # evaluate runs in an isolated world; page scripts stay disabled
    page.locator("#organs").get_by_role("link", name="高安市机关事务管理局").click()
    page.wait_for_url("**/organs/gaoan-jgsw/")
    assert page.locator("h1").inner_text() == "高安市机关事务管理局"
    page.get_by_role("navigation", name="政府信息公开栏目").get_by_role("link", name="依申请公开").click()
    page.wait_for_url("**/organs/gaoan-jgsw/apply/new/")
    assert "江西省高安市锦江路18号" in page.locator("main").inner_text()
    # The search form submits as a plain GET form.
    page.fill("#header-search-q", "街道")
    page.press("#header-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("link", name="高安市筠阳街道办事处").is_visible()
    tab_without_js.screenshot("search-no-js")
    assert tab_without_js.errors == []


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(live_server, region, tab):
    page = tab.page
    page.goto(live_server.url + "/organs/gaoan-office/guide/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    assert page.locator(".skip-link").is_visible()  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_mobile_layout_has_no_horizontal_scroll(live_server, region, mobile_tab):
    page = mobile_tab.page
    for path in ("/", "/organs/gaoan-office/", "/organs/gaoan-office/apply/"):
        page.goto(live_server.url + path)
        # A mobile viewport widens itself to fit overflowing content, so measure against the device width.
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= MOBILE_WIDTH, (path, widest)
    mobile_tab.screenshot("column-apply-mobile")
    assert mobile_tab.errors == []
