"""Staff URLs, mounted by the workspace at /workspace/o/<slug>/applications/ (namespace "applications"),
each with its permission decision (`core.registry.Decision`). Public pages: `public_urls`."""

from django.urls import path

from gongkai.applications.views import staff
from gongkai.core.registry import Decision

staff_organ_patterns = [
    path("", staff.queue, name="queue"),
    path("new/", staff.intake, name="intake"),
    path("settings/", staff.settings_page, name="settings"),
    path("report/<int:year>/", staff.report, name="report"),
    path("<int:pk>/", staff.case_page, name="case"),
    path("<int:pk>/act/<str:action>/", staff.act, name="act"),
    path("<int:pk>/documents/<int:doc_id>.<str:fmt>", staff.document_file, name="document"),
    path("<int:pk>/attachments/<int:att_id>/", staff.attachment_file, name="attachment"),
]
staff_decisions = {
    "queue": Decision("applications.view"),
    "intake": Decision("applications.handle", ("GET", "POST")),
    "settings": Decision("applications.configure", ("GET", "POST")),
    "report": Decision("applications.view"),
    "case": Decision("applications.view"),
    "act": Decision("applications.handle", ("POST",)),
    "document": Decision("applications.view"),
    "attachment": Decision("applications.view"),
}
