"""Template context for the shared layout (base.html)."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string


def site_region(request):
    """`region`: the organ the site is about (header, footer, title), looked up lazily once per request.

    Which organ that is belongs to the organs app; the provider is named by the GONGKAI_SITE_REGION setting
    so that the core imports no domain app.
    """
    provider = import_string(settings.GONGKAI_SITE_REGION)
    return {"region": SimpleLazyObject(lambda: provider(request))}
