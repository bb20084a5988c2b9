"""The permission module: who sees which organs, who may do what."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from tests.platform.conftest import make_organ

from gongkai.organs import permissions
from gongkai.organs.models import Role, RoleGrant
from gongkai.organs.permissions import Action, can, get_organ_or_404, organs_for
from gongkai.organs.scope import Permissions


def names(queryset) -> set[str]:
    return set(queryset.values_list("slug", flat=True))


@pytest.mark.parametrize("role", ["clerk", "reviewer", "head"])
def test_organ_staff_see_only_their_organ(world, role):
    assert names(organs_for(Permissions(world.users[role]))) == {"jia-jgsw"}


def test_supervisor_sees_the_subtree_of_its_government(world):
    assert names(organs_for(Permissions(world.users["supervisor"]))) == {"jia", "jia-office", "jia-jgsw"}


def test_supervisor_sees_organs_added_later_below_its_government(world):
    township = make_organ("jia-town", "甲市某镇人民政府", 9, world.gov_a)
    make_organ("jia-town-office", "甲市某镇党政办", 10, township)
    assert {"jia-town", "jia-town-office"} <= names(organs_for(Permissions(world.users["supervisor"])))


def test_user_without_role_and_anonymous_see_nothing(world):
    assert names(organs_for(Permissions(world.users["nobody"]))) == set()
    assert names(organs_for(Permissions(AnonymousUser()))) == set()


def test_admin_sees_everything(world):
    assert names(organs_for(Permissions(world.users["admin"]))) == {
        "jia",
        "jia-office",
        "jia-jgsw",
        "yi",
        "yi-finance",
    }


def test_inactive_user_sees_nothing(world):
    clerk = world.users["clerk"]
    clerk.is_active = False
    clerk.save()
    assert names(organs_for(Permissions(clerk))) == set()
    assert not can(Permissions(clerk), Action.VIEW, world.own)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk", {"view", "view_audit", "change"}),
        ("reviewer", {"view", "view_audit"}),
        ("head", {"view", "view_audit", "change"}),
        ("supervisor", {"view", "view_audit"}),
        ("nobody", set()),
        ("admin", {"view", "view_audit", "change", "manage_roles"}),
    ],
)
def test_actions_per_role_on_own_organ(world, role, expected):
    assert {
        str(a) for a in permissions.allowed_actions(Permissions(world.users[role]), world.own)
    } == expected


@pytest.mark.parametrize("role", ["clerk", "reviewer", "head", "supervisor", "nobody"])
def test_no_action_on_another_region(world, role):
    assert permissions.allowed_actions(Permissions(world.users[role]), world.other) == frozenset()


def test_supervisor_writes_nothing_even_in_its_own_office(world):
    assert not can(Permissions(world.users["supervisor"]), Action.CHANGE, world.office_a)
    assert can(Permissions(world.users["supervisor"]), Action.VIEW, world.office_a)


def test_roles_add_up(world):
    RoleGrant.objects.create(user=world.users["supervisor"], organ=world.office_a, role=Role.CLERK)
    assert can(Permissions(world.users["supervisor"]), Action.CHANGE, world.office_a)
    assert not can(Permissions(world.users["supervisor"]), Action.CHANGE, world.own)


def test_get_organ_or_404_hides_other_organs_and_refuses_writes_on_visible_ones(world):
    reviewer = world.users["reviewer"]
    assert get_organ_or_404(Permissions(reviewer), Action.VIEW, slug="jia-jgsw") == world.own
    with pytest.raises(Http404):
        get_organ_or_404(Permissions(reviewer), Action.VIEW, slug="yi-finance")
    with pytest.raises(Http404):
        get_organ_or_404(Permissions(reviewer), Action.VIEW, slug="does-not-exist")
    with pytest.raises(PermissionDenied):
        get_organ_or_404(Permissions(reviewer), Action.CHANGE, slug="jia-jgsw")


def test_supervised_root_is_the_government_of_the_office(world):
    assert world.office_a.supervised_root() == world.gov_a
    standalone = make_organ("standalone", "独立主管机关", 11, is_supervising=True)
    assert standalone.supervised_root() == standalone
