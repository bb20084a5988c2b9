"""Template tags for the shared layout (base.html), used by portal and workspace pages alike."""

from django import template

from ..region import request_region

register = template.Library()


@register.simple_tag(takes_context=True)
def site_region(context):
    """The region's organ for the header and footer."""
    return request_region(context.get("request"))
