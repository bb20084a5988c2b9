"""The JSON API enforces the same permissions as the pages."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gongkai.audit.models import AuditEvent
from gongkai.organs.verbs import OrganVerb


def slugs(response) -> set[str]:
    return {organ["slug"] for organ in response.json()["items"]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk", {"jia-jgsw"}),
        ("reviewer", {"jia-jgsw"}),
        ("head", {"jia-jgsw"}),
        ("supervisor", {"jia", "jia-office", "jia-jgsw"}),
        ("nobody", set()),
        ("admin", {"jia", "jia-office", "jia-jgsw", "yi", "yi-finance"}),
    ],
)
def test_list_contains_only_visible_organs(world, client_for, role, expected):
    response = client_for(world.users[role]).get("/api/v1/organs/")
    assert response.status_code == 200
    assert slugs(response) == expected


def test_detail_reports_the_users_permissions(world, client_for):
    data = client_for(world.users["reviewer"]).get(f"/api/v1/organs/{world.own.pk}/").json()
    assert data["name"] == "甲市机关事务管理局"
    assert data["credit_code"] == world.own.credit_code
    assert data["parent_id"] == world.gov_a.pk
    assert data["permissions"] == ["view", "view_audit"]


def test_unknown_and_foreign_ids_look_the_same(world, client_for):
    client = client_for(world.users["clerk"])
    foreign = client.get(f"/api/v1/organs/{world.other.pk}/")
    missing = client.get("/api/v1/organs/999999/")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json() == {"error": "未找到该机关"}


def test_anonymous_gets_401_json(db):
    response = Client().get("/api/v1/organs/")
    assert response.status_code == 401
    assert response.json() == {"error": "未登录"}


def test_patch_updates_through_the_service(world, client_for):
    client = client_for(world.users["clerk"])
    body = json.dumps({"office_hours": "工作日 9:00—17:00"})
    response = client.patch(f"/api/v1/organs/{world.own.pk}/", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["office_hours"] == "工作日 9:00—17:00"
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert event.changes == {"office_hours": ["", "工作日 9:00—17:00"]}


def test_patch_of_structural_field_is_forbidden(world, client_for):
    client = client_for(world.users["clerk"])
    response = client.patch(
        f"/api/v1/organs/{world.own.pk}/",
        json.dumps({"name": "篡改局"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "机关名称" in response.json()["error"]


def test_patch_validation_errors_name_the_field(world, client_for):
    client = client_for(world.users["clerk"])
    response = client.patch(
        f"/api/v1/organs/{world.own.pk}/",
        json.dumps({"postcode": "12"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"postcode": ["邮政编码应为6位数字"]}


def test_patch_rejects_malformed_json(world, client_for):
    response = client_for(world.users["clerk"]).patch(
        f"/api/v1/organs/{world.own.pk}/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"error": "请求体不是有效的JSON"}


def test_patch_requires_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["clerk"])
    response = client.patch(
        f"/api/v1/organs/{world.own.pk}/",
        json.dumps({"phone": "0795-1111111"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    world.own.refresh_from_db()
    assert world.own.phone == "0795-5212588"


def test_list_query_count_does_not_grow_with_the_number_of_organs(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from tests.platform.conftest import make_organ

    client = client_for(world.users["supervisor"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/organs/").status_code == 200
        return len(captured)

    before = queries()
    for i in range(10):
        make_organ(f"jia-dept-{i}", f"甲市第{i}局", 200 + i, world.gov_a)
    after = queries()
    assert len(client.get("/api/v1/organs/").json()["items"]) == 13
    assert after == before
