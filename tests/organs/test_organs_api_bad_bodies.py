"""The review's M1 reproductions: each body that gave a 500 on PATCH /api/v1/organs/<id>/ is a 400 naming
the key in Chinese, and nothing changes."""

from __future__ import annotations

import json

import pytest


def patch(client, organ, body: str):
    return client.patch(f"/api/v1/organs/{organ.pk}/", body, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"children": []}, "children"),  # a reverse relation
        ({"role_grants": []}, "role_grants"),
        ({"parent_id": 1}, "parent_id"),  # an attname
        ({"request": 1}, "request"),  # keys named like the service's own parameters
        ({"actor": 1}, "actor"),
        ({"organ": 1}, "organ"),
    ],
)
def test_structural_and_parameter_keys_are_unknown_fields(world, client_for, body, key):
    response = patch(client_for(world.users["clerk"]), world.own, json.dumps(body))
    assert response.status_code == 400
    assert f"未知字段：{key}" in response.content.decode()
    world.own.refresh_from_db()
    assert world.own.address == "甲市人民路1号"


@pytest.mark.parametrize("parent", [4000, "gaoan", {"id": 1}, True])
def test_parent_that_is_no_organ_id_is_a_field_error_for_the_admin(world, client_for, parent):
    response = patch(client_for(world.users["admin"]), world.other, json.dumps({"parent": parent}))
    assert response.status_code == 400
    assert "上级机关：应为已有机关的编号" in response.content.decode()
    world.other.refresh_from_db()
    assert world.other.parent == world.gov_b


def test_parent_by_id_moves_the_organ_for_the_admin(world, client_for):
    response = patch(client_for(world.users["admin"]), world.other, json.dumps({"parent": world.gov_a.pk}))
    assert response.status_code == 200, response.content.decode()
    world.other.refresh_from_db()
    assert world.other.parent == world.gov_a


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100000 + "]" * 100000,
        '{"a":' * 5000 + "1" + "}" * 5000,
        '{"short_name": "\\ud800"}',
        '{"\\ud800": 1}',
    ],
)
def test_deep_or_unencodable_json_is_a_400(world, client_for, body):
    response = patch(client_for(world.users["clerk"]), world.own, body)
    assert response.status_code == 400
    assert response.json()  # a JSON error body
    world.own.refresh_from_db()
    assert world.own.short_name == ""
