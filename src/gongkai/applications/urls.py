"""URLs: `staff_patterns` (namespace "applications", mounted under /workspace/o/<slug>/applications/) and
`public_patterns` (namespace "applications_public", under the portal)."""

from django.urls import include, path

from gongkai.applications.views import public, staff

staff_patterns = (
    [
        path("", staff.queue, name="queue"),
        path("new/", staff.intake, name="intake"),
        path("settings/", staff.settings_page, name="settings"),
        path("report/<int:year>/", staff.report, name="report"),
        path("<int:pk>/", staff.case_page, name="case"),
        path("<int:pk>/act/<str:action>/", staff.act, name="act"),
        path("<int:pk>/documents/<int:doc_id>.<str:fmt>", staff.document_file, name="document"),
        path("<int:pk>/attachments/<int:att_id>/", staff.attachment_file, name="attachment"),
    ],
    "applications",
)

public_patterns = (
    [
        path("organs/<slug:slug>/apply/new/", public.apply, name="apply"),
        path("organs/<slug:slug>/apply/received/", public.received, name="received"),
        path("apply/lookup/", public.lookup, name="lookup"),
        path("apply/status/<int:pk>/", public.status, name="status"),
        path("apply/status/<int:pk>/documents/<int:doc_id>.pdf", public.document, name="document"),
    ],
    "applications_public",
)

urlpatterns = [
    path("workspace/o/<slug:slug>/applications/", include(staff_patterns)),
    path("", include(public_patterns)),
]
