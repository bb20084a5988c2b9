"""Root URL configuration: public portal at /, staff workspace at /workspace/, admin at /admin/."""

from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path


def favicon(request):
    """/favicon.ico → the SVG icon (resolved per request: the manifest storage exists only after
    collectstatic)."""
    return HttpResponsePermanentRedirect(static("gongkai/favicon.svg"))


urlpatterns = [
    # Browsers and the admin ask for /favicon.ico whatever the page links; send them to the SVG.
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("workspace/", include("gongkai.workspace.urls")),
    path("", include("gongkai.applications.urls")),
    path("", include("gongkai.portal.urls")),
]

# JSON errors for the API, the sites' HTML pages elsewhere.
handler404 = "gongkai.workspace.api.page_not_found"
