"""The catalogue's public pages, included at /xxgk/ by the root URL conf (namespace "catalog_public")."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from gongkai.catalog import feeds
from gongkai.catalog.sitemaps import SITEMAPS
from gongkai.catalog.views import public

app_name = "catalog_public"

urlpatterns = [
    path("search/", public.search, name="search"),
    # An index of sections, each paged (?p=) at its Sitemap.limit: a million entries make 200 pages.
    path(
        "sitemap.xml",
        sitemaps.index,
        {
            "sitemaps": SITEMAPS,
            "template_name": "catalog/public/sitemap_index.xml",
            "sitemap_url_name": "catalog_public:sitemap-section",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "catalog/public/sitemap.xml"},
        name="sitemap-section",
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
