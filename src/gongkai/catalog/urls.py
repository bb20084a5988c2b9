"""The catalogue's URLs: staff pages (mounted by the workspace at /workspace/o/<slug>/catalog/, namespace
"catalog") with their permission decisions, and public pages (namespace "catalog_public", under /xxgk/)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.catalog import feeds
from gongkai.catalog.sitemaps import SITEMAPS
from gongkai.catalog.views import public, staff

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

public_patterns = [
    path("search/", public.search, name="search"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "catalog/public/sitemap.xml"},
        name="sitemap",
    ),
    path("<slug:slug>/", public.organ_index, name="index"),
    path("<slug:slug>/guide/", public.guide, name="guide"),
    path("<slug:slug>/system/", public.system, name="system"),
    path("<slug:slug>/normative/", public.normative, name="normative"),
    path("<slug:slug>/feed/rss/", feeds.EntryFeed(), name="feed-rss"),
    path("<slug:slug>/feed/atom/", feeds.AtomEntryFeed(), name="feed-atom"),
    path("<slug:slug>/c/<slug:key>/", public.column, name="column"),
    path("<slug:slug>/c/<slug:key>/feed/rss/", feeds.EntryFeed(), name="column-feed-rss"),
    path("<slug:slug>/c/<slug:key>/feed/atom/", feeds.AtomEntryFeed(), name="column-feed-atom"),
    path("<slug:slug>/e/<int:pk>/", public.entry, name="entry"),
]
