"""The authorisation matrix of every casework URL and endpoint: each role × a case of the own organ or of
another region's organ × anonymous. Sign-in first (302 pages, 401 API); an organ the user may not see is 404;
seen without the decision's permission is 403; else the page (200) or, after a POST, its redirect (302).
API actions refused by the case's state answer 409: the permission check came first."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse
from tests.applications.conftest import PERSON

from gongkai.applications import urls as app_urls
from gongkai.applications.models import Application
from gongkai.applications.services import cases
from gongkai.core.actors import SYSTEM
from gongkai.organs.scope import Permissions

ROLES = ("anonymous", "clerk", "reviewer", "head", "supervisor", "sibling_clerk", "nobody", "admin")
SCOPES = ("own", "other")


@pytest.fixture
def two_cases(region, settings):
    own = cases.register(SYSTEM, region.own, dict(PERSON), "in_person", submitted_on=date(2026, 9, 24))
    other = cases.register(SYSTEM, region.foreign, dict(PERSON), "in_person", submitted_on=date(2026, 9, 24))
    return {"own": own, "other": other}


def expected(region, role, case, permission, *, api=False, post=False) -> int:
    if role == "anonymous":
        return 401 if api else 302
    perms = Permissions(region.users[role])
    if not perms.has("applications.view", case.organ):
        return 404
    if permission and not perms.has(permission, case.organ):
        return 403
    return 302 if post and not api else 200


def staff_url(name, case):
    kwargs = {"slug": case.organ.slug}
    if name in {"case", "act", "document", "attachment"}:
        kwargs["pk"] = case.pk
    if name == "act":
        kwargs["action"] = "fee_paid"
    if name == "document":
        kwargs |= {"doc_id": case.documents.get(kind="receipt").pk, "fmt": "pdf"}
    if name == "report":
        kwargs["year"] = 2026
    return reverse(f"applications:{name}", kwargs=kwargs)


STAFF = [n for n in app_urls.staff_decisions if n != "attachment"]  # attachments: test_views


def test_every_staff_url_is_in_this_matrix():
    assert set(STAFF) | {"attachment"} == {p.name for p in app_urls.staff_organ_patterns}


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("name", STAFF)
def test_staff_pages(client, region, two_cases, name, scope):
    case = two_cases[scope]
    decision = app_urls.staff_decisions[name]
    post = "GET" not in decision.methods
    url = staff_url(name, case)
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(region.users[role])
        response = client.post(url, {"on": "2026-10-09"}) if post else client.get(url)
        want = expected(region, role, case, decision.permission, post=post)
        assert response.status_code == want, f"{name} {scope} {role}: {response.status_code}"
    assert Application.objects.get(pk=case.pk).status == "open"  # fee_paid on an open case changes nothing


@pytest.mark.parametrize("scope", SCOPES)
def test_api_endpoints(client, region, two_cases, scope):
    case = two_cases[scope]
    detail = reverse("api-v1:case_detail", kwargs={"pk": case.pk})
    action = reverse("api-v1:case_action", kwargs={"pk": case.pk})
    table3 = reverse("api-v1:table3", kwargs={"slug": case.organ.slug})
    register = reverse("api-v1:case_register", kwargs={"slug": case.organ.slug})
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(region.users[role])
        assert client.get(detail).status_code == expected(region, role, case, None, api=True), role
        assert client.get(table3).status_code == expected(region, role, case, None, api=True), role
        body = json.dumps({"action": "fee_paid", "on": "2026-10-09"})
        got = client.post(action, body, content_type="application/json").status_code
        want = expected(region, role, case, "applications.handle", api=True)
        assert got == (409 if want == 200 else want), f"action {role}: {got}"
        bad = json.dumps({**PERSON, "phone": "电话", "channel": "in_person", "submitted_on": "2026-10-09"})
        got = client.post(register, bad, content_type="application/json").status_code
        assert got == (400 if want == 200 else want), f"register {role}: {got}"
    assert Application.objects.count() == 2


def test_api_list_shows_only_visible_cases_and_masks(client, region, two_cases):
    client.force_login(region.users["reviewer"])
    items = client.get(reverse("api-v1:case_list")).json()["items"]
    assert [i["id"] for i in items] == [two_cases["own"].pk]
    assert items[0]["applicant"]["id_number"] == "110105********002X"
    assert PERSON["phone"] not in json.dumps(items, ensure_ascii=False)
    client.force_login(region.users["clerk"])
    # Registered by SYSTEM, so nobody is assigned yet: every clerk of the organ may handle it and sees it all.
    assert client.get(reverse("api-v1:case_list")).json()["items"][0]["applicant"]["name"] == "张三"
    client.logout()
    assert client.get(reverse("api-v1:case_list")).status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_answer_everyone_alike(client, region, two_cases, role):
    if role != "anonymous":
        client.force_login(region.users[role])
    assert (
        client.get(reverse("applications-public:apply", kwargs={"slug": region.own.slug})).status_code == 200
    )
    assert client.get(reverse("applications-public:lookup")).status_code == 200
    case = two_cases["own"]
    assert client.get(reverse("applications-public:status", kwargs={"pk": case.pk})).status_code == 404
    doc = case.documents.get(kind="receipt")
    url = reverse("applications-public:document", kwargs={"pk": case.pk, "doc_id": doc.pk})
    assert client.get(url).status_code == 404
