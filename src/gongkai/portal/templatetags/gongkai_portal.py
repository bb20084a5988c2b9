"""Template tags for the shared layout (base.html), used by portal and workspace pages alike."""

from django import template

from ..region import region_organ

register = template.Library()


@register.simple_tag(takes_context=True)
def site_region(context):
    """The region's organ for the header and footer, looked up once per request."""
    request = context.get("request")
    if request is None:
        return region_organ()
    if not hasattr(request, "_gongkai_region"):
        request._gongkai_region = region_organ()
    return request._gongkai_region
