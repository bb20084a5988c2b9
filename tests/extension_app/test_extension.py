"""The test-only extension app plugs into every registry without any edit to organs, audit, workspace or
portal: an action (write a memo), a page, an API endpoint, an audit verb, a dashboard tile and demo data."""

from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from tests.extension_app.models import Memo
from tests.extension_app.services import write_memo

import gongkai
from gongkai.audit.models import AuditEvent
from gongkai.core import registry
from gongkai.core.actors import SYSTEM, MissingActorError
from gongkai.organs.demo import load_demo


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_nothing_in_the_platform_apps_names_the_extension():
    package = Path(gongkai.__file__).parent
    for app in ("organs", "audit", "workspace", "portal", "core", "accounts"):
        for path in (package / app).rglob("*"):
            if path.suffix in {".py", ".html"}:
                assert "extension" not in path.read_text(encoding="utf-8"), path


def test_the_registries_hold_what_the_extension_registered():
    assert "extension" in {tile.key for tile in registry.tiles()}
    assert "extension" in {staff.namespace for staff in registry.staff_urls()}
    assert "extension" in dict(registry.api_routers())
    loaders = [loader.name for loader in registry.demo_loaders()]
    assert loaders.index("organs") < loaders.index("extension")  # by its order: after the organs it needs
    assert registry.audit_label("memo.written") == "写入工作备忘"


def test_dashboard_tile_shows_for_who_may_view_and_links_to_the_page(place):
    url = f"/workspace/o/{place['own'].slug}/"
    head_page = signed_in(place["users"]["head"]).get(url).content.decode()
    assert '<a href="/workspace/o/gaoan-jgsw/extension/">工作备忘</a>' in head_page
    clerk_page = signed_in(place["users"]["clerk"]).get(url).content.decode()
    assert "工作备忘" not in clerk_page
    assert "依申请公开" in clerk_page  # the shells' placeholders are still there


def test_the_action_is_a_service_that_checks_writes_and_audits(place):
    head, reviewer = place["users"]["head"], place["users"]["reviewer"]
    client = signed_in(head)
    response = client.post(f"/workspace/o/{place['own'].slug}/extension/write/", {"text": "周一例会"})
    assert response.status_code == 302
    memo = Memo.objects.get()
    assert (memo.organ, memo.text, memo.written_by) == (place["own"], "周一例会", head)
    event = AuditEvent.objects.get(action="memo.written")
    assert (event.actor, event.organ, event.action_label) == (head, place["own"], "写入工作备忘")
    page = client.get(f"/workspace/o/{place['own'].slug}/extension/").content.decode()
    assert "周一例会" in page
    audit_page = client.get(f"/workspace/o/{place['own'].slug}/info/").content.decode()
    assert "写入工作备忘" in audit_page
    refused = signed_in(reviewer).post(f"/workspace/o/{place['own'].slug}/extension/write/", {"text": "x"})
    assert refused.status_code == 403
    unseen = signed_in(head).post(f"/workspace/o/{place['other'].slug}/extension/write/", {"text": "x"})
    assert unseen.status_code == 404
    with pytest.raises(MissingActorError):
        write_memo(None, organ=place["own"], text="x")
    assert Memo.objects.count() == 1


def test_the_api_endpoint_lists_only_visible_memos(place):
    write_memo(SYSTEM, organ=place["own"], text="本机关")
    write_memo(SYSTEM, organ=place["other"], text="别的机关")
    data = signed_in(place["users"]["reviewer"]).get("/api/v1/extension/").json()
    assert (data["count"], [m["text"] for m in data["items"]]) == (1, ["本机关"])
    assert signed_in(place["users"]["clerk"]).get("/api/v1/extension/").json()["count"] == 0
    assert Client().get("/api/v1/extension/").status_code == 401
    assert "/api/v1/extension/" in Client().get("/api/v1/openapi.json").json()["paths"]


@pytest.mark.django_db
def test_demo_data_is_loaded_after_the_organs_and_only_once():
    load_demo()
    load_demo()
    assert list(Memo.objects.values_list("organ__slug", flat=True)) == ["gaoan-jgsw"]
    assert AuditEvent.objects.filter(action="memo.written").count() == 1


def test_the_append_only_trigger_is_reused_in_one_line(place):
    memo = write_memo(SYSTEM, organ=place["own"], text="不可改")
    assert [t.name for t in Memo._meta.triggers] == ["append_only", "append_only_truncate"]
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("UPDATE extension_memo SET text = 'x' WHERE id = %s", [memo.pk])
    assert Memo.objects.get(pk=memo.pk).text == "不可改"
