"""The search index: one row per public entry with its filter fields and its segmented text.

The full-text part is engine-specific and created by migration 0002: on SQLite an FTS5 table
`catalog_fts(title, body)` whose rowid is the entry id; on PostgreSQL a stored tsvector column `tsv` over the
segmented text (config 'simple') with a GIN index. `gongkai.catalog.search` keeps both current.
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    entry = models.OneToOneField(
        "catalog.Entry", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    organ = models.ForeignKey("organs.Organ", on_delete=models.CASCADE, related_name="+")
    column = models.ForeignKey("catalog.CatalogColumn", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    validity = models.CharField(max_length=20, blank=True)
    title_tokens = models.TextField()
    body_tokens = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["organ", "year"], name="catalog_search_filter")]

    def __str__(self) -> str:
        return f"检索索引 {self.entry_id}"
