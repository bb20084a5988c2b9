"""The search index, kept current by the services inside their own transaction, on both engines.

SQLite (embedded): FTS5 table `catalog_fts(title, body)`, rowid = entry id, ranked by bm25 (title ×10).
PostgreSQL: stored tsvector `catalog_searchdocument.tsv` ('simple' config over the segmented text, title
weight A, body B) with a GIN index, ranked by ts_rank. Both match every query token (AND), so they return the
same entries; only the order among equal matches may differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from gongkai.catalog.choices import Disclosure, EntryStatus
from gongkai.catalog.models import Entry, SearchDocument
from gongkai.catalog.sanitize import plain_text
from gongkai.catalog.search.segment import document_tokens, query_tokens

TITLE_WEIGHT = 10.0


def _sqlite() -> bool:
    return connection.vendor == "sqlite"


def is_searchable(entry: Entry) -> bool:
    version = entry.published_version
    return (
        entry.status == EntryStatus.PUBLISHED
        and version is not None
        and version.disclosure == Disclosure.PROACTIVE
    )


def document_for(entry: Entry, validity: str) -> SearchDocument:
    version = entry.published_version
    title = " ".join(filter(None, [version.title, version.doc_number, entry.index_number or ""]))
    body = " ".join(filter(None, [version.summary, plain_text(version.body), version.subject]))
    return SearchDocument(
        entry=entry,
        organ_id=entry.organ_id,
        column_id=entry.column_id,
        year=version.generated_on.year,
        validity=validity,
        title_tokens=document_tokens(title),
        body_tokens=document_tokens(body),
    )


def index_entry(entry: Entry, validity: str = "") -> None:
    """Put `entry` in the index (or take it out if it is no longer public). Call inside the transaction."""
    remove_entry(entry.pk)
    if is_searchable(entry):
        store([document_for(entry, validity or entry.published_version.validity)])


def store(documents: list[SearchDocument]) -> None:
    """Insert new index rows (bulk: the demo loader and the rebuild command use this)."""
    if not documents:
        return
    SearchDocument.objects.bulk_create(documents, batch_size=2000)
    if _sqlite():
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO catalog_fts(rowid, title, body) VALUES (%s, %s, %s)",
                [(d.entry_id, d.title_tokens, d.body_tokens) for d in documents],
            )


def remove_entry(entry_id: int) -> None:
    SearchDocument.objects.filter(entry_id=entry_id).delete()
    if _sqlite():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_fts WHERE rowid = %s", [entry_id])


def clear() -> None:
    SearchDocument.objects.all().delete()
    if _sqlite():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_fts")


@dataclass
class Filters:
    organ_ids: list[int] | None = None  # None: the whole region
    column_ids: list[int] | None = None
    year: int | None = None
    validity: str | None = None


@dataclass
class Hits:
    tokens: list[str]
    total: int
    ids: list[int] = field(default_factory=list)  # ranked


def _where(filters: Filters, params: list) -> str:
    clauses = []
    if filters.organ_ids is not None:
        clauses.append(f"d.organ_id IN ({','.join(['%s'] * len(filters.organ_ids)) or 'NULL'})")
        params.extend(filters.organ_ids)
    if filters.column_ids is not None:
        clauses.append(f"d.column_id IN ({','.join(['%s'] * len(filters.column_ids)) or 'NULL'})")
        params.extend(filters.column_ids)
    if filters.year is not None:
        clauses.append("d.year = %s")
        params.append(filters.year)
    if filters.validity is not None:
        clauses.append("d.validity = %s")
        params.append(filters.validity)
    return "".join(f" AND {c}" for c in clauses)


def search(query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0) -> Hits:
    filters = filters or Filters()
    tokens = query_tokens(query)
    if not tokens:
        return Hits(tokens, 0)
    params: list = []
    if _sqlite():
        match = " ".join(f'"{t}"' for t in tokens)
        params.append(match)
        where = _where(filters, params)
        base = (
            "FROM catalog_fts JOIN catalog_searchdocument d ON d.entry_id = catalog_fts.rowid "
            f"WHERE catalog_fts MATCH %s{where}"
        )
        rank = f"bm25(catalog_fts, {TITLE_WEIGHT}, 1.0)"
        ranked = f"SELECT d.entry_id {base} ORDER BY {rank}, d.entry_id DESC LIMIT %s OFFSET %s"
    else:
        tsquery = " & ".join(f"'{t}'" for t in tokens)
        params.append(tsquery)
        where = _where(filters, params)
        base = "FROM catalog_searchdocument d WHERE d.tsv @@ to_tsquery('simple', %s)" + where
        ranked = (
            f"SELECT d.entry_id {base} ORDER BY ts_rank(d.tsv, to_tsquery('simple', %s)) DESC, "
            "d.entry_id DESC LIMIT %s OFFSET %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {base}", params)
        total = cursor.fetchone()[0]
        extra = [tsquery] if not _sqlite() else []
        cursor.execute(ranked, [*params, *extra, limit, offset])
        ids = [row[0] for row in cursor.fetchall()]
    return Hits(tokens, total, ids)
