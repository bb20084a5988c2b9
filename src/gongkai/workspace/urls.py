"""Staff workspace URLs (mounted at /workspace/). Every view except sign-in requires a signed-in user."""

from django.urls import path

from gongkai.workspace import api, auth, views

app_name = "workspace"

urlpatterns = [
    path("login/", auth.SignInView.as_view(), name="login"),
    path("logout/", auth.SignOutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("audit/", views.audit_search, name="audit"),
    path("o/<slug:slug>/", views.organ_dashboard, name="organ-dashboard"),
    path("o/<slug:slug>/info/", views.organ_detail, name="organ-detail"),
    path("o/<slug:slug>/edit/", views.organ_edit, name="organ-edit"),
    path("api/organs/", api.organ_list, name="api-organs"),
    path("api/organs/<int:pk>/", api.organ_detail, name="api-organ"),
]
