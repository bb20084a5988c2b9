"""What `gongkai demo` serves, in headless Chromium: the demo region's portal and its demo accounts."""

from __future__ import annotations

import pytest

from gongkai.organs.demo import ACCOUNTS, PASSWORD, load_demo
from gongkai.organs.models import Organ, Role

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    return load_demo()


def _sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/workspace/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"{username} could not sign in"


def _workspace_organ_links(page) -> set[str]:
    return set(page.locator("main table a").all_inner_texts())


def test_demo_portal_lists_every_demo_organ_and_no_staff(live_server, demo, tab):
    tab.page.goto(live_server.url + "/")
    main = tab.page.locator("main").inner_text()
    below_region = Organ.objects.exclude(pk=demo.pk)
    assert below_region.count() >= 5
    for organ in below_region:
        assert organ.name in main
    for account in ACCOUNTS:
        assert account.full_name not in tab.page.content()
        assert account.username not in tab.page.content()
    tab.screenshot("demo-home")
    assert tab.errors == []


def test_demo_clerk_sees_only_their_organ_and_supervisor_sees_the_region(live_server, demo, new_tab):
    clerk = next(a for a in ACCOUNTS if a.role == Role.CLERK and a.organ_slug == "gaoan-jgsw")
    supervisor = next(a for a in ACCOUNTS if a.role == Role.SUPERVISOR)
    for account, expected in (
        (clerk, {"高安市机关事务管理局"}),
        (supervisor, set(Organ.objects.values_list("name", flat=True))),
    ):
        tab = new_tab()
        _sign_in(tab.page, live_server.url, account.username)
        assert _workspace_organ_links(tab.page) == expected, account.username
        tab.screenshot(f"demo-workspace-{account.username}")
        assert tab.errors == []
