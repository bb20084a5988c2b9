"""Template helpers for portal pages."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def column_url(column, organ) -> str:
    """Where an organ's column entry links: the registering app's public page, else the portal's page."""
    if column.url_name:
        return reverse(column.url_name, kwargs={"slug": organ.slug})
    return reverse("portal:column", kwargs={"slug": organ.slug, "column": column.slug})
