"""An organ's subtree is one recursive query, whatever its depth (supervisor scopes, the portal's region)."""

from tests.factories import OrganFactory

from gongkai.organs.models import descendant_ids, subtree_ids


def _chain(depth: int, root=None):
    organs = [root or OrganFactory()]
    for _ in range(depth):
        organs.append(OrganFactory(parent=organs[-1]))
    return organs


def test_a_deep_subtree_takes_one_query(db, django_assert_num_queries):
    chain = _chain(6)
    sibling = OrganFactory(parent=chain[2])
    with django_assert_num_queries(1):
        found = descendant_ids(chain[1])
    assert found == {o.pk for o in chain[1:]} | {sibling.pk}
    with django_assert_num_queries(1):
        assert descendant_ids(chain[1], include_self=False) == found - {chain[1].pk}


def test_several_roots_share_one_query_and_other_trees_stay_out(db, django_assert_num_queries):
    first, second, elsewhere = _chain(3), _chain(2), _chain(2)
    with django_assert_num_queries(1):
        found = subtree_ids([first[1].pk, second[0].pk])
    assert found == {o.pk for o in first[1:] + second}
    assert not found & {o.pk for o in elsewhere}
    assert subtree_ids([]) == set()
