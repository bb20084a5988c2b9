"""RSS and Atom feeds per organ and per column (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalog import selectors
from gongkai.catalog.models import CatalogColumn
from gongkai.organs.models import Organ

ITEMS = 30


class EntryFeed(Feed):
    def get_object(self, request, slug, key=None):
        organ = get_object_or_404(Organ, slug=slug)
        column = None
        if key is not None:
            column = CatalogColumn.objects.filter(organ=organ, key=key, is_active=True).first()
            if column is None:
                raise Http404("没有这个栏目")
        return organ, column

    def title(self, obj):
        organ, column = obj
        return f"{organ.name} 政府信息公开" + (f" · {column.title}" if column else "")

    def link(self, obj):
        organ, column = obj
        if column is not None:
            return reverse("catalog_public:column", kwargs={"slug": organ.slug, "key": column.key})
        return reverse("catalog_public:index", kwargs={"slug": organ.slug})

    def description(self, obj):
        return f"{obj[0].name}主动公开的政府信息"

    def items(self, obj):
        organ, column = obj
        return selectors.public_entries(organ, column)[:ITEMS]

    def item_title(self, item):
        return item.published_version.title

    def item_description(self, item):
        return item.published_version.summary

    def item_link(self, item):
        return reverse("catalog_public:entry", kwargs={"slug": item.organ.slug, "pk": item.pk})

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False


class AtomEntryFeed(EntryFeed):
    feed_type = Atom1Feed
    subtitle = EntryFeed.description
