"""Staff workspace URLs (mounted at /workspace/). Every view except sign-in requires a signed-in user.

The staff pages of the apps are mounted beside these by `registered_patterns()`, each in its own namespace:
organ pages at /workspace/o/<slug>/<namespace>/…, the others at /workspace/<namespace>/….
"""

from django.urls import include, path

from gongkai.core import registry
from gongkai.workspace import auth, views

app_name = "workspace"

urlpatterns = [
    path("login/", auth.SignInView.as_view(), name="login"),
    path("logout/", auth.SignOutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("audit/", views.audit_search, name="audit"),
    path("o/<slug:slug>/", views.organ_dashboard, name="organ-dashboard"),
    path("o/<slug:slug>/info/", views.organ_detail, name="organ-detail"),
    path("o/<slug:slug>/edit/", views.organ_edit, name="organ-edit"),
]


def registered_patterns() -> list:
    """One include per registered staff namespace (`core.registry.register_staff_urls`)."""
    mounted = []
    for staff in registry.staff_urls():
        patterns = []
        if staff.organ_patterns:
            patterns.append(path(f"o/<slug:slug>/{staff.namespace}/", include(list(staff.organ_patterns))))
        if staff.patterns:
            patterns.append(path(f"{staff.namespace}/", include(list(staff.patterns))))
        mounted.append(path("", include((patterns, staff.namespace))))
    return mounted
