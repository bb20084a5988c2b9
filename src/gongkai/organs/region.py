"""Which organ is "the region": the top of the organ tree (the 人民政府 without a parent). A deployment
serves one region; if several roots exist, the oldest one is the region, so the choice is stable."""

from __future__ import annotations

from gongkai.organs.models import Organ


def region_organ() -> Organ | None:
    return Organ.objects.filter(parent__isnull=True).order_by("pk").first()


def request_region(request) -> Organ | None:
    """The region, looked up once per request (the GONGKAI_SITE_REGION provider of the layout)."""
    if request is None:
        return region_organ()
    if not hasattr(request, "_gongkai_region"):
        request._gongkai_region = region_organ()
    return request._gongkai_region
