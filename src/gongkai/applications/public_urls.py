"""Public pages of the casework (namespace "applications-public"), included once by the root URL conf."""

from django.urls import path

from gongkai.applications.views import public

app_name = "applications-public"

urlpatterns = [
    path("organs/<slug:slug>/apply/new/", public.apply, name="apply"),
    path("organs/<slug:slug>/apply/received/", public.received, name="received"),
    path("apply/lookup/", public.lookup, name="lookup"),
    path("apply/status/<int:pk>/", public.status, name="status"),
    path("apply/status/<int:pk>/documents/<int:doc_id>.pdf", public.document, name="document"),
]
