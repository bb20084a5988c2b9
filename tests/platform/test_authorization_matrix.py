"""Authorisation matrix: every workspace URL × every role × own organ / other organ / anonymous.

The set of URL names is read from the URL conf: a new workspace URL without an entry in MATRIX fails
`test_matrix_covers_every_workspace_url`, so nobody can add a staff page without deciding who may open it.

Conventions: anonymous pages redirect to sign-in (302), anonymous API calls get 401; an organ the user may
not see is 404 (its existence is not revealed); an organ the user sees but may not change is 403.
"""

from __future__ import annotations

import json

import pytest
from django.urls import get_resolver, reverse

from gongkai.audit.models import AuditAction, AuditEvent
from gongkai.organs.models import Organ

ROLES = ("anonymous", "clerk", "reviewer", "head", "supervisor", "nobody", "admin")
SCOPES = ("own", "other")

ALL_200 = dict.fromkeys(ROLES, 200) | {"anonymous": 302}
VIEW = {
    "anonymous": 302,
    "clerk": 200,
    "reviewer": 200,
    "head": 200,
    "supervisor": 200,
    "nobody": 404,
    "admin": 200,
}
VIEW_OTHER = dict.fromkeys(ROLES, 404) | {"anonymous": 302, "admin": 200}
EDIT = {
    "anonymous": 302,
    "clerk": 200,
    "reviewer": 403,
    "head": 200,
    "supervisor": 403,
    "nobody": 404,
    "admin": 200,
}
EDIT_POST = EDIT | {"clerk": 302, "head": 302, "admin": 302}
EDIT_OTHER = VIEW_OTHER
EDIT_POST_OTHER = EDIT_OTHER | {"admin": 302}
API_VIEW = VIEW | {"anonymous": 401}
API_VIEW_OTHER = VIEW_OTHER | {"anonymous": 401}
API_PATCH = EDIT | {"anonymous": 401}
API_PATCH_OTHER = VIEW_OTHER | {"anonymous": 401}

NEW_PHONE = "0795-5200000"

# url name → list of (method, kwargs builder(organ), body, {scope: {role: status}}). Pages that are not
# organ-scoped run once, in the single scope "any" (own/other would be the same request twice).
MATRIX = {
    "login": [("get", None, None, {"any": dict.fromkeys(ROLES, 302) | {"anonymous": 200}})],
    "logout": [
        ("get", None, None, {"any": ALL_200}),
        ("post", None, None, {"any": dict.fromkeys(ROLES, 302)}),
    ],
    "home": [("get", None, None, {"any": ALL_200})],
    "audit": [("get", None, None, {"any": ALL_200})],
    "organ-dashboard": [("get", "slug", None, {"own": VIEW, "other": VIEW_OTHER})],
    "organ-detail": [("get", "slug", None, {"own": VIEW, "other": VIEW_OTHER})],
    "organ-edit": [
        ("get", "slug", None, {"own": EDIT, "other": EDIT_OTHER}),
        ("post", "slug", {"phone": NEW_PHONE}, {"own": EDIT_POST, "other": EDIT_POST_OTHER}),
    ],
    "api-organs": [("get", None, None, {"any": ALL_200 | {"anonymous": 401}})],
    "api-organ": [
        ("get", "pk", None, {"own": API_VIEW, "other": API_VIEW_OTHER}),
        ("patch", "pk", {"phone": NEW_PHONE}, {"own": API_PATCH, "other": API_PATCH_OTHER | {"admin": 200}}),
    ],
}


def workspace_url_names() -> set[str]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["workspace"][1]
    return {pattern.name for pattern in namespace.url_patterns}


def test_matrix_covers_every_workspace_url():
    assert workspace_url_names() == set(MATRIX)


CASES = [
    pytest.param(name, index, scope, role, id=f"{name}-{spec[0]}-{scope}-{role}")
    for name, specs in MATRIX.items()
    for index, spec in enumerate(specs)
    for scope in spec[3]
    for role in ROLES
]


def test_organ_scoped_urls_run_in_both_scopes_and_others_in_one():
    for name, specs in MATRIX.items():
        for method, kwarg, _body, expected in specs:
            assert set(expected) == (set(SCOPES) if kwarg else {"any"}), (name, method)
            assert all(set(by_role) == set(ROLES) for by_role in expected.values()), (name, method)


def _form_data(organ: Organ, changes: dict) -> dict:
    """Every staff-editable field with its current value, overridden by `changes` (a full form POST)."""
    from gongkai.organs.services import STAFF_EDITABLE_FIELDS

    return {name: getattr(organ, name) for name in STAFF_EDITABLE_FIELDS} | changes


@pytest.mark.parametrize(("name", "index", "scope", "role"), CASES)
def test_matrix(world, client_for, name, index, scope, role):
    method, kwarg, body, expected = MATRIX[name][index]
    organ = world.other if scope == "other" else world.own
    kwargs = {} if kwarg is None else {kwarg: getattr(organ, kwarg)}
    client = client_for(None if role == "anonymous" else world.users[role])
    url = reverse(f"workspace:{name}", kwargs=kwargs)
    before = organ.phone
    if method == "post":
        response = client.post(url, _form_data(organ, body or {}))
    elif method == "patch":
        response = client.patch(url, json.dumps(body), content_type="application/json")
    else:
        response = client.get(url)
    status = expected[scope][role]
    assert response.status_code == status, f"{method.upper()} {url} as {role}: {response.status_code}"
    if status == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("workspace:login"))
    if body and "phone" in body:
        _assert_write_outcome(organ, before, succeeded=status in {200, 302} and role != "anonymous")


def _assert_write_outcome(organ: Organ, before: str, succeeded: bool) -> None:
    organ.refresh_from_db()
    updates = AuditEvent.objects.filter(organ=organ, action=AuditAction.ORGAN_UPDATED)
    if succeeded:
        assert organ.phone == NEW_PHONE
        assert updates.get().changes == {"phone": [before, NEW_PHONE]}
    else:
        assert organ.phone == before
        assert not updates.exists()


def test_login_page_for_signed_in_user_redirects_home(world, client_for):
    response = client_for(world.users["clerk"]).get(reverse("workspace:login"))
    assert response["Location"] == reverse("workspace:home")
