"""The sitemap of published entries and of every organ's catalogue pages."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.catalog import selectors
from gongkai.catalog.models import CatalogColumn


class EntrySitemap(Sitemap):
    limit = 5000
    changefreq = "monthly"

    def items(self):
        return (
            selectors.public_entries()
            .select_related(None)
            .select_related("organ")
            .only("pk", "published_at", "organ__slug")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("catalog_public:entry", kwargs={"slug": item.organ.slug, "pk": item.pk})

    def lastmod(self, item):
        return item.published_at


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return CatalogColumn.objects.filter(is_active=True).select_related("organ").order_by("pk")

    def location(self, item):
        return reverse("catalog_public:column", kwargs={"slug": item.organ.slug, "key": item.key})


SITEMAPS = {"entries": EntrySitemap, "columns": ColumnSitemap}
