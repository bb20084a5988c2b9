"""Rebuild the whole index in batches, inside one transaction (a failed rebuild leaves the old index)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.catalog import pagecache
from gongkai.catalog.choices import Disclosure, EntryStatus
from gongkai.catalog.models import Entry
from gongkai.catalog.search import index
from gongkai.catalog.selectors import register_validity


def searchable_entries():
    return (
        Entry.objects.filter(status=EntryStatus.PUBLISHED, published_version__disclosure=Disclosure.PROACTIVE)
        .select_related("published_version", "normative_document")
        .order_by("pk")
    )


def documents_for(entries) -> list:
    today = timezone.localdate()
    out = []
    for entry in entries:
        document = getattr(entry, "normative_document", None)
        validity = register_validity(document, today) if document else entry.published_version.validity
        out.append(index.document_for(entry, validity))
    return out


def rebuild(batch: int = 2000) -> int:
    count = 0
    with transaction.atomic():
        index.clear()
        last = 0
        while True:
            chunk = list(searchable_entries().filter(pk__gt=last)[:batch])
            if not chunk:
                break
            index.store(documents_for(chunk))
            count += len(chunk)
            last = chunk[-1].pk
        pagecache.changed()  # the validity shown may have been recomputed
    return count
