"""A hand-built two-year scenario: every table-3 row and column used, carry-over across the year end, partial
disclosure, an appeal pending across the year end, the register for table 2; compiled, checked, published."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.applications.conftest import COMPANY, PERSON

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import read
from gongkai.annualreport.rules import check
from gongkai.annualreport.writers import write
from gongkai.applications.choices import AppealResult
from gongkai.applications.services import appeals, cases
from gongkai.audit.models import AuditEvent
from gongkai.catalog.services import figures, register
from gongkai.core.actors import SYSTEM
from gongkai.reports import compile as compiling
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, Status, WorkKind

D = date


def _case(region, received, data=PERSON, channel="in_person"):
    return cases.register(
        region.perms("clerk"), region.own, dict(data), channel, submitted_on=received, issue_documents=False
    )


def _reply(region, case, on, outcome, reply_type):
    return cases.reply(region.perms("clerk"), case.pk, on, outcome, reply_type, issue_documents=False)


@pytest.fixture
def scenario(region):
    """2024: 4 new (3 people, 1 company); 1 granted, 1 partly granted, 1 denied (third party), 1 carried
    forward. An appeal on the denial filed in December 2024, decided (corrected) in 2025.
    2025: 1 carried over (replied: not held), 2 new (both granted, one still open? no: one open at year end)."""
    a = _case(region, D(2024, 3, 3))
    b = _case(region, D(2024, 4, 1), COMPANY)
    c = _case(region, D(2024, 5, 6))
    late = _case(region, D(2024, 12, 22))
    _reply(region, a, D(2024, 3, 20), "granted", "36-2")
    _reply(region, b, D(2024, 4, 20), "partially_granted", "37")
    _reply(region, c, D(2024, 5, 20), "denied.third_party_rights", "36-3")
    appeal = appeals.file_appeal(
        region.perms("clerk"), c.pk, "reconsideration", D(2024, 12, 1), "高安市人民政府", "高府复〔2024〕9号"
    )
    # 2025
    _reply(region, late, D(2025, 1, 9), "unable.not_held", "36-4")
    d = _case(region, D(2025, 2, 2), COMPANY)
    _reply(region, d, D(2025, 2, 20), "granted", "36-2")
    _case(region, D(2025, 12, 28))  # open at the end of 2025
    appeals.decide_appeal(region.perms("clerk"), appeal.pk, AppealResult.CORRECTED, D(2025, 2, 10))
    head = region.perms("head")
    register.register_document(
        head,
        region.own,
        kind="normative_documents",
        title="高安市公务用车管理办法",
        doc_number="高机管〔2024〕1号",
        issued_on=D(2024, 6, 1),
    )
    figures.save_figures(head, region.own, 2024, licensing=3, penalty=0, coercion=0, fees_wan_yuan="0")
    figures.save_figures(head, region.own, 2025, licensing=5, penalty=1, coercion=0, fees_wan_yuan="0")
    return region


def _row(report: Report, path: str) -> tuple:
    return (
        report.get(f"applications.{path}.natural_person"),
        report.get(f"applications.{path}.commercial_enterprise"),
        report.get(f"applications.{path}.total"),
    )


def test_two_years_compile_to_the_hand_count(scenario):
    r25 = compiling.compile_tables(scenario.own, 2024)
    r26 = compiling.compile_tables(scenario.own, 2025)
    assert _row(r25, "new") == (3, 1, 4)
    assert _row(r25, "carried_over") == (0, 0, 0)
    assert _row(r25, "results.granted") == (1, 0, 1)
    assert _row(r25, "results.partially_granted") == (0, 1, 1)
    assert _row(r25, "results.denied.third_party_rights") == (1, 0, 1)
    assert _row(r25, "results.total") == (2, 1, 3)
    assert _row(r25, "carried_forward") == (1, 0, 1)
    assert _row(r26, "carried_over") == (1, 0, 1)
    assert _row(r26, "new") == (1, 1, 2)
    assert _row(r26, "results.unable.not_held") == (1, 0, 1)
    assert _row(r26, "results.granted") == (0, 1, 1)
    assert _row(r26, "results.total") == (1, 1, 2)
    assert _row(r26, "carried_forward") == (1, 0, 1)
    # every other cell of table 3 is zero, never blank
    assert all(v == 0 for p, v in r25.cells("applications") if p.endswith("research_institution"))
    assert r25.reviews.reconsideration.to_dict() == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert r26.reviews.reconsideration.to_dict() == {
        "upheld": 0,
        "corrected": 1,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert r25.proactive.normative_documents.to_dict() == {"issued": 1, "repealed": 0, "in_force": 1}
    assert r26.proactive.normative_documents.to_dict() == {"issued": 0, "repealed": 0, "in_force": 1}
    assert (r25.proactive.licensing.decisions, r26.proactive.penalty.decisions) == (3, 1)
    # the arithmetic rules hold, and the cross-year rule finds the carry-over consistent
    assert [f for f in check(r26, r25) if f.rule.startswith(("R", "X1"))] == []


def test_every_number_drills_down_to_its_records(scenario):
    report = compiling.compile_tables(scenario.own, 2024)
    for path, value in report.cells("applications", "reviews"):
        rows = compiling.drill_rows(report, scenario.own, 2024, path)
        assert rows.count() == value, path
    rows = compiling.drill_rows(report, scenario.own, 2024, "proactive.normative_documents.issued")
    assert [d.doc_number for d in rows] == ["高机管〔2024〕1号"]


def test_the_cross_year_rule_catches_a_broken_carry_over(scenario):
    r25 = compiling.compile_tables(scenario.own, 2024)
    r26 = compiling.compile_tables(scenario.own, 2025)
    r26.applications.carried_over.total = 0
    r26.applications.carried_over.natural_person = 0
    assert "X1" in {f.rule for f in check(r26, r25)}


def _publish_cleanly(region, year):
    clerk = region.perms("clerk")
    report = services.compile_report(clerk, region.own, year)
    for finding in services.check_report(report).warnings:
        services.explain_warning(clerk, report, services.finding_key(finding), "经核实，数据无误。")
    report.refresh_from_db()
    return services.publish(clerk, report)


def test_publish_lock_snapshot_and_read_back(scenario):
    version = _publish_cleanly(scenario, 2024)
    report = version.report
    assert report.status == Status.PUBLISHED and version.number == 1
    # a new case received in 2024 after publication does not change the locked year
    _case(scenario, D(2024, 12, 30))
    again = services.compile_report(scenario.perms("clerk"), scenario.own, 2024)
    assert again.data == version.data
    assert again.data["applications"]["new"]["total"] == 4
    # the published DOCX read back equals the compiled report
    data = Report.from_dict(version.data)
    assert read(write(data, "docx"), name="report.docx") == data
    assert AuditEvent.objects.filter(action="report.published", object_id=str(report.pk)).count() == 1


def test_publication_refused_while_errors_exist(scenario):
    clerk = scenario.perms("clerk")
    report = services.compile_report(clerk, scenario.own, 2024)
    broken = services.report_of(report)
    broken.applications.new.total = 99  # breaks R1: 一+二 ≠ 三(七)+四
    report.data = broken.to_dict()
    report.save()
    with pytest.raises(ValidationError, match="错误"):
        services.publish(clerk, report)
    assert report.versions.count() == 0


def test_unexplained_warning_blocks_and_the_explanation_is_kept(scenario):
    clerk = scenario.perms("clerk")
    report = services.compile_report(clerk, scenario.own, 2024)
    warnings = services.check_report(report).warnings
    assert warnings, "the drafted 五、存在的主要问题 placeholder should be flagged or the sections be checked"
    with pytest.raises(ValidationError, match="警告未作说明"):
        services.publish(clerk, report)
    version = _publish_cleanly(scenario, 2024)
    assert set(version.explanations) == {services.finding_key(f) for f in warnings}
    assert set(version.explanations.values()) == {"经核实，数据无误。"}


def test_correction_makes_a_new_version_and_supersedes_the_old(scenario):
    first = _publish_cleanly(scenario, 2024)
    clerk = scenario.perms("clerk")
    report = services.reopen(clerk, first.report)
    services.edit_section(clerk, report, "shortcomings", "一是公开内容不够全面。下一步将加强培训。")
    with pytest.raises(ValidationError, match="更正说明"):
        services.publish(clerk, report)
    second = services.publish(clerk, report, change_note="补充存在的主要问题")
    first.refresh_from_db()
    assert (first.superseded, second.superseded, second.number) == (True, False, 2)
    assert report.current_version() == second


def test_edits_survive_a_recompile_and_moved_figures_are_listed(scenario):
    clerk = scenario.perms("clerk")
    report = services.compile_report(clerk, scenario.own, 2025)
    services.edit_section(clerk, report, "shortcomings", "一是主动公开不够及时。")
    _case(scenario, D(2025, 6, 1))
    report = services.compile_report(clerk, scenario.own, 2025)
    data = services.report_of(report)
    assert data.sections.shortcomings == "一是主动公开不够及时。"
    assert data.applications.new.total == 3
    assert report.moved["applications.new.total"] == [2, 3]
    assert report.moved["applications.carried_forward.natural_person"] == [1, 2]


def test_the_narrative_is_drafted_from_the_data_and_the_work_log(scenario):
    clerk = scenario.perms("clerk")
    services.log_work(
        clerk,
        scenario.own,
        happened_on=D(2024, 4, 8),
        kind=WorkKind.TRAINING,
        text="积极参加政府办召开的2024年度政务公开工作培训会",
    )
    services.log_work(
        clerk,
        scenario.own,
        happened_on=D(2024, 9, 1),
        kind=WorkKind.GUIDE_CHANGE,
        text="及时对政务公开指南、目录进行完善、更新",
    )
    report = services.compile_report(clerk, scenario.own, 2024)
    overview = services.report_of(report).sections.overview
    assert (
        "本年度新收政府信息公开申请4件，其中当面提交4件。办结3件，其中予以公开1件、部分公开1件。结转下年度继续办理1件"
        in overview
    )
    assert "积极参加政府办召开的2024年度政务公开工作培训会" in overview
    assert "（三）政府信息管理。及时对政务公开指南、目录进行完善、更新；" in overview
    reviews = services.report_of(report).sections.reviews
    assert reviews.startswith("本年度因政府信息公开被申请行政复议、提起行政诉讼共1件，其中被纠错0件。")


def test_permissions_and_none_actor(scenario):
    with pytest.raises(PermissionDenied):
        services.compile_report(scenario.perms("sibling_clerk"), scenario.own, 2024)
    with pytest.raises(PermissionDenied):
        services.compile_report(scenario.perms("reviewer"), scenario.own, 2024)
    with pytest.raises(TypeError):
        services.compile_report(None, scenario.own, 2024)
    report = services.compile_report(SYSTEM, scenario.own, 2024)
    with pytest.raises(PermissionDenied):
        services.return_for_correction(scenario.perms("clerk"), report, "请修改")
    services.return_for_correction(scenario.perms("supervisor"), report, "表三第二行与上年不符，请核实")
    report.refresh_from_db()
    assert (report.status, report.return_comment) == (Status.RETURNED, "表三第二行与上年不符，请核实")
    assert AnnualReport.objects.count() == 1


def test_the_grouped_counts_equal_the_casework_selectors(scenario):
    """compile's one-pass table 3/4 equal `applications.selectors`, organ by organ and year by year."""
    from gongkai.applications import selectors

    _case(scenario, D(2025, 7, 7), COMPANY)
    ids = [scenario.own.pk, scenario.sibling.pk]
    for year in (2023, 2024, 2025, 2026):
        t3, t4 = compiling.table3_by_organ(ids, year), compiling.table4_by_organ(ids, year)
        for organ in (scenario.own, scenario.sibling):
            assert t3[organ.pk] == selectors.table3_counts(organ, year), (organ, year)
            assert t4[organ.pk] == selectors.table4_counts(organ, year), (organ, year)
    assert compiling.table3_by_organ(ids, 2024)[scenario.own.pk]["new"]["total"] == 4


def test_compile_reports_equals_one_by_one(scenario):
    from gongkai.catalog import selectors as catalog

    services.log_work(
        scenario.perms("clerk"),
        scenario.own,
        happened_on=D(2025, 5, 1),
        kind=WorkKind.TRAINING,
        text="参加培训会",
    )
    ids = [scenario.own.pk, scenario.sibling.pk]
    for year in (2024, 2025):
        counted = compiling.counted_many(ids, year)
        for organ in (scenario.own, scenario.sibling):
            assert counted[organ.pk]["table2"] == catalog.table2_counts(organ, year).proactive, (organ, year)
            assert counted[organ.pk]["channels"] == compiling._channels(organ, year)
            assert counted[organ.pk]["log"] == compiling._log(organ, year)
            assert compiling.compiled(organ, year, counted=counted[organ.pk]) == compiling.compiled(
                organ, year
            )
    assert compiling.counted_many(ids, 2024)[scenario.own.pk]["table2"].normative_documents.issued == 1
    assert compiling.counted_many(ids, 2025)[scenario.own.pk]["log"]["training"] == ["参加培训会"]
    many = services.compile_reports(scenario.perms("admin"), [scenario.own, scenario.sibling], 2025)
    assert [r.organ for r in many] == [scenario.own, scenario.sibling]
    assert services.report_of(many[0]) == compiling.compiled(scenario.own, 2025)
    with pytest.raises(PermissionDenied):
        services.compile_reports(scenario.perms("clerk"), [scenario.own, scenario.sibling], 2025)
