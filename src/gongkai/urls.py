"""Root URL configuration: public portal at /, staff workspace at /workspace/ (with the staff pages apps
register), the API at /api/v1/, admin at /admin/."""

from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from gongkai import api
from gongkai.workspace.urls import registered_patterns


def favicon(request):
    """/favicon.ico → the SVG icon (resolved per request: the manifest storage exists only after
    collectstatic)."""
    return HttpResponsePermanentRedirect(static("gongkai/favicon.svg"))


urlpatterns = [
    # Browsers and the admin ask for /favicon.ico whatever the page links; send them to the SVG.
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls()),
    path("workspace/", include("gongkai.workspace.urls")),
    path("workspace/", include(registered_patterns())),
    path("ops/", include("gongkai.ops.urls")),
    path("xxgk/", include("gongkai.catalog.public_urls")),
    path("", include("gongkai.applications.public_urls")),
    path("nianbao/", include("gongkai.reports.public_urls")),
    path("", include("gongkai.portal.urls")),
]

# JSON errors under the registered API prefixes, the sites' HTML pages elsewhere.
handler404 = "gongkai.core.http.page_not_found"
