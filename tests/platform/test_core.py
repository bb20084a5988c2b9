"""The core: registries, the SYSTEM actor, the permission backend and tag, the audit context, API errors."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import Client, RequestFactory

from gongkai.audit.models import AuditEvent
from gongkai.core import registry
from gongkai.core.actors import SYSTEM, MissingActorError, require_actor
from gongkai.organs import services
from gongkai.organs.scope import Permissions, for_request
from gongkai.organs.verbs import OrganVerb


def test_registering_a_key_twice_is_an_error_but_a_real_entry_replaces_a_placeholder():
    store: dict = {}
    placeholder = registry.Tile("x", "占位", "……", placeholder=True)
    real = registry.Tile("x", "真实", "……", url_name="workspace:home")
    registry._put(store, "x", placeholder, placeholder=True)
    registry._put(store, "x", real)
    assert store["x"] is real
    registry._put(store, "x", placeholder, placeholder=True)  # a late placeholder changes nothing
    assert store["x"] is real
    with pytest.raises(ImproperlyConfigured, match="重复注册"):
        registry._put(store, "x", registry.Tile("x", "另一个", "……"))


def test_audit_verbs_are_labelled_from_the_registry():
    assert registry.audit_label("organ.updated") == "修改机关信息"
    assert registry.audit_label("auth.login") == "登录"
    assert registry.audit_label("token.issued") == "签发接口令牌"
    assert registry.audit_label("gone.app_verb") == "gone.app_verb"
    with pytest.raises(ImproperlyConfigured):
        registry.register_audit_verbs({"organ.updated": "别的名称"})


def test_a_staff_url_without_a_decision_fails_at_registration():
    from django.urls import path

    with pytest.raises(ImproperlyConfigured, match="缺少权限决定：page"):
        registry.register_staff_urls(
            "nodecision", organ_patterns=[path("", lambda r: None, name="page")], decisions={}
        )
    assert "nodecision" not in {s.namespace for s in registry.staff_urls()}


def test_the_shells_register_their_placeholders():
    assert [t.key for t in registry.tiles()][:3] == ["applications", "catalog", "reports"]
    assert [c.slug for c in registry.portal_columns()] == ["guide", "rules", "catalog", "apply", "reports"]
    assert [d.name for d in registry.demo_loaders()][0] == "organs"
    assert "organs" in dict(registry.api_routers())


def test_services_refuse_a_missing_actor_and_a_bare_user(world):
    with pytest.raises(MissingActorError):
        services.update_organ(None, world.own, phone="0795-5200001")
    with pytest.raises(MissingActorError):
        services.update_organ(world.users["admin"], world.own, phone="0795-5200001")
    with pytest.raises(MissingActorError):
        services.grant_role(None, world.users["nobody"], world.own, "clerk")
    assert not AuditEvent.objects.exists()
    assert require_actor(SYSTEM) is SYSTEM


def test_system_acts_explicitly_and_is_audited_without_a_user(world):
    services.update_organ(SYSTEM, world.own, name="甲市机关事务服务中心")
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert (event.actor, event.actor_username) == (None, "")


def test_permissions_are_computed_once_per_request(world, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = world.users["supervisor"]
    with django_assert_num_queries(2):  # the grants, then the supervised subtree in one query
        perms = for_request(request)
    with django_assert_num_queries(0):
        assert for_request(request) is perms
        assert request.user.has_perm("organs.view", world.own)
        assert not request.user.has_perm("organs.change", world.own)


def test_has_perm_answers_from_the_app_policy(world):
    clerk, reviewer = world.users["clerk"], world.users["reviewer"]
    assert clerk.has_perm("organs.change", world.own)
    assert not reviewer.has_perm("organs.change", world.own)
    assert not clerk.has_perm("organs.view", world.other)
    assert not clerk.has_perm("organs.no_such_action", world.own)
    assert not clerk.has_perm("unknownapp.view", world.own)
    assert world.users["admin"].has_perm("organs.manage_roles", world.other)


def test_can_tag_reads_the_request_permissions(world):
    template = Template(
        '{% load gongkai_core %}{% can "organs.change" organ as may %}{% if may %}可修改{% else %}只读{% endif %}'
    )
    for role, expected in (("clerk", "可修改"), ("reviewer", "只读"), ("nobody", "只读")):
        request = RequestFactory().get("/")
        request.user = world.users[role]
        assert template.render(Context({"request": request, "organ": world.own})) == expected


def test_middleware_sets_the_audit_origin_once_per_request(world, client_for):
    client = client_for(world.users["clerk"])
    client.post(
        f"/workspace/o/{world.own.slug}/edit/",
        {"phone": "0795-5200002", "short_name": "", "address": world.own.address, "postcode": "",
         "email": "", "office_hours": "", "doc_number_prefix": ""},
        REMOTE_ADDR="10.9.8.7",
        HTTP_USER_AGENT="Origin/2.0",
    )  # fmt: skip
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert (event.ip_address, event.user_agent) == ("10.9.8.7", "Origin/2.0")


def test_services_outside_a_request_record_no_origin(world):
    services.update_organ(Permissions(world.users["clerk"]), world.own, phone="0795-5200003")
    event = AuditEvent.objects.get(action=OrganVerb.ORGAN_UPDATED)
    assert (event.ip_address, event.user_agent) == (None, "")


# --- /api/v1/ conventions -------------------------------------------------------------------------


def test_openapi_document_describes_the_organs_endpoints(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/organs/", "/api/v1/organs/{pk}/"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/v1/organs/{pk}/"]) == {"get", "patch"}
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200 and b"swagger" in page.content.lower()


def test_unknown_api_path_is_json_404(world, client_for):
    response = client_for(world.users["clerk"]).get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"error": "未找到：接口地址不存在"}


def test_invalid_query_parameters_name_the_field_in_chinese(world, client_for):
    response = client_for(world.users["admin"]).get("/api/v1/organs/?page=abc&page_size=500")
    assert response.status_code == 400
    assert response.json() == {
        "error": "数据校验失败",
        "fields": {"page": ["应为整数"], "page_size": ["不能大于200"]},
    }


def test_lists_are_paged_and_filtered_by_the_conventions(world, client_for):
    client = client_for(world.users["admin"])
    first = client.get("/api/v1/organs/?page_size=2").json()
    assert (first["count"], first["page"], first["page_size"], len(first["items"])) == (5, 1, 2, 2)
    last = client.get("/api/v1/organs/?page_size=2&page=3").json()
    assert [o["slug"] for o in last["items"]] == [
        o["slug"] for o in client.get("/api/v1/organs/").json()["items"]
    ][4:]
    assert {o["slug"] for o in client.get("/api/v1/organs/?kind=government").json()["items"]} == {"jia", "yi"}
    assert [o["slug"] for o in client.get("/api/v1/organs/?q=财政").json()["items"]] == ["yi-finance"]
    children = client.get(f"/api/v1/organs/?parent_id={world.gov_a.pk}").json()["items"]
    assert {o["slug"] for o in children} == {"jia-office", "jia-jgsw"}
    bad = client.get("/api/v1/organs/?kind=planet")
    assert (bad.status_code, bad.json()["fields"]) == (400, {"kind": ["不是允许的取值"]})
