"""Which organ is "the region" and how the portal groups the others.

The region is the top of the organ tree (the 人民政府 without a parent). A deployment serves one region; if
several roots exist, the oldest one is the region, so the choice is stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.organs.models import Organ, OrganKind, descendant_ids


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    organs: list[Organ]


def region_organ() -> Organ | None:
    return Organ.objects.filter(parent__isnull=True).order_by("pk").first()


def request_region(request) -> Organ | None:
    """The region, looked up once per request: the layout's header and footer and the view all need it."""
    if request is None:
        return region_organ()
    if not hasattr(request, "_gongkai_region"):
        request._gongkai_region = region_organ()
    return request._gongkai_region


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
