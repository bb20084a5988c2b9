"""Root URL configuration: public portal at /, staff workspace at /workspace/, admin at /admin/."""

import importlib.util

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("workspace/", include("gongkai.workspace.urls")),
]

# The public portal app is developed in parallel; mount it as soon as it exists.
if importlib.util.find_spec("gongkai.portal.urls") is not None:
    urlpatterns.append(path("", include("gongkai.portal.urls")))

# JSON errors for the API, the sites' HTML pages elsewhere.
handler404 = "gongkai.workspace.api.page_not_found"
