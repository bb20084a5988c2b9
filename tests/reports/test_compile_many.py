"""`services.compile_reports` (the set-based batch) writes what `services.compile_report` writes organ by
organ: the same tables and narrative (the catalogue's yearly counts, the channels, the work log), the same
`moved` cells, the edited sections kept, a published year left as its snapshot, and the same audit rows;
in a number of queries that does not grow with the organs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.applications.conftest import COMPANY, PERSON
from tests.catalog.conftest import build_region

from gongkai.annualreport.model import Report
from gongkai.applications.services import cases
from gongkai.audit.context import origin
from gongkai.audit.models import AuditEvent
from gongkai.catalog import selectors as catalog
from gongkai.catalog.services import entries, figures
from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, Role, RoleGrant
from gongkai.reports import compile as compiling
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportVersion, Status, WorkKind
from gongkai.reports.verbs import ReportVerb


@pytest.fixture
def world(db, settings, tmp_path):
    """The catalogue's region (every organ with its default columns) in the current year: `own` with
    three entries published in two columns, two applications in person and one by registered post, a work
    log entry, a compiled report with an edited section and a case registered since (cells move); `town`
    with one entry and one application, never compiled; `other` with its report published (locked)."""
    settings.GONGKAI_PRIVATE_DIR = tmp_path / "private"
    region = build_region()
    year = timezone.localdate().year
    admin = region.perms("admin")
    for title, column in (("决策一", "decision"), ("决策二", "decision"), ("执行一", "execution")):
        region.publish(region.draft(title=title, column=column, genre="notice"))
    for name, role in (("clerk", Role.CLERK), ("reviewer", Role.REVIEWER), ("reviewer2", Role.REVIEWER)):
        RoleGrant.objects.create(user=region.users[name], organ=region.town, role=role)
    RoleGrant.objects.create(user=region.users["head"], organ=region.town, role=Role.HEAD)
    version = region.draft(title="镇政府通知", column="decision", organ=region.town, genre="notice")
    entries.submit(region.perms("clerk"), version)
    entries.attest_secrecy(region.perms("reviewer"), version)
    for name in ("reviewer", "reviewer2", "head"):
        entries.approve(region.perms(name), version)
    _case(admin, region.own, date(year, 3, 2), PERSON, "in_person")
    _case(admin, region.own, date(year, 4, 1), COMPANY, "registered_post")
    _case(admin, region.town, date(year, 5, 6), PERSON, "in_person")
    services.log_work(
        admin, region.own, happened_on=date(year, 4, 8), kind=WorkKind.TRAINING, text="参加培训会"
    )
    report = services.compile_report(admin, region.own, year)
    services.edit_section(admin, report, "shortcomings", "一是主动公开不够及时。")
    _case(admin, region.own, date(year, 6, 1), PERSON, "in_person")
    figures.save_figures(admin, region.own, year, licensing=5, penalty=1, coercion=0, fees_wan_yuan="1.5")
    figures.save_figures(admin, region.other, year, licensing=2, penalty=0, coercion=0, fees_wan_yuan="0")
    _publish(admin, region.other, year)
    return region, year


def _case(actor, organ, received, data, channel):
    dates = {"signed_on": received} if channel == "registered_post" else {"submitted_on": received}
    return cases.register(actor, organ, dict(data), channel, issue_documents=False, **dates)


def _publish(actor, organ, year) -> ReportVersion:
    report = services.compile_report(actor, organ, year)
    for finding in services.check_report(report).warnings:
        services.explain_warning(actor, report, services.finding_key(finding), "经核实，数据无误。")
    report.refresh_from_db()
    return services.publish(actor, report)


def _written(organs, year, since: int):
    """What a compilation left: each organ's report and the audit rows written after event `since`."""
    reports = {r.organ_id: r for r in AnnualReport.objects.filter(organ__in=organs, year=year)}
    events = AuditEvent.objects.filter(pk__gt=since).order_by("pk")
    return (
        {pk: (r.data, r.moved, r.edited, r.status, r.explanations) for pk, r in reports.items()},
        [
            (
                e.action,
                e.organ_id,
                e.actor_id,
                e.actor_username,
                e.ip_address,
                e.user_agent,
                e.object_type,
                e.object_id == str(reports[e.organ_id].pk),
                e.object_repr,
                e.changes,
            )
            for e in events
        ],
    )


def _last_event() -> int:
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_the_batch_writes_what_compiling_one_by_one_writes(world):
    region, year = world
    organs = [region.own, region.town, region.other]
    actor = region.perms("admin")
    since = _last_event()
    with origin("10.1.2.3", "TestBrowser/1.0"), transaction.atomic():
        for organ in organs:
            services.compile_report(actor, organ, year)
        one_by_one = _written(organs, year, since)
        transaction.set_rollback(True)
    assert _last_event() == since and not AnnualReport.objects.filter(organ=region.town).exists()

    with origin("10.1.2.3", "TestBrowser/1.0"):
        many = services.compile_reports(actor, organs, year)
    assert _written(organs, year, since) == one_by_one
    assert [r.organ for r in many] == organs

    own, town, other = (services.report_of(r) for r in many)
    # tables, counted from the records
    assert (own.applications.new.total, own.applications.new.commercial_enterprise) == (3, 1)
    assert own.applications.carried_forward.total == 3 and town.applications.new.natural_person == 1
    # the narrative: the catalogue's yearly counts, the channels, the work log, the edited section
    assert (
        f"（一）主动公开。{year}年共主动公开政府信息3条，其中决策公开2条、执行公开1条。"
        in own.sections.overview
    )
    assert f"（一）主动公开。{year}年共主动公开政府信息1条，其中决策公开1条。" in town.sections.overview
    assert (
        "本年度新收政府信息公开申请3件，其中当面提交2件、挂号信（邮政EMS等需签收的邮寄）1件。"
        in own.sections.overview
    )
    assert "（三）政府信息管理。参加培训会。" in own.sections.overview
    assert own.sections.shortcomings == "一是主动公开不够及时。"
    assert own.sections.other_matters == "本年度收取信息处理费1.5万元。"
    assert (own.proactive.licensing.decisions, own.proactive.penalty.decisions) == (5, 1)
    assert town.sections.shortcomings == "（请填写本年度政府信息公开工作存在的主要问题及改进情况。）"
    # the cells that moved since own's last compilation, in the report and in its audit event
    assert many[0].moved["applications.new.total"] == [2, 3]
    assert many[0].moved["applications.new.natural_person"] == [1, 2]
    assert many[1].moved == {} and many[0].status == many[1].status == Status.DRAFT
    # the published year is its snapshot, and has no compile event
    assert many[2].status == Status.PUBLISHED
    assert other == services.report_of(many[2].current_version())
    events = list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))
    assert [(e.action, e.organ_id) for e in events] == [
        (ReportVerb.COMPILED, region.own.pk),
        (ReportVerb.COMPILED, region.town.pk),
    ]
    assert events[0].changes == many[0].moved and events[0].actor_username == "admin"
    assert (events[1].ip_address, events[1].user_agent) == ("10.1.2.3", "TestBrowser/1.0")
    assert events[0].object_id == str(many[0].pk) and events[1].object_id == str(many[1].pk)


def test_the_queries_do_not_grow_with_the_organs(world):
    region, year = world
    actor = region.perms("admin")
    organs = [region.own, region.town, region.gov, region.office]
    services.compile_reports(actor, organs, year)  # every report exists from here on
    with CaptureQueriesContext(connection) as one:
        services.compile_reports(actor, organs[:1], year)
    with CaptureQueriesContext(connection) as four:
        services.compile_reports(actor, organs, year)
    assert len(four) == len(one)
    assert AuditEvent.objects.filter(action=ReportVerb.COMPILED, organ=region.gov).count() == 2


def test_the_yearly_counts_of_many_organs_equal_those_of_each(world):
    region, year = world
    bare = Organ.objects.create(
        slug="bare", name="没有目录的机关", credit_code=make_code("1", "1", "360983", "00000099")
    )
    organs = [region.own, region.town, region.other, region.gov, bare]
    for y in (year - 1, year):
        many = catalog.yearly_counts_many([o.pk for o in organs], y)
        for organ in organs:
            assert many[organ.pk] == catalog.yearly_counts(organ, y), (organ, y)
    counted = catalog.yearly_counts_many([region.own.pk], year)[region.own.pk]
    assert (counted.total, counted.genres) == (3, {"notice": 3})
    assert compiling.counted_many([region.own.pk], year)[region.own.pk]["yearly"] == counted


def test_a_refused_organ_stops_the_whole_batch(world):
    region, year = world
    since = _last_event()
    with pytest.raises(PermissionDenied):
        services.compile_reports(region.perms("clerk"), [region.own, region.gov], year)
    assert _last_event() == since
    assert not AnnualReport.objects.filter(organ=region.gov).exists()
    assert (
        services.compile_reports(region.perms("clerk"), [region.own, region.town], year)[1].organ
        == region.town
    )


def _every_moved_cell(stored: dict, fresh) -> dict:
    """The definition of `moved`: every cell of the stored report that the fresh one has with another value."""
    previous = dict(Report.from_dict(stored).cells())
    return {p: [previous[p], v] for p, v in fresh.cells() if p in previous and previous[p] != v}


def test_moved_lists_every_changed_cell_and_only_those(world):
    region, year = world
    admin = region.perms("admin")
    stored = AnnualReport.objects.get(organ=region.own, year=year).data
    figures.save_figures(admin, region.own, year, licensing=6, penalty=1, coercion=2, fees_wan_yuan="1.5")
    _case(admin, region.own, date(year, 7, 1), COMPANY, "in_person")
    report = services.compile_reports(admin, [region.own], year)[0]
    fresh = services.report_of(report)
    assert list(report.moved.items()) == list(_every_moved_cell(stored, fresh).items())
    assert report.moved == {  # the figures were entered after the first compilation
        "proactive.licensing.decisions": [None, 6],
        "proactive.penalty.decisions": [None, 1],
        "proactive.coercion.decisions": [None, 2],
        "proactive.fees.amount_wan_yuan": [None, 1.5],
        "applications.new.natural_person": [1, 2],
        "applications.new.commercial_enterprise": [1, 2],
        "applications.new.total": [2, 4],
        "applications.carried_forward.natural_person": [1, 2],
        "applications.carried_forward.commercial_enterprise": [1, 2],
        "applications.carried_forward.total": [2, 4],
    }
    # a stored report without some tables (an older shape): its missing cells are not listed, its blank
    # table 3 (read as empty) lists every cell that now has a value
    for partial in ({"applications": None}, {"reviews": stored["reviews"]}, {"proactive": {"fees": None}}):
        assert services._moved(partial, fresh, fresh.to_dict()) == _every_moved_cell(partial, fresh)
    assert services._moved(stored, services.report_of(report), report.data) != {}
    assert services._moved(report.data, fresh, fresh.to_dict()) == {}
