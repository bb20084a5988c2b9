"""Service functions change data and write the audit trail in one transaction; the trail is append-only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from gongkai.audit.context import origin
from gongkai.audit.models import AuditEvent, AuditImmutableError
from gongkai.core.actors import SYSTEM
from gongkai.organs import services
from gongkai.organs.models import Organ, Role, RoleGrant
from gongkai.organs.scope import Permissions
from gongkai.organs.verbs import OrganVerb


def test_update_organ_records_who_when_where_and_what(world):
    clerk = world.users["clerk"]
    with origin("10.1.2.3", "TestBrowser/1.0"):
        diff = services.update_organ(
            Permissions(clerk), world.own, phone="0795-5200001", office_hours="工作日 8:30—17:30"
        )
    assert diff == {"phone": ["0795-5212588", "0795-5200001"], "office_hours": ["", "工作日 8:30—17:30"]}
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert (event.actor, event.actor_username, event.organ) == (clerk, "clerk", world.own)
    assert (event.ip_address, event.user_agent) == ("10.1.2.3", "TestBrowser/1.0")
    assert (event.object_type, event.object_id, event.object_repr) == (
        "organs.organ",
        str(world.own.pk),
        "甲市机关事务管理局",
    )
    assert event.changes == diff
    assert event.created_at is not None
    world.own.refresh_from_db()
    assert world.own.phone == "0795-5200001"


def test_update_without_change_writes_no_event(world):
    assert services.update_organ(Permissions(world.users["clerk"]), world.own, phone=world.own.phone) == {}
    assert not AuditEvent.objects.exists()


def test_reviewer_and_supervisor_cannot_update(world):
    for role in ("reviewer", "supervisor", "nobody"):
        with pytest.raises(PermissionDenied):
            services.update_organ(Permissions(world.users[role]), world.own, phone="0795-5200001")
    assert not AuditEvent.objects.exists()


def test_staff_cannot_change_structural_fields(world):
    with pytest.raises(PermissionDenied, match="机关名称"):
        services.update_organ(Permissions(world.users["head"]), world.own, name="改名局")
    world.own.refresh_from_db()
    assert world.own.name == "甲市机关事务管理局"


def test_invalid_value_is_refused_with_field_and_nothing_written(world):
    with pytest.raises(ValidationError) as info:
        services.update_organ(
            Permissions(world.users["clerk"]), world.own, phone="请拨打电话", postcode="3308"
        )
    assert "联系电话格式不正确" in info.value.message_dict["phone"][0]
    assert "邮政编码应为6位数字" in info.value.message_dict["postcode"][0]
    world.own.refresh_from_db()
    assert world.own.phone == "0795-5212588"
    assert not AuditEvent.objects.exists()


def test_admin_can_move_an_organ_and_it_cannot_become_its_own_ancestor(world):
    admin = world.users["admin"]
    services.update_organ(Permissions(admin), world.own, parent=world.gov_b)
    assert AuditEvent.objects.get().changes == {"parent": ["甲市人民政府", "乙市人民政府"]}
    with pytest.raises(ValidationError, match="上级机关不能是本机关或其下属机关"):
        services.update_organ(Permissions(admin), world.gov_a, parent=world.office_a)


def test_create_organ_is_admin_only_and_audited(world):
    with pytest.raises(PermissionDenied):
        services.create_organ(
            Permissions(world.users["head"]), name="新局", slug="new", credit_code="91350100M000100Y43"
        )
    organ = services.create_organ(
        Permissions(world.users["admin"]),
        name="新局",
        slug="new",
        credit_code="91350100m000100y43",
        parent=world.gov_a,
    )
    assert organ.credit_code == "91350100M000100Y43"
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_CREATED)
    assert event.changes["name"] == [None, "新局"]
    assert event.changes["parent"] == [None, "甲市人民政府"]


def test_grant_and_revoke_role_are_audited_and_admin_only(world):
    admin, nobody = world.users["admin"], world.users["nobody"]
    with pytest.raises(PermissionDenied):
        services.grant_role(Permissions(world.users["head"]), nobody, world.own, Role.CLERK)
    grant = services.grant_role(Permissions(admin), nobody, world.own, Role.CLERK)
    assert (
        services.grant_role(Permissions(admin), nobody, world.own, Role.CLERK) == grant
    )  # idempotent, not re-audited
    services.revoke_role(Permissions(admin), grant)
    assert not RoleGrant.objects.filter(user=nobody).exists()
    events = list(AuditEvent.objects.order_by("id").values_list("action", "changes"))
    assert events == [
        (OrganVerb.ROLE_GRANTED, {"user": [None, "nobody"], "role": [None, "信息公开专员"]}),
        (OrganVerb.ROLE_REVOKED, {"user": ["nobody", None], "role": ["信息公开专员", None]}),
    ]


def test_supervisor_role_only_in_a_supervising_organ(world):
    with pytest.raises(ValidationError, match="只能在主管部门授予"):
        services.grant_role(SYSTEM, world.users["nobody"], world.own, Role.SUPERVISOR)


# --- append-only -------------------------------------------------------------------------------


@pytest.fixture
def event(world):
    services.update_organ(Permissions(world.users["clerk"]), world.own, phone="0795-5200001")
    return AuditEvent.objects.get()


def test_model_refuses_update_and_delete(event):
    event.object_repr = "篡改"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    assert AuditEvent.objects.get().object_repr == "甲市机关事务管理局"


def test_queryset_refuses_update_and_delete(event):
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="篡改")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.bulk_update([event], ["object_repr"])
    assert AuditEvent.objects.count() == 1


def test_users_and_organs_with_history_cannot_be_deleted(event, world):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        world.users["clerk"].delete()
    assert AuditEvent.objects.get().actor == world.users["clerk"]


def raw_tamper(pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["篡改", pk])


def test_database_refuses_raw_update_and_delete(event):
    """A trigger refuses UPDATE/DELETE on both databases (PostgreSQL: pgtrigger; SQLite: after migrate)."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_tamper(event.pk)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "甲市机关事务管理局"


def test_admin_offers_no_add_change_or_delete(event, world, client_for):
    client = client_for(world.users["admin"])
    base = "/admin/audit/auditevent/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{event.pk}/delete/").status_code == 403
    page = client.get(f"{base}{event.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(f"{base}{event.pk}/change/", {"object_repr": "篡改"}).status_code == 403
    changelist = client.post(base, {"action": "delete_selected", "_selected_action": [event.pk]})
    assert changelist.status_code in {200, 302}
    assert AuditEvent.objects.filter(pk=event.pk, object_repr="甲市机关事务管理局").exists()


def test_organ_change_in_admin_goes_through_the_service(world, client_for):
    client = client_for(world.users["admin"])
    organ = world.own
    data = {
        "parent": organ.parent_id, "kind": organ.kind, "name": organ.name, "short_name": "机关事务局",
        "slug": organ.slug, "credit_code": organ.credit_code, "address": organ.address, "postcode": "",
        "phone": organ.phone, "email": "", "office_hours": "", "doc_number_prefix": "甲机管发",
        "sort_order": 0, "role_grants-TOTAL_FORMS": "3", "role_grants-INITIAL_FORMS": "3",
        "role_grants-MIN_NUM_FORMS": "0", "role_grants-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, grant in enumerate(RoleGrant.objects.filter(organ=organ).order_by("pk")):
        data[f"role_grants-{i}-id"] = grant.pk
        data[f"role_grants-{i}-organ"] = organ.pk
    response = client.post(f"/admin/organs/organ/{organ.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert event.changes == {"short_name": ["", "机关事务局"], "doc_number_prefix": ["", "甲机管发"]}
    assert event.actor == world.users["admin"]
    assert Organ.objects.get(pk=organ.pk).doc_number_prefix == "甲机管发"


def test_change_rows_use_labels_for_people(world):
    services.update_organ(
        Permissions(world.users["admin"]), world.own, kind="township", is_supervising=True, email="a@b.cn"
    )
    rows = AuditEvent.objects.get().change_rows()
    assert sorted(rows) == sorted(
        [("机关类型", "政府部门", "乡镇"), ("主管部门", "否", "是"), ("电子邮箱", "（空）", "a@b.cn")]
    )


def test_append_only_trigger_is_declared_on_the_model(db):
    import pgtrigger

    from gongkai.core.triggers import append_only

    trigger, truncate = AuditEvent._meta.triggers
    assert trigger.name == append_only().name == "append_only"
    assert str(trigger.operation) == str(pgtrigger.Update | pgtrigger.Delete) == "UPDATE OR DELETE"
    assert (truncate.name, str(truncate.operation)) == ("append_only_truncate", str(pgtrigger.Truncate))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal"
            )
            names = {row[0] for row in cursor.fetchall()}
        # the hand-written trigger of 0002 is gone
        assert names == {trigger.get_pgid(AuditEvent), truncate.get_pgid(AuditEvent)}
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
            )
            names = {row[0] for row in cursor.fetchall()}
        assert names == {"audit_auditevent_append_only_update", "audit_auditevent_append_only_delete"}


def test_record_many_appends_the_rows_record_writes(world):
    from gongkai.audit.services import record, record_many

    clerk = world.users["clerk"]
    entries = [
        (world.own, world.own, {"phone": ["0795-5212588", "0795-5200001"]}),
        (world.office_a, world.office_a, None),
        (None, None, {"note": [None, "无机关"]}),
    ]

    def rows():
        fields = ("action", "actor_id", "actor_username", "ip_address", "user_agent", "organ_id")
        fields += ("object_type", "object_id", "object_repr", "changes")
        return list(AuditEvent.objects.order_by("pk").values_list(*fields))

    with origin("10.1.2.3", "TestBrowser/1.0"):
        for organ, obj, changes in entries:
            record(OrganVerb.ORGAN_UPDATED, actor=clerk, organ=organ, obj=obj, changes=changes)
        one_by_one = rows()
        written = record_many(OrganVerb.ORGAN_UPDATED, entries, actor=clerk)
    assert rows()[3:] == one_by_one
    assert one_by_one[0] == (
        "organ.updated", clerk.pk, "clerk", "10.1.2.3", "TestBrowser/1.0", world.own.pk,
        "organs.organ", str(world.own.pk), "甲市机关事务管理局", {"phone": ["0795-5212588", "0795-5200001"]},
    )  # fmt: skip
    assert [e.pk for e in written] == list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True))[3:]
    assert record_many(OrganVerb.ORGAN_UPDATED, [], actor=clerk) == []
    with pytest.raises(AuditImmutableError):
        written[0].save()
