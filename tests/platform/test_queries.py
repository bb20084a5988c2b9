"""Pages run a bounded number of queries, however many organs, events or grants there are."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.platform.conftest import make_organ

from gongkai.audit.selectors import visible_events
from gongkai.audit.services import record
from gongkai.audit.verbs import AuthVerb
from gongkai.organs.models import Role, RoleGrant
from gongkai.organs.permissions import audit_organ_ids
from gongkai.organs.scope import Permissions
from gongkai.organs.verbs import OrganVerb


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_organ_detail_queries_do_not_grow_with_its_events(world, client_for):
    client = client_for(world.users["clerk"])
    url = f"/workspace/o/{world.own.slug}/info/"
    record(OrganVerb.ORGAN_UPDATED, actor=world.users["clerk"], organ=world.own, obj=world.own)
    one_event = _queries(client, url)
    for _ in range(9):
        record(OrganVerb.ORGAN_UPDATED, actor=world.users["clerk"], organ=world.own, obj=world.own)
    page = client.get(url).content.decode()
    assert page.count("<time datetime=") == 10
    assert _queries(client, url) == one_event


def test_visible_events_follow_view_audit_in_organs_and_own_sign_ins(world):
    for organ in (world.own, world.other):
        record(OrganVerb.ORGAN_UPDATED, actor=world.users["admin"], organ=organ, obj=organ)
    record(AuthVerb.LOGIN, actor=world.users["supervisor"])
    record(AuthVerb.LOGIN, actor=world.users["clerk"])
    seen = visible_events(
        audit_organ_ids(Permissions(world.users["supervisor"])), user=world.users["supervisor"]
    ).values_list("action", "organ__slug", "actor_username")
    assert sorted(seen, key=str) == sorted(
        [(OrganVerb.ORGAN_UPDATED, "jia-jgsw", "admin"), (AuthVerb.LOGIN, None, "supervisor")], key=str
    )
    assert (
        visible_events(audit_organ_ids(Permissions(world.users["admin"])), user=world.users["admin"]).count()
        == 4
    )
    assert (
        visible_events(
            audit_organ_ids(Permissions(world.users["nobody"])), user=world.users["nobody"]
        ).count()
        == 0
    )


def _eight_visible_organs(world) -> None:
    for number in range(6):
        organ = make_organ(f"jia-dept-{number}", f"甲市第{number}局", 10 + number, world.gov_a)
        RoleGrant.objects.create(user=world.users["clerk"], organ=organ, role=Role.CLERK)
        RoleGrant.objects.create(user=world.users["clerk"], organ=organ, role=Role.REVIEWER)
    RoleGrant.objects.create(user=world.users["clerk"], organ=world.other, role=Role.HEAD)


def test_home_with_eight_organs_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    _eight_visible_organs(world)
    client = client_for(world.users["clerk"])
    with django_assert_max_num_queries(8):
        page = client.get("/workspace/").content.decode()
    assert page.count("信息公开专员、审核员") == 6
    assert page.count("/workspace/o/") == 8


def test_supervisor_sees_the_read_only_label_once_per_supervised_organ(world, client_for):
    page = client_for(world.users["supervisor"]).get("/workspace/").content.decode()
    assert page.count("主管部门（只读）") == 2
    admin_page = client_for(world.users["admin"]).get("/workspace/").content.decode()
    assert admin_page.count("系统管理员") >= 5


def test_organ_detail_and_dashboard_run_few_queries(world, client_for):
    client = client_for(world.users["supervisor"])
    assert _queries(client, f"/workspace/o/{world.office_a.slug}/") <= 13
    assert _queries(client, f"/workspace/o/{world.own.slug}/info/") <= 12


def test_admin_lists_of_grants_and_events_do_not_grow_with_rows(world, client_for):
    client = client_for(world.users["admin"])
    record(OrganVerb.ORGAN_UPDATED, actor=world.users["admin"], organ=world.own, obj=world.own)
    counts = [_queries(client, "/admin/organs/rolegrant/"), _queries(client, "/admin/audit/auditevent/")]
    for organ in (world.other, world.gov_b):
        RoleGrant.objects.create(
            user=world.users["nobody"], organ=organ, role=Role.REVIEWER, granted_by=world.users["admin"]
        )
        record(OrganVerb.ORGAN_UPDATED, actor=world.users["admin"], organ=organ, obj=organ)
    assert [
        _queries(client, "/admin/organs/rolegrant/"),
        _queries(client, "/admin/audit/auditevent/"),
    ] == counts
