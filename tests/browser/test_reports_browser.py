"""The annual report in headless Chromium: the clerk compiles, explains a warning and publishes; the
supervisor sees the report as published, downloads the DOCX and sees the organ in the charts."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from tests.applications.conftest import PERSON
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


def test_supervisor_imports_reports_and_the_progress_bar_follows_the_worker(
    live_server, clerk, region, year_of_cases, new_tab, tmp_path
):
    """Upload two files and a ZIP; the page polls (htmx) while the real worker reads them, then shows each
    file's match; an uncertain one is confirmed. Scorecard and region report pages too."""
    import io
    import zipfile

    from django.core.management import call_command

    from gongkai.annualreport.writers import write
    from gongkai.reports import compile as compiling
    from gongkai.reports.models import ImportedFile, Match

    report = compiling.compiled(region["bureau"], 2024)
    (tmp_path / "机关事务管理局2024年报.docx").write_bytes(write(report, "docx"))
    other = compiling.compiled(region["bureau"], 2024)
    other.agency, other.title = "祥符镇人民政府", None  # not the full name: to be confirmed
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("祥符镇/2024.html", write(other, "html"))
    (tmp_path / "乡镇.zip").write_bytes(archive.getvalue())
    (tmp_path / "坏文件.pdf").write_bytes(b"%PDF-1.4 not really")

    tab = new_tab()
    page = tab.page
    _sign_in(page, live_server.url, "office_gk", CLERK_PASSWORD)
    page.goto(live_server.url + "/workspace/o/gaoan-office/reports/import/")
    page.set_input_files(
        "#files", [str(tmp_path / n) for n in ("机关事务管理局2024年报.docx", "乡镇.zip", "坏文件.pdf")]
    )
    page.click("text=上传并读取")
    page.wait_for_load_state()
    assert "已上传3个文件，正在后台读取" in page.content()
    assert page.locator("#import-count").inner_text().startswith("已读取 0/3 个文件（0%）")
    tab.screenshot("reports-import-queued")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")
    # No reload: htmx polls the fragment every 2 s and swaps it in.
    page.wait_for_function(
        "() => document.querySelector('#import-count').textContent.includes('3/3')", timeout=15000
    )
    assert page.locator("#import-bar").get_attribute("value") == "3"
    files = page.locator("#import-files")
    assert "无法读取" in files.inner_text() and "待确认" in files.inner_text()
    tab.screenshot("reports-import-done")

    page.click("text=祥符镇/2024.html")
    page.wait_for_load_state()
    page.select_option("#organ", label="高安市祥符镇人民政府")
    page.click("button:text-is('确认')")
    page.wait_for_load_state()
    assert page.locator("#import-match").inner_text() == "已人工确认"
    tab.screenshot("reports-import-file")
    confirmed = ImportedFile.objects.get(name="乡镇.zip/祥符镇/2024.html")
    assert (confirmed.match, confirmed.organ) == (Match.CONFIRMED, region["town"])

    page.goto(live_server.url + "/workspace/o/gaoan-office/reports/supervise/2025/scorecard/")
    assert page.locator("#scorecard tr", has_text="高安市机关事务管理局").count() == 1
    tab.screenshot("reports-scorecard")
    page.goto(live_server.url + "/workspace/o/gaoan-office/reports/")
    page.fill("#region-year", "2025")
    page.click("text=汇总所辖机关报告")
    page.wait_for_load_state()
    assert "（本地区汇总）" in page.content()
    tab.screenshot("reports-region")
    assert tab.errors == []
