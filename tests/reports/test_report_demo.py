"""The demo data compiles to a report with no error."""

from __future__ import annotations

from gongkai.annualreport.rules.finding import Severity
from gongkai.organs.demo import load_demo
from gongkai.reports import services
from gongkai.reports.models import AnnualReport


def test_demo_data_compiles_with_no_error(db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_DIR = tmp_path
    load_demo()  # organs, accounts, casework, catalogue, then this app's loader
    reports = AnnualReport.objects.select_related("organ").order_by("organ__slug")
    assert [r.organ.slug for r in reports] == ["gaoan-education", "gaoan-finance", "gaoan-jgsw"]
    for report in reports:
        data = services.report_of(report)
        assert data.applications.new.total > 0, report.organ.slug
        errors = [f for f in services.check_report(report).findings if f.severity == Severity.ERROR]
        assert errors == [], (report.organ.slug, [f.message for f in errors])
        assert "积极参加政府办召开的" in data.sections.overview
    load_demo()  # idempotent
    assert AnnualReport.objects.count() == 3
