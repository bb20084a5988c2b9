"""The staff pages and the public 年报 list through the test client; the region's sum."""

from __future__ import annotations

from datetime import date

from tests.applications.conftest import COMPANY, PERSON
from tests.reports.test_compile import _case, _reply

from gongkai.annualreport.readers import read
from gongkai.catalog.models import YearFigures
from gongkai.catalog.services import figures
from gongkai.core.actors import SYSTEM
from gongkai.reports import region as regions
from gongkai.reports import services
from gongkai.reports.models import AnnualReport

D = date


def _cases(region):
    for organ in (region.own, region.sibling):
        figures.save_figures(SYSTEM, organ, 2025, licensing=0, penalty=0, coercion=0, fees_wan_yuan="0")
    a = _case(region, D(2025, 3, 3))
    _reply(region, a, D(2025, 3, 20), "granted", "36-2")
    _case(region, D(2025, 12, 22), COMPANY)
    return a


def test_clerk_compiles_explains_publishes_and_the_public_downloads(client, region):
    _cases(region)
    client.force_login(region.users["clerk"])
    base = f"/workspace/o/{region.own.slug}/reports/"
    assert client.get(base).status_code == 200
    response = client.post(base + "compile/", {"year": "2025"})
    assert response.status_code == 302 and response["Location"] == base + "2025/"
    page = client.get(base + "2025/").content.decode()
    assert "一、本年新收政府信息公开申请数量" in page
    assert f'href="{base}2025/cell/applications.new.total/"' in page
    drill = client.get(
        base + "2025/cell/applications.carried_forward.commercial_enterprise/"
    ).content.decode()
    assert "以下为当前记录中的 1 条" in drill
    assert client.get(base + "2025/cell/applications.nothing.total/").status_code == 404
    report = AnnualReport.objects.get(organ=region.own, year=2025)
    for finding in services.check_report(report).warnings:
        client.post(base + "2025/explain/", {"key": services.finding_key(finding), "explanation": "已核实。"})
    client.post(base + "2025/publish/", {})
    report.refresh_from_db()
    assert report.status == "published"
    docx = client.get(f"/nianbao/{region.own.slug}/2025/v1.docx")
    assert docx.status_code == 200
    assert read(docx.content, name="r.docx") == services.report_of(report.current_version())
    listing = client.get(f"/nianbao/{region.own.slug}/").content.decode()
    assert "2025年度报告 第1版" in listing
    assert f'href="/nianbao/{region.own.slug}/2025/v1.pdf"' in listing
    pdf = client.get(f"/nianbao/{region.own.slug}/2025/v1.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert read(pdf.content, name="r.pdf") == services.report_of(report.current_version())  # PDF reads back
    staff_pdf = client.get(base + "2025/v1.pdf")
    assert staff_pdf.status_code == 200 and staff_pdf.content.startswith(b"%PDF-")
    assert f'href="{base}2025/v1.pdf"' in client.get(base + "2025/").content.decode()


def test_publish_page_refuses_with_a_chinese_message(client, region):
    _cases(region)
    client.force_login(region.users["clerk"])
    base = f"/workspace/o/{region.own.slug}/reports/"
    YearFigures.objects.filter(organ=region.own).delete()  # table 2's decisions not entered: F1 error
    client.post(base + "compile/", {"year": "2025"})
    page = client.post(base + "2025/publish/", {}, follow=True).content.decode()
    assert "存在1项错误，不能发布" in page and "表二 单元格空白" in page
    assert (
        client.post(base + "compile/", {"year": "abc"}, follow=True).content.decode().count("年度：请填写")
        == 1
    )


def test_supervisor_sees_status_and_returns(client, region):
    _cases(region)
    services.compile_report(region.perms("clerk"), region.own, 2025)
    client.force_login(region.users["supervisor"])
    page = client.get(f"/workspace/o/{region.office.slug}/reports/supervise/2025/").content.decode()
    assert f"{region.own.name}</a></td><td>已校验" in page
    assert f"<td>{region.sibling.name}</td><td>未开始" in page
    url = f"/workspace/o/{region.own.slug}/reports/2025/return/"
    assert client.post(url, {"comment": "请补充工作台账"}).status_code == 302
    client.force_login(region.users["clerk"])
    assert "请补充工作台账" in client.get(f"/workspace/o/{region.own.slug}/reports/").content.decode()
    client.force_login(region.users["sibling_clerk"])
    assert client.get(f"/workspace/o/{region.own.slug}/reports/2025/").status_code == 404


def test_the_aggregate_equals_the_sum_of_the_organs(region):
    _cases(region)
    sib = services.compile_report  # the sibling organ's own cases
    from gongkai.applications.services import cases

    other = cases.register(
        region.perms("sibling_clerk"),
        region.sibling,
        dict(PERSON),
        "in_person",
        submitted_on=D(2025, 5, 5),
        issue_documents=False,
    )
    cases.reply(
        region.perms("sibling_clerk"), other.pk, D(2025, 5, 9), "granted", "36-2", issue_documents=False
    )
    sib(region.perms("clerk"), region.own, 2025)
    sib(region.perms("sibling_clerk"), region.sibling, 2025)
    total, parts = regions.region_tables(region.perms("supervisor"), 2025)
    assert len(parts) == 2
    for path, value in total.cells("applications", "reviews"):
        assert value == sum(p.get(path) for p in parts), path
    assert total.applications.new.total == 3
    assert total.applications.results.granted.natural_person == 2
    assert total.applications.carried_forward.commercial_enterprise == 1


def test_supervisor_charts_tables_export_and_compare(client, region):
    from io import BytesIO

    from openpyxl import load_workbook

    _cases(region)
    services.compile_report(region.perms("clerk"), region.own, 2025)
    client.force_login(region.users["supervisor"])
    page = client.get(f"/workspace/o/{region.office.slug}/reports/supervise/2025/").content.decode()
    assert '<script id="chart-data-outcomes" type="application/json">' in page
    assert "<caption>依申请公开办理结果（件）</caption>" in page
    assert f'<tr><th scope="row">{region.own.name}</th><td>1</td><td>0</td>' in page  # 予以公开 1, 部分公开 0
    assert "style=" not in page  # strict CSP: no inline style
    xlsx = client.get(f"/workspace/o/{region.office.slug}/reports/supervise/2025/export.xlsx")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    column = header.index("表三 一、本年新收政府信息公开申请数量 总计")
    assert rows[region.own.name][column] == 2 and rows[region.sibling.name][1] == "未开始"
    client.force_login(region.users["clerk"])
    compare = client.get(f"/workspace/o/{region.own.slug}/reports/compare/?a=2025&b=2025").content.decode()
    assert "表格：0个单元格不同" in compare
