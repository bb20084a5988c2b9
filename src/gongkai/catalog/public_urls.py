"""The catalogue's public pages, included at /xxgk/ by the root URL conf (namespace "catalog_public")."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from gongkai.catalog import feeds, pagecache
from gongkai.catalog.sitemaps import SITEMAPS
from gongkai.catalog.views import public

app_name = "catalog_public"

# Anonymous copies of these are cached (pagecache): the feeds read no parameter, the sitemaps their page ?p=.
_feed = pagecache.cached()(feeds.EntryFeed())
_atom = pagecache.cached()(feeds.AtomEntryFeed())
_sitemap_index = pagecache.cached("p")(sitemaps.index)
_sitemap = pagecache.cached("p")(sitemaps.sitemap)

urlpatterns = [
    path("search/", public.search, name="search"),
    # An index of sections, each paged (?p=) at its Sitemap.limit: a million entries make 200 pages.
    path(
        "sitemap.xml",
        _sitemap_index,
        {
            "sitemaps": SITEMAPS,
            "template_name": "catalog/public/sitemap_index.xml",
            "sitemap_url_name": "catalog_public:sitemap-section",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        _sitemap,
        {"sitemaps": SITEMAPS, "template_name": "catalog/public/sitemap.xml"},
        name="sitemap-section",
    ),
    path("<slug:slug>/", public.organ_index, name="index"),
    path("<slug:slug>/guide/", public.guide, name="guide"),
    path("<slug:slug>/system/", public.system, name="system"),
    path("<slug:slug>/normative/", public.normative, name="normative"),
    path("<slug:slug>/feed/rss/", _feed, name="feed-rss"),
    path("<slug:slug>/feed/atom/", _atom, name="feed-atom"),
    path("<slug:slug>/c/<slug:key>/", public.column, name="column"),
    path("<slug:slug>/c/<slug:key>/feed/rss/", _feed, name="column-feed-rss"),
    path("<slug:slug>/c/<slug:key>/feed/atom/", _atom, name="column-feed-atom"),
    path("<slug:slug>/e/<int:pk>/", public.entry, name="entry"),
]
