"""How the portal groups the region's organs (which organ is the region: `gongkai.organs.region`)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.organs.models import Organ, OrganKind, descendant_ids
from gongkai.organs.region import region_organ, request_region

__all__ = ["KindGroup", "ancestors", "organs_by_kind", "region_organ", "request_region"]


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    organs: list[Organ]


def ancestors(organ: Organ) -> list[Organ]:
    """The organ's superiors from the top down, for the breadcrumb (trees here are a few levels deep)."""
    chain: list[Organ] = []
    seen = {organ.pk}
    parent = organ.parent
    while parent is not None and parent.pk not in seen:
        chain.insert(0, parent)
        seen.add(parent.pk)
        parent = parent.parent
    return chain


def organs_by_kind(region: Organ | None) -> list[KindGroup]:
    """The region's organs below it, grouped by kind in the declared order, each group in display order.

    Organs of another tree (a second root) keep their pages but are not listed on this region's home page.
    """
    if region is None:
        return []
    ids = descendant_ids(region, include_self=False)
    organs = Organ.objects.filter(pk__in=ids).order_by("sort_order", "name")
    buckets: dict[str, list[Organ]] = {}
    for organ in organs:
        buckets.setdefault(organ.kind, []).append(organ)
    return [
        KindGroup(kind=value, label=str(label), organs=buckets[value])
        for value, label in OrganKind.choices
        if value in buckets
    ]
