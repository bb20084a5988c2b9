"""The custom user model, its migration path from Django's built-in user, and API tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from gongkai.accounts.adoption import adopt_legacy_auth_user
from gongkai.accounts.models import ApiToken, User, token_digest
from gongkai.accounts.services import issue_token, revoke_token
from gongkai.accounts.verbs import AccountVerb
from gongkai.audit.models import AuditEvent
from gongkai.core.actors import SYSTEM, MissingActorError
from gongkai.organs.scope import Permissions


def test_the_user_model_is_accounts_user_on_the_auth_user_table():
    assert get_user_model() is User
    assert User._meta.db_table == "auth_user"
    assert User._meta.get_field("groups").m2m_db_table() == "auth_user_groups"
    assert User._meta.get_field("user_permissions").m2m_db_table() == "auth_user_user_permissions"


@pytest.mark.django_db(transaction=True)
def test_a_database_made_with_the_builtin_user_is_adopted_by_migrate():
    """Make this database look like one created before accounts.User (history without accounts.0001,
    the user content type under auth), then run `migrate`: it adopts the table and keeps the users."""
    user = User.objects.create_user("legacy", password="irrelevant-pw-1")
    type_id = ContentType.objects.get_for_model(User).pk
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="accounts", name="0001_initial").delete()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE django_content_type SET app_label = 'auth' WHERE id = %s", [type_id])
    ContentType.objects.clear_cache()
    assert ("accounts", "0001_initial") not in recorder.applied_migrations()

    call_command("migrate", verbosity=0)

    assert ("accounts", "0001_initial") in recorder.applied_migrations()
    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=type_id).app_label == "accounts"
    assert User.objects.get(pk=user.pk).username == "legacy"
    assert adopt_legacy_auth_user(connection) is False  # idempotent: nothing left to adopt


@pytest.mark.django_db(transaction=True)
def test_a_fresh_database_needs_no_adoption():
    assert adopt_legacy_auth_user(connection) is False


def test_audit_rows_naming_the_old_user_label_still_show_field_labels(world):
    from gongkai.audit.services import record

    record(AccountVerb.USER_UPDATED, actor=world.users["admin"], changes={"is_active": [True, False]})
    event = AuditEvent.objects.get()
    # An event recorded before the switch named the model "auth.user"; labels must still resolve.
    event.object_type = "auth.user"
    assert event.change_rows() == [("有效", "是", "否")]


# --- API tokens ---------------------------------------------------------------------------------


def test_issued_token_is_stored_only_as_its_digest_and_audited(world):
    clerk = world.users["clerk"]
    token, secret = issue_token(Permissions(clerk), user=clerk, name="同步脚本")
    assert secret.startswith("gk_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(secret) != secret
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    event = AuditEvent.objects.get(action=AccountVerb.TOKEN_ISSUED)
    assert (event.actor, event.changes) == (clerk, {"user": [None, "clerk"], "name": [None, "同步脚本"]})
    assert secret not in str(event.changes)


def test_a_token_opens_the_api_as_its_user_until_revoked(world):
    clerk = world.users["clerk"]
    token, secret = issue_token(SYSTEM, user=clerk, name="脚本")
    client = Client()
    response = client.get("/api/v1/organs/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert [o["slug"] for o in response.json()["items"]] == ["jia-jgsw"]
    # No cookie, so no CSRF: a script may PATCH with its token alone.
    patched = Client(enforce_csrf_checks=True).patch(
        f"/api/v1/organs/{world.own.pk}/",
        '{"phone": "0795-5200123"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert patched.status_code == 200
    assert AuditEvent.objects.filter(action="organ.updated").get().actor == clerk
    revoke_token(Permissions(clerk), token)
    assert AuditEvent.objects.filter(action=AccountVerb.TOKEN_REVOKED).count() == 1
    revoke_token(Permissions(clerk), token)  # idempotent
    assert AuditEvent.objects.filter(action=AccountVerb.TOKEN_REVOKED).count() == 1
    refused = client.get("/api/v1/organs/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert (refused.status_code, refused.json()) == (401, {"error": "未登录"})


def test_unknown_token_and_deactivated_user_get_401(world):
    clerk = world.users["clerk"]
    _token, secret = issue_token(SYSTEM, user=clerk, name="脚本")
    assert Client().get("/api/v1/organs/", HTTP_AUTHORIZATION="Bearer gk_nonsense").status_code == 401
    clerk.is_active = False
    clerk.save()
    assert Client().get("/api/v1/organs/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_only_the_owner_or_an_administrator_manages_a_token(world):
    clerk, head = world.users["clerk"], world.users["head"]
    with pytest.raises(PermissionDenied):
        issue_token(Permissions(head), user=clerk, name="代签")
    token, _ = issue_token(Permissions(world.users["admin"]), user=clerk, name="管理员代签")
    with pytest.raises(PermissionDenied):
        revoke_token(Permissions(head), token)
    with pytest.raises(ValidationError, match="用途"):
        issue_token(SYSTEM, user=clerk, name="  ")
    with pytest.raises(MissingActorError):
        issue_token(None, user=clerk, name="脚本")
    assert ApiToken.objects.count() == 1


def test_api_token_command_issues_lists_and_revokes(world):
    import io

    out = io.StringIO()
    call_command("api_token", "issue", "clerk", "命令行", stdout=out)
    secret = out.getvalue().strip()
    assert Client().get("/api/v1/organs/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert "命令行" in listing.getvalue() and "有效" in listing.getvalue()
    call_command("api_token", "revoke", secret[:10], stdout=io.StringIO())
    assert Client().get("/api/v1/organs/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
