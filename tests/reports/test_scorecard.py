"""The scorecard (考核) and the charts computed from the records: overdue rate and entries by column."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from tests.catalog.conftest import build_region
from tests.reports.test_compile import _case, _reply
from tests.reports.test_views_and_region import _cases

from gongkai.audit.models import AuditEvent
from gongkai.reports import scorecard, services
from gongkai.reports.indicators import record_charts
from gongkai.reports.models import ReportVersion, ScorecardIndicator

D = date


def _late_reply_and_published(region):
    _cases(region)  # one reply in time (received 3 March, replied 20 March)
    late = _case(region, D(2025, 4, 1))
    _reply(region, late, D(2025, 6, 30), "granted", "36-2")  # ~60 working days: late
    clerk = region.perms("clerk")
    report = services.compile_report(clerk, region.own, 2025)
    for finding in services.check_report(report).warnings:
        services.explain_warning(clerk, report, services.finding_key(finding), "已核实。")
    report.refresh_from_db()
    version = services.publish(clerk, report)
    # Published on 20 January 2026, before the departments' deadline (31 January).
    ReportVersion.objects.filter(pk=version.pk).update(
        published_at=timezone.make_aware(timezone.datetime(2026, 1, 20, 10))
    )


def test_metrics_are_computed_from_the_data(region):
    _late_reply_and_published(region)
    own, sibling = region.own, region.sibling
    assert (scorecard.replies_overdue(own, 2025), scorecard.replied(own, 2025)) == (1, 2)
    assert scorecard.published_on_time(own, 2025) == 1
    assert scorecard.errors_found(own, 2025) == 0
    assert scorecard.corrected_on_appeal(own, 2025) == 0
    assert scorecard.entries_published_late(own, 2025) == 0
    assert scorecard.published_on_time(sibling, 2025) == 0  # not published
    assert scorecard.errors_found(sibling, 2025) is None  # not compiled: unknown, earns nothing
    ReportVersion.objects.update(published_at=timezone.make_aware(timezone.datetime(2026, 2, 3, 10)))
    assert scorecard.published_on_time(own, 2025) == 0  # after 31 January


def test_scorecard_page_scores_and_the_office_configures_indicators(client, region):
    _late_reply_and_published(region)
    client.force_login(region.users["supervisor"])
    url = f"/workspace/o/{region.office.slug}/reports/supervise/2025/scorecard/"
    page = client.get(url).content.decode()
    assert "考核得分（满分100分）" in page
    assert (
        '<th scope="col">超过20个工作日公开的信息数<br><span class="muted">不超过0得15分</span></th>' in page
    )
    # own: on time 30 + no errors 20 + overdue 1 (fails ≤0) + corrected 0 15 + late entries 0 15 = 80
    assert (
        f'<tr><th scope="row">{region.own.name}</th><td>1 ✓</td><td>0 ✓</td><td>1 ✗</td><td>0 ✓</td><td>0 ✓</td><td><strong>80</strong></td></tr>'
        in page
    )
    # sibling: not published 0, errors unknown 0, no replies 20, corrected unknown 0, entries 15 = 35
    assert (
        f'<tr><th scope="row">{region.sibling.name}</th><td>0 ✗</td><td>— ✗</td><td>0 ✓</td><td>— ✗</td><td>0 ✓</td><td><strong>35</strong></td></tr>'
        in page
    )
    response = client.post(
        url + "configure/", {"key": "overdue", "points": "20", "threshold": "1", "active": "on"}
    )
    assert response.status_code == 302
    assert ScorecardIndicator.objects.filter(office=region.office).count() == 5  # the defaults, copied
    assert "<td><strong>100</strong></td>" in client.get(url).content.decode()
    client.post(
        url + "configure/", {"key": "late_entries", "points": "15", "threshold": "0"}
    )  # unchecked: off
    page = client.get(url).content.decode()
    assert "考核得分（满分85分）" in page and '<th scope="col">超过20个工作日公开的信息数<br>' not in page
    bad = client.post(url + "configure/", {"key": "overdue", "points": "500", "threshold": "0"}, follow=True)
    assert "分值：请填写0到100的整数" in bad.content.decode()
    assert AuditEvent.objects.filter(action="report.scorecard_configured").count() == 2


def test_overdue_rate_chart_beside_its_table(client, region):
    _late_reply_and_published(region)
    charts = record_charts([region.own, region.sibling], 2025)
    assert charts["overdue"]["series"][0]["data"] == [50.0, None]
    client.force_login(region.users["supervisor"])
    page = client.get(f"/workspace/o/{region.office.slug}/reports/supervise/2025/").content.decode()
    assert '<script id="chart-data-overdue" type="application/json">' in page
    assert "<caption>答复逾期率（%）</caption>" in page
    assert f'<tr><th scope="row">{region.own.name}</th><td>50.0</td></tr>' in page
    assert '<script id="chart-data-entries" type="application/json">' in page


def test_entries_published_late_and_by_column(db):
    region = build_region()
    today = timezone.localdate()
    late = region.draft(title="迟发的通知", generated_on=today - timedelta(days=60))
    region.publish(late)
    region.publish(region.draft(title="按时的通知", generated_on=today))
    region.publish(region.draft(title="另一栏目的信息", column="art20-07", generated_on=today))
    assert scorecard.entries_published_late(region.own, today.year) == 1
    charts = record_charts([region.own, region.town], today.year)
    by_column = {s["name"]: s["data"] for s in charts["entries"]["series"]}

    def top(column):
        while column.parent_id:
            column = column.parent
        return column.title

    expected = {top(region.column("management")): 2}
    expected[top(region.column("art20-07"))] = expected.get(top(region.column("art20-07")), 0) + 1
    assert set(expected) <= set(by_column) and len(by_column) == len(charts["entries"]["series"])
    assert {name: data[0] for name, data in by_column.items() if data[0]} == expected
    assert all(data[1] == 0 for data in by_column.values())  # the town published nothing
