"""Authorisation matrix: every workspace and API URL × every role × own organ / other organ / anonymous,
and every URL of every staff namespace an app registers (`core.registry.register_staff_urls`).

The set of URL names is read from the URL conf: a new workspace or API URL without an entry in MATRIX fails
`test_matrix_covers_every_workspace_and_api_url`, so nobody can add a staff page without deciding who may
open it; a registered app's URL without a `Decision` fails at start-up and in
`test_every_registered_staff_url_has_a_decision`.

Conventions: anonymous pages redirect to sign-in (302), anonymous API calls get 401; an organ the user may
not see is 404 (its existence is not revealed); an organ the user sees but may not change is 403.
"""

from __future__ import annotations

import json

import pytest
from django.urls import get_resolver, reverse

from gongkai.audit.models import AuditEvent
from gongkai.organs.models import Organ
from gongkai.organs.verbs import OrganVerb

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
    "workspace:login": [("get", None, None, {"any": dict.fromkeys(ROLES, 302) | {"anonymous": 200}})],
    "workspace:logout": [
        ("get", None, None, {"any": ALL_200}),
        ("post", None, None, {"any": dict.fromkeys(ROLES, 302)}),
    ],
    "workspace:home": [("get", None, None, {"any": ALL_200})],
    "workspace:audit": [("get", None, None, {"any": ALL_200})],
    "workspace:organ-dashboard": [("get", "slug", None, {"own": VIEW, "other": VIEW_OTHER})],
    "workspace:organ-detail": [("get", "slug", None, {"own": VIEW, "other": VIEW_OTHER})],
    "workspace:organ-edit": [
        ("get", "slug", None, {"own": EDIT, "other": EDIT_OTHER}),
        ("post", "slug", {"phone": NEW_PHONE}, {"own": EDIT_POST, "other": EDIT_POST_OTHER}),
    ],
    "api-v1:organ_list": [("get", None, None, {"any": ALL_200 | {"anonymous": 401}})],
    "api-v1:organ_detail": [("get", "pk", None, {"own": API_VIEW, "other": API_VIEW_OTHER})],
    "api-v1:organ_update": [
        ("patch", "pk", {"phone": NEW_PHONE}, {"own": API_PATCH, "other": API_PATCH_OTHER | {"admin": 200}}),
    ],
    # The API's description is public: it shows the shape of the API, never data.
    "api-v1:openapi-json": [("get", None, None, {"any": dict.fromkeys(ROLES, 200)})],
    "api-v1:openapi-view": [("get", None, None, {"any": dict.fromkeys(ROLES, 200)})],
    "api-v1:api-root": [("get", None, None, {"any": dict.fromkeys(ROLES, 404)})],
}


def _names(patterns, prefix: str, route: str = "") -> dict[str, str]:
    """{"namespace:name": route} for every named URL below `patterns`."""
    names: dict[str, str] = {}
    for pattern in patterns:
        here = route + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            names |= _names(pattern.url_patterns, prefix, here)
        elif pattern.name:
            names[f"{prefix}:{pattern.name}"] = here
    return names


def url_names(namespace: str) -> set[str]:
    return set(_names(get_resolver().namespace_dict[namespace][1].url_patterns, namespace))


def platform_api_names() -> set[str]:
    """The API's own URLs and the organs router's; the routers other apps register are decided and tested
    by those apps (each endpoint answers 401 anonymous and 404 for what the user may not see)."""
    from gongkai.core import registry

    others = tuple(f"{prefix}/" for prefix, _router in registry.api_routers() if prefix != "organs")
    routes = _names(get_resolver().namespace_dict["api-v1"][1].url_patterns, "api-v1")
    return {name for name, route in routes.items() if not route.startswith(others)}


def test_matrix_covers_every_workspace_and_api_url():
    assert url_names("workspace") | platform_api_names() == set(MATRIX)


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
    url = reverse(name, kwargs=kwargs)
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
    updates = AuditEvent.objects.filter(organ=organ, action=OrganVerb.ORGAN_UPDATED)
    if succeeded:
        assert organ.phone == NEW_PHONE
        assert updates.get().changes == {"phone": [before, NEW_PHONE]}
    else:
        assert organ.phone == before
        assert not updates.exists()


def test_login_page_for_signed_in_user_redirects_home(world, client_for):
    response = client_for(world.users["clerk"]).get(reverse("workspace:login"))
    assert response["Location"] == reverse("workspace:home")


# --- every staff namespace an app registers -------------------------------------------------------


def _expected(user, decision, organ) -> int:
    """The rule every registered staff page follows: sign-in first; an organ the user may not see is 404;
    seen but without the decision's permission is 403; else 200."""
    from gongkai.organs.permissions import Action, can
    from gongkai.organs.scope import Permissions

    if user is None:
        return 302
    perms = Permissions(user)
    if not can(perms, Action.VIEW, organ):
        return 404
    if decision.permission and not perms.has(decision.permission, organ):
        return 403
    return 200


def registered_cases():
    from gongkai.core import registry

    for staff in registry.staff_urls():
        for pattern in (*staff.organ_patterns, *staff.patterns):
            if pattern.name:
                yield staff, pattern


def test_every_registered_staff_url_has_a_decision():
    from gongkai.core import registry

    for staff in registry.staff_urls():
        mounted = url_names(staff.namespace)
        assert mounted == {f"{staff.namespace}:{name}" for name in staff.url_names()}
        assert staff.url_names() <= set(staff.decisions), staff.namespace


@pytest.mark.parametrize("scope", SCOPES)
def test_registered_organ_pages_follow_the_rule_for_every_role(world, client_for, scope):
    """Every registered organ page reachable with just the organ's slug, GET, × every role × own/other."""
    from django.urls import NoReverseMatch

    organ = world.other if scope == "other" else world.own
    checked = 0
    for staff, pattern in registered_cases():
        decision = staff.decisions[pattern.name]
        if "GET" not in decision.methods or pattern not in staff.organ_patterns:
            continue
        try:
            url = reverse(f"{staff.namespace}:{pattern.name}", kwargs={"slug": organ.slug})
        except NoReverseMatch:
            continue  # needs an object of the app: the app's own view tests cover it
        for role in ROLES:
            user = None if role == "anonymous" else world.users[role]
            status = client_for(user).get(url).status_code
            assert status == _expected(user, decision, organ), f"GET {url} as {role}: {status}"
            checked += 1
    assert checked == len(ROLES) * sum(
        1
        for staff, pattern in registered_cases()
        if pattern in staff.organ_patterns
        and "GET" in staff.decisions[pattern.name].methods
        and _reversible(staff, pattern, organ)
    )


def _reversible(staff, pattern, organ) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(f"{staff.namespace}:{pattern.name}", kwargs={"slug": organ.slug})
    except NoReverseMatch:
        return False
    return True
