"""The annual report in headless Chromium: the clerk compiles, explains a warning and publishes; the
supervisor sees the report as published, downloads the DOCX and sees the organ in the charts."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from tests.browser.conftest import CLERK_PASSWORD
from tests.browser.test_workspace_browser import _sign_in

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import read
from gongkai.applications.services import cases
from gongkai.catalog.services import figures
from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Role, RoleGrant
from gongkai.organs.scope import Permissions
from gongkai.reports.models import AnnualReport

pytestmark = pytest.mark.browser

PERSON = {
    "applicant_kind": "natural_person",
    "name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "email": "zhangsan@example.com",
    "address": "江西省高安市瑞州路8号",
    "postcode": "330800",
    "description": "2025年本局公务用车购置和运行维护费用明细",
    "document_hint": "",
    "wanted_form": "electronic",
    "delivery": "email",
}


@pytest.fixture
def year_of_cases(region, clerk):
    bureau = region["bureau"]
    perms = Permissions(clerk)
    figures.save_figures(SYSTEM, bureau, 2025, licensing=2, penalty=0, coercion=0, fees_wan_yuan="0")
    a = cases.register(
        perms, bureau, dict(PERSON), "in_person", submitted_on=date(2025, 3, 3), issue_documents=False
    )
    cases.reply(perms, a.pk, date(2025, 3, 20), "granted", "36-2", issue_documents=False)
    cases.register(
        perms, bureau, dict(PERSON), "in_person", submitted_on=date(2025, 12, 22), issue_documents=False
    )
    supervisor = get_user_model().objects.create_user(username="office_gk", password=CLERK_PASSWORD)
    RoleGrant.objects.create(user=supervisor, organ=region["office"], role=Role.SUPERVISOR)
    return supervisor


def test_clerk_publishes_and_the_supervisor_sees_downloads_and_charts(
    live_server, clerk, region, year_of_cases, new_tab, tmp_path
):
    base = live_server.url + "/workspace/o/gaoan-jgsw/reports/"
    tab = new_tab()
    page = tab.page
    _sign_in(page, live_server.url, clerk.username, clerk.raw_password)
    page.goto(base)
    page.fill("#year", "2025")
    page.click("text=生成报告")
    page.wait_for_load_state()
    assert page.url == base + "2025/"
    assert "已根据办理记录生成2025年度报告" in page.content()
    assert page.locator("#report-status").inner_text() == "草稿"
    tab.screenshot("reports-compiled")

    # The clerk writes of a reconsideration withdrawn before it was accepted, which table 4 does not
    # count: the text rule T9 warns, and the clerk explains.
    section = page.locator("#s-reviews")
    section.fill("本年度因政府信息公开被申请行政复议1件，申请人于受理前撤回。")
    section.locator("xpath=ancestor::form").locator("button").click()
    page.wait_for_load_state()
    assert "正文已保存" in page.content()
    warnings = page.locator(".finding--warning textarea")
    assert warnings.count() >= 1
    assert page.locator(".finding--warning", has_text="T9").count() == 1
    assert page.locator("#publish-blocked").count() == 1  # an unexplained warning blocks publication
    while page.locator(".finding--warning textarea:text-is('')").count():
        box = page.locator(".finding--warning textarea:text-is('')").first
        box.fill("该复议申请于受理前撤回，不计入表四。")
        box.locator("xpath=ancestor::form").locator("button").click()
        page.wait_for_load_state()
        assert "说明已保存" in page.content()
    assert page.locator(".explanation").count() == warnings.count()
    tab.screenshot("reports-warning-explained")
    page.click("text=发布年度报告")
    page.wait_for_load_state()
    assert "已发布第1版" in page.content()
    assert page.locator("#report-status").inner_text() == "已发布"
    tab.screenshot("reports-published")
    assert tab.errors == []

    office = new_tab()
    page = office.page
    _sign_in(page, live_server.url, "office_gk", CLERK_PASSWORD)
    page.goto(live_server.url + "/workspace/o/gaoan-office/reports/supervise/2025/")
    row = page.locator("#status-table tr", has_text="高安市机关事务管理局")
    # Published today, after the 31 January deadline of 2026: shown as published, late.
    assert row.locator("td").nth(1).inner_text() in ("已发布", "逾期发布")
    page.wait_for_selector("[data-chart='chart-data-outcomes'] svg")
    assert page.locator("[data-chart] svg").count() >= 3  # every chart drawn (ECharts, SVG)
    outcomes = page.locator("figure", has=page.locator("caption", has_text="依申请公开办理结果"))
    assert outcomes.locator("tr", has_text="高安市机关事务管理局").locator("td").first.inner_text() == "1"
    office.screenshot("reports-supervisor-charts")

    page.click("#status-table >> text=高安市机关事务管理局")
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.click("a:text-is('DOCX')")
    saved = tmp_path / "report.docx"
    download.value.save_as(saved)
    version = AnnualReport.objects.get(organ=region["bureau"], year=2025).current_version()
    assert read(saved) == Report.from_dict(version.data)
    office.screenshot("reports-supervisor-report")
    assert office.errors == []
