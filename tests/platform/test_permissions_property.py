"""Property test: on random organ trees and random grants, the permission module agrees with a plain
reference written from the rules (walk each organ's ancestors instead of each grant's descendants)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.platform.conftest import make_organ

from gongkai.organs.models import OrganKind, Role, RoleGrant
from gongkai.organs.permissions import Action, can, organs_for
from gongkai.organs.scope import Permissions

KINDS = [OrganKind.GOVERNMENT, OrganKind.DEPARTMENT, OrganKind.TOWNSHIP]


@st.composite
def worlds(draw):
    size = draw(st.integers(min_value=1, max_value=8))
    # parent index strictly smaller than the node's: a forest, never a cycle
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, size)]
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(size)]
    supervising = [draw(st.booleans()) for _ in range(size)]
    roles = [r for r in Role if r != Role.SUPERVISOR]
    grants = draw(st.lists(st.tuples(st.integers(0, size - 1), st.sampled_from(roles)), max_size=3))
    supervisor_at = [i for i in range(size) if supervising[i]]
    if supervisor_at:
        picks = draw(st.lists(st.sampled_from(supervisor_at), max_size=2, unique=True))
        grants += [(i, Role.SUPERVISOR) for i in picks]
    return parents, kinds, supervising, grants


def ancestors_or_self(index, parents):
    chain = [index]
    while parents[chain[-1]] is not None:
        chain.append(parents[chain[-1]])
    return chain


def reference(parents, kinds, grants):
    """(visible, writable) organ indexes, straight from the written rules."""
    visible, writable = set(), set()
    for organ in range(len(parents)):
        for at, role in grants:
            if at == organ:
                visible.add(organ)
                if role in (Role.CLERK, Role.HEAD):
                    writable.add(organ)
            if role == Role.SUPERVISOR:
                parent = parents[at]
                root = parent if parent is not None and kinds[parent] == OrganKind.GOVERNMENT else at
                if root in ancestors_or_self(organ, parents):
                    visible.add(organ)
    return visible, writable


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(world=worlds())
def test_permissions_match_the_reference(db, world):
    parents, kinds, supervising, grants = world
    with transaction.atomic():
        organs = []
        for i, parent in enumerate(parents):
            organs.append(
                make_organ(
                    f"o{i}",
                    f"机关{i}",
                    100 + i,
                    organs[parent] if parent is not None else None,
                    kind=kinds[i],
                    is_supervising=supervising[i],
                )
            )
        user = get_user_model().objects.create_user("someone", password=None)
        for at, role in grants:
            RoleGrant.objects.get_or_create(user=user, organ=organs[at], role=role)
        visible, writable = reference(parents, kinds, grants)
        assert {o.slug for o in organs_for(Permissions(user))} == {f"o{i}" for i in visible}
        assert {i for i, o in enumerate(organs) if can(Permissions(user), Action.CHANGE, o)} == writable
        assert {i for i, o in enumerate(organs) if can(Permissions(user), Action.VIEW, o)} == visible
        transaction.set_rollback(True)
