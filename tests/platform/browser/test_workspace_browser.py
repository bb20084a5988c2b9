"""A clerk signs in to the workspace in headless Chromium and sees only their own organ."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

OTHER_ORGANS = ("高安市人民政府办公室", "高安市祥符镇人民政府", "高安市筠阳街道办事处")


def _sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/workspace/")  # follows the redirect to the sign-in page
    assert "/workspace/login/?next=" in page.url
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def test_clerk_signs_in_and_sees_only_their_organ(live_server, clerk, tab):
    page = tab.page
    _sign_in(page, live_server.url, clerk.username, clerk.raw_password)
    assert "/login/" not in page.url
    main = page.locator("main").inner_text()
    assert "高安市机关事务管理局" in main
    for other in OTHER_ORGANS:
        assert other not in main
    tab.screenshot("workspace-home")

    response = page.goto(live_server.url + "/workspace/o/gaoan-jgsw/")
    assert response.status == 200
    assert "高安市机关事务管理局" in page.locator("h1").inner_text()
    tab.screenshot("workspace-organ-dashboard")
    assert tab.contrast_problems() == []
    assert tab.errors == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("workspace-organ-info", "/workspace/o/gaoan-jgsw/info/"),
        ("workspace-organ-edit", "/workspace/o/gaoan-jgsw/edit/"),
        ("workspace-audit", "/workspace/audit/"),
    ],
)
def test_clerk_workspace_pages_render_cleanly(live_server, clerk, tab, name, path):
    page = tab.page
    _sign_in(page, live_server.url, clerk.username, clerk.raw_password)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    tab.screenshot(name)
    assert tab.contrast_problems() == []
    assert tab.errors == []


def test_clerk_cannot_open_or_list_another_organ(live_server, clerk, region, tab):
    page = tab.page
    _sign_in(page, live_server.url, clerk.username, clerk.raw_password)
    for path in (
        "/workspace/o/gaoan-office/",
        "/workspace/o/gaoan-office/info/",
        "/workspace/o/gaoan-office/edit/",
    ):
        assert page.goto(live_server.url + path).status == 404, path
        assert "高安市人民政府办公室" not in page.locator("main").inner_text()
    listing = page.request.get(live_server.url + "/api/v1/organs/")
    assert listing.status == 200
    assert "高安市机关事务管理局" in listing.text()
    for other in OTHER_ORGANS:
        assert other not in listing.text()
    other = page.request.get(live_server.url + f"/api/v1/organs/{region['office'].pk}/")
    assert other.status == 404


def test_wrong_password_is_refused_in_chinese(live_server, clerk, tab):
    page = tab.page
    _sign_in(page, live_server.url, clerk.username, "not-the-password")
    assert "/workspace/login/" in page.url
    assert "用户名或密码错误" in page.locator("main").inner_text()
    tab.screenshot("workspace-login-error")
    assert tab.contrast_problems() == []
    assert tab.errors == []


def test_anonymous_visitor_is_sent_to_sign_in(live_server, region, tab):
    page = tab.page
    page.goto(live_server.url + "/workspace/o/gaoan-jgsw/")
    assert "/workspace/login/?next=/workspace/o/gaoan-jgsw/" in page.url
    assert page.locator("#id_username").is_visible()
    tab.screenshot("workspace-login")
    assert tab.errors == []


def test_sign_in_and_out_work_without_javascript(live_server, clerk, tab_without_js):
    page = tab_without_js.page
    _sign_in(page, live_server.url, clerk.username, clerk.raw_password)
    assert page.url == live_server.url + "/workspace/"
    assert "高安市机关事务管理局" in page.locator("main").inner_text()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/workspace/")
    assert "/workspace/login/" in page.url  # signed out: staff pages ask for sign-in again
    assert tab_without_js.errors == []
