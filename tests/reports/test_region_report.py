"""The region's report (汇总): compiled by the 主管部门 as the sum of its organs, checked, explained,
published and locked like an organ's report."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.applications.conftest import PERSON
from tests.reports.test_views_and_region import _cases

from gongkai.annualreport.readers import read
from gongkai.applications.services import cases
from gongkai.reports import services
from gongkai.reports.models import AnnualReport


def _two_organs(region):
    _cases(region)
    other = cases.register(
        region.perms("sibling_clerk"),
        region.sibling,
        dict(PERSON),
        "in_person",
        submitted_on=date(2025, 5, 5),
        issue_documents=False,
    )
    cases.reply(
        region.perms("sibling_clerk"), other.pk, date(2025, 5, 9), "granted", "36-2", issue_documents=False
    )
    own = services.compile_report(region.perms("clerk"), region.own, 2025)
    sibling = services.compile_report(region.perms("sibling_clerk"), region.sibling, 2025)
    return own, sibling


def _publish(perms, report):
    for finding in services.check_report(report).warnings:
        services.explain_warning(perms, report, services.finding_key(finding), "经核实，汇总数据无误。")
    report.refresh_from_db()
    return services.publish(perms, report)


def test_the_region_report_is_the_sum_of_its_organs_and_publishes_like_any_report(region):
    own, sibling = _two_organs(region)
    supervisor = region.perms("supervisor")
    report = services.compile_region_report(supervisor, region.office, 2025)
    total, parts = services.report_of(report), [services.report_of(own), services.report_of(sibling)]
    assert (report.organ, report.office, report.is_region) == (region.gov, region.office, True)
    for path, value in total.cells():
        values = [p.get(path) for p in parts if p.get(path) is not None]
        assert value == (sum(values) if values else None), path
    assert total.applications.new.total == 3 and total.applications.results.granted.total == 2
    assert total.agency == "高安市人民政府" and total.year == 2025
    assert "本报告汇总了本级政府及所属2个机关的年度报告数据" in total.sections.overview
    assert "全地区新收政府信息公开申请3件" in total.sections.overview
    # The organs' own reports are untouched and the region report is not one of them.
    assert AnnualReport.objects.filter(year=2025).count() == 2
    assert AnnualReport.regions.get(office=region.office, year=2025) == report

    result = services.check_report(report)
    assert not result.errors
    version = _publish(supervisor, report)
    report.refresh_from_db()
    assert report.locked and version.number == 1
    assert services.compile_region_report(supervisor, region.office, 2025).data == report.data  # locked
    assert services.previous_report(region.gov, 2026, region.office) == services.report_of(version)
    assert services.previous_report(region.gov, 2026) is None  # the government's own report is another


def test_only_the_supervising_office_compiles_and_publishes_it(region):
    _two_organs(region)
    with pytest.raises(PermissionDenied):
        services.compile_region_report(region.perms("clerk"), region.office, 2025)
    with pytest.raises(PermissionDenied):
        services.compile_region_report(region.perms("supervisor"), region.own, 2025)
    with pytest.raises(ValidationError, match="不是政务公开主管部门"):
        services.compile_region_report(region.perms("admin"), region.own, 2025)
    report = services.compile_region_report(region.perms("supervisor"), region.office, 2025)
    with pytest.raises(PermissionDenied):
        services.publish(region.perms("clerk"), report)
    with pytest.raises(PermissionDenied):
        services.edit_section(region.perms("head"), report, "shortcomings", "无。")
    with pytest.raises(ValidationError, match="不能退回"):
        services.return_for_correction(region.perms("supervisor"), report, "请修改")


def test_region_pages_compile_edit_publish_and_download(client, region):
    _two_organs(region)
    client.force_login(region.users["supervisor"])
    base = f"/workspace/o/{region.office.slug}/reports/"
    index = client.get(base).content.decode()
    assert "本地区汇总年度报告（主管部门）" in index
    response = client.post(base + "region/compile/", {"year": "2025"})
    assert response.status_code == 302 and response["Location"] == base + "region/2025/"
    page = client.get(base + "region/2025/").content.decode()
    assert "高安市人民政府2025年政府信息公开工作年度报告（本地区汇总）" in page
    assert "/cell/" not in page  # a sum has no drill-down of its own
    client.post(base + "region/2025/edit/", {"section": "shortcomings", "text": "部分机关答复说理不够充分。"})
    report = AnnualReport.regions.get(office=region.office, year=2025)
    assert report.edited == {"shortcomings": "部分机关答复说理不够充分。"}
    for finding in services.check_report(report).warnings:
        client.post(
            base + "region/2025/explain/", {"key": services.finding_key(finding), "explanation": "已核实。"}
        )
    client.post(base + "region/2025/publish/", {})
    report.refresh_from_db()
    assert report.status == "published"
    docx = client.get(base + "region/2025/v1.docx")
    assert docx.status_code == 200
    assert read(docx.content, name="r.docx") == services.report_of(report.current_version())
    assert f'href="{base}region/2025/v1.pdf"' in client.get(base + "region/2025/").content.decode()
    listing = client.get(f"/nianbao/{region.gov.slug}/").content.decode()  # the government's 年报 column
    assert "2025年度本地区汇总报告 第1版" in listing
    public = client.get(f"/nianbao/{region.gov.slug}/2025/region-v1.pdf")
    assert public.status_code == 200 and public.content.startswith(b"%PDF-")
    assert client.get(f"/nianbao/{region.gov.slug}/2025/v1.pdf").status_code == 404  # not its own report
    client.force_login(region.users["clerk"])
    assert client.get(base + "region/2025/").status_code == 404  # the office's page, not the organ's
    assert client.post(base + "region/compile/", {"year": "2025"}).status_code == 404


def test_region_report_through_the_api(client, region):
    _two_organs(region)
    base = f"/api/v1/reports/region/{region.office.slug}/2025/"
    client.force_login(region.users["clerk"])
    assert client.post(base + "compile/", "{}", content_type="application/json").status_code == 404
    client.force_login(region.users["supervisor"])
    compiled = client.post(base + "compile/", "{}", content_type="application/json")
    assert compiled.status_code == 200, compiled.content
    body = compiled.json()
    assert (body["organ"], body["status"], body["version"]) == (region.gov.slug, "draft", None)
    assert body["report"]["applications"]["new"]["total"] == 3
    check = client.get(base + "check/").json()
    assert isinstance(check["publishable"], bool)
    report = AnnualReport.regions.get(office=region.office, year=2025)
    for finding in services.check_report(report).warnings:
        services.explain_warning(
            region.perms("supervisor"), report, services.finding_key(finding), "已核实。"
        )
    published = client.post(base + "publish/", "{}", content_type="application/json").json()
    assert (published["status"], published["version"]) == ("published", 1)
    assert client.get(base).json()["version"] == 1
    client.logout()
    assert client.get(base).status_code == 401
