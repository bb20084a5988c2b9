"""Every way the security review (M2) rewrote the audit trail is refused, on SQLite and PostgreSQL.

Each attempt runs inside a transaction that is rolled back, so the suite never has to lift the triggers
(the flush between transactional tests is the one exception, see gongkai.core.appendonly)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from gongkai.audit.models import AuditEvent, AuditImmutableError
from gongkai.organs import services
from gongkai.organs.scope import Permissions

REFUSED = (AuditImmutableError, DatabaseError)


@pytest.fixture
def event(world):
    services.update_organ(Permissions(world.users["clerk"]), world.own, phone="0795-5200001")
    return AuditEvent.objects.get()


def unchanged(event) -> bool:
    row = AuditEvent.objects.get(pk=event.pk)
    return (row.object_repr, row.actor_username, AuditEvent.objects.count()) == (
        "甲市机关事务管理局",
        "clerk",
        1,
    )


def attempt(action) -> None:
    with pytest.raises(REFUSED), transaction.atomic():
        action()


def test_base_manager_update_and_delete(event):
    attempt(lambda: AuditEvent._base_manager.filter(pk=event.pk).update(actor_username="forged"))
    attempt(lambda: AuditEvent._base_manager.filter(pk=event.pk).delete())
    assert AuditEvent._meta.base_manager_name == "objects"
    assert unchanged(event)


def test_private_update_and_raw_delete(event):
    qs = AuditEvent.objects.filter(pk=event.pk)
    field = AuditEvent._meta.get_field("actor_username")
    attempt(lambda: qs._update([(field, None, "forged")]))
    attempt(lambda: qs._raw_delete(connection.alias))
    assert unchanged(event)


def test_saving_an_existing_row_as_new(event):
    def forge():
        event.actor_username = "forged"
        event._state.adding = True
        event.save()

    attempt(forge)
    assert unchanged(event)


def test_raw_save_as_loaddata_does(event):
    def forge():
        event.actor_username = "forged"
        event.save_base(raw=True)

    attempt(forge)
    assert unchanged(event)


def test_loaddata_with_an_existing_primary_key(event, tmp_path):
    fixture = tmp_path / "forged.json"
    row = {"model": "audit.auditevent", "pk": event.pk, "fields": {"action": "organ.updated"}}
    row["fields"] |= {"actor_username": "forged", "changes": {}, "created_at": "2026-01-01T00:00:00Z"}
    fixture.write_text(json.dumps([row]), encoding="utf-8")
    attempt(lambda: call_command("loaddata", str(fixture), verbosity=0))
    assert unchanged(event)


def test_upserts(event):
    forged = AuditEvent(pk=event.pk, action="organ.updated", actor_username="forged")
    attempt(
        lambda: AuditEvent.objects.bulk_create(
            [forged], update_conflicts=True, unique_fields=["id"], update_fields=["actor_username"]
        )
    )
    attempt(lambda: AuditEvent.objects.bulk_create([forged], ignore_conflicts=True))
    attempt(lambda: AuditEvent.objects.update_or_create(pk=event.pk, defaults={"actor_username": "forged"}))
    assert unchanged(event)


def test_raw_sql_update_and_delete(event):
    def sql(statement, params):
        with connection.cursor() as cursor:
            cursor.execute(statement, params)

    attempt(
        lambda: sql("UPDATE audit_auditevent SET actor_username = %s WHERE id = %s", ["forged", event.pk])
    )
    attempt(lambda: sql("DELETE FROM audit_auditevent WHERE id = %s", [event.pk]))
    assert unchanged(event)


def test_truncate_is_refused_on_postgresql_and_does_not_exist_on_sqlite(event):
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError, match="TRUNCATE refused"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("TRUNCATE audit_auditevent CASCADE")
    else:  # SQLite has no TRUNCATE; DELETE without WHERE is the same statement as above
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("DELETE FROM audit_auditevent")
    assert unchanged(event)


def test_flush_outside_the_test_suite_is_refused(event, settings):
    from django.core.management.base import CommandError

    settings.GONGKAI_FLUSH_APPEND_ONLY_TABLES = False
    with pytest.raises(CommandError, match="couldn't be flushed"), transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
    assert unchanged(event)


def test_new_events_can_still_be_appended(event, world):
    services.update_organ(Permissions(world.users["clerk"]), world.own, phone="0795-5200002")
    assert AuditEvent.objects.count() == 2
