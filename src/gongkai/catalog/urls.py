"""The catalogue's staff pages, mounted by the workspace at /workspace/o/<slug>/catalog/ (namespace "catalog");
their permission decisions are in `wiring`. Public pages: `public_urls`."""

from django.urls import path

from gongkai.catalog.views import staff

organ_patterns = [
    path("", staff.home, name="home"),
    path("setup/", staff.setup, name="setup"),
    path("entries/", staff.entry_list, name="entries"),
    path("entries/new/", staff.entry_new, name="entry-new"),
    path("entries/<int:pk>/", staff.entry_detail, name="entry"),
    path("entries/<int:pk>/edit/", staff.entry_edit, name="entry-edit"),
    path("entries/<int:pk>/attach/", staff.attachment_upload, name="entry-attach"),
    path("entries/<int:pk>/do/<slug:action>/", staff.entry_action, name="entry-action"),
    path("columns/", staff.columns, name="columns"),
    path("settings/", staff.settings_edit, name="settings"),
    path("guide/", staff.guide_edit, name="guide"),
    path("register/", staff.register_list, name="register"),
    path("register/<int:pk>/event/", staff.register_event, name="register-event"),
    path("register/cleanup/", staff.cleanup_new, name="cleanup"),
    path("figures/", staff.figures, name="figures"),
    path("yearly/", staff.yearly, name="yearly"),
]
