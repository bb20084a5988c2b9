"""The search index, kept current by the services inside their own transaction, on both engines.

SQLite (embedded): FTS5 table `catalog_fts(title, body)`, rowid = entry id, ranked by bm25 (title ×10).
PostgreSQL: stored tsvector `catalog_searchdocument.tsv` ('simple' config over the segmented text, title
weight A, body B) with a GIN index, ranked by ts_rank. Both match every query token (AND) and rank the same
candidates (the newest CANDIDATES matches), so they return the same entries; only the order among equal
matches may differ.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.db import connection

from gongkai.catalog.choices import Disclosure, EntryStatus
from gongkai.catalog.models import Entry, SearchDocument
from gongkai.catalog.sanitize import plain_text
from gongkai.catalog.search.segment import document_tokens, query_tokens

TITLE_WEIGHT = 10.0
CANDIDATES = 200  # the newest matches a search ranks (see `search`): ten pages
WINDOW = 10_000  # PostgreSQL: the newest ids read along the primary key first (see _postgres_candidates)
RARE_ROWS = 2_000  # PostgreSQL: a token in fewer rows (by the statistics) goes to the GIN index directly


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
    total: int  # the entries ranked: every match, or the newest CANDIDATES if `capped`
    ids: list[int] = field(default_factory=list)  # the requested page, ranked
    capped: bool = False  # more than CANDIDATES entries match


def _where(filters: Filters, params: list, alias: str = "d") -> str:
    clauses = []
    if filters.organ_ids is not None:
        clauses.append(f"{alias}.organ_id IN ({','.join(['%s'] * len(filters.organ_ids)) or 'NULL'})")
        params.extend(filters.organ_ids)
    if filters.column_ids is not None:
        clauses.append(f"{alias}.column_id IN ({','.join(['%s'] * len(filters.column_ids)) or 'NULL'})")
        params.extend(filters.column_ids)
    if filters.year is not None:
        clauses.append(f"{alias}.year = %s")
        params.append(filters.year)
    if filters.validity is not None:
        clauses.append(f"{alias}.validity = %s")
        params.append(filters.validity)
    return "".join(f" AND {c}" for c in clauses)


def search(query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0) -> Hits:
    """Entries matching every token of `query`, ranked (title matches first), one page of them.

    Only the newest CANDIDATES matches (by entry id, i.e. order of creation) are ranked: ranking every match
    of a common word reads every matching row on each request (25,000 rows for 机关事务 in a million
    entries, 300 ms). Both engines take the same candidates, so they rank the same set.
    """
    filters = filters or Filters()
    tokens = query_tokens(query)
    if not tokens:
        return Hits(tokens, 0)
    rows = _sqlite_candidates(tokens, filters) if _sqlite() else _postgres_candidates(tokens, filters)
    capped = len(rows) > CANDIDATES  # rows: (entry id, rank), newest first; lower rank sorts first
    rows = sorted(rows[:CANDIDATES], key=lambda row: (row[1], -row[0]))
    return Hits(tokens, len(rows), [row[0] for row in rows[offset : offset + limit]], capped)


def _sqlite_candidates(tokens: list[str], filters: Filters) -> list[tuple[int, float]]:
    # FTS5 walks its doclists in rowid order, so ORDER BY rowid DESC LIMIT stops early by itself.
    params: list = [" ".join(f'"{t}"' for t in tokens)]
    where = _where(filters, params)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.entry_id, bm25(catalog_fts, {TITLE_WEIGHT}, 1.0) "
            "FROM catalog_fts JOIN catalog_searchdocument d ON d.entry_id = catalog_fts.rowid "
            f"WHERE catalog_fts MATCH %s{where} ORDER BY catalog_fts.rowid DESC LIMIT %s",
            [*params, CANDIDATES + 1],
        )
        return cursor.fetchall()


def _postgres_candidates(tokens: list[str], filters: Filters) -> list[tuple[int, float]]:
    """The newest CANDIDATES + 1 matches, in two steps whose cost does not grow with the number of matches.

    A GIN index gives matches in no useful order: the newest N of them cost a read of every matching row.
    So first the newest WINDOW index rows are read backwards along the primary key and filtered (about
    10 ms, whatever the words); a word common enough fills the candidates there. Only if it does not are
    the older rows searched through the GIN index, where the word is by then known to be rare. A query
    with a word the statistics show to be rare goes to the GIN index directly. ts_rank is negated so that,
    as with bm25, lower sorts first.
    """
    wanted = CANDIDATES + 1
    tsquery = " & ".join(f"'{t}'" for t in tokens)
    rows: list[tuple[int, float]] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(entry_id) FROM catalog_searchdocument")
        newest = cursor.fetchone()[0]
        if newest is None:
            return rows
        boundary = newest  # the rows above it have been searched
        if not _rare(cursor, tokens):
            boundary = newest - WINDOW
            params: list = [tsquery, boundary, WINDOW]
            where = _where(filters, params, alias="s")
            cursor.execute(
                "SELECT s.entry_id, -ts_rank(s.tsv, q.q) FROM to_tsquery('simple', %s) q(q), "
                "(SELECT * FROM catalog_searchdocument WHERE entry_id > %s ORDER BY entry_id DESC LIMIT %s) s "
                f"WHERE s.tsv @@ q.q{where} ORDER BY s.entry_id DESC LIMIT %s",
                [*params, wanted],
            )
            rows = cursor.fetchall()
        if len(rows) < wanted and boundary > 0:
            params = [tsquery, boundary]
            where = _where(filters, params)
            cursor.execute(
                "SELECT d.entry_id, -ts_rank(d.tsv, q.q) FROM to_tsquery('simple', %s) q(q), "
                "catalog_searchdocument d WHERE d.tsv @@ q.q AND d.entry_id <= %s"
                f"{where} ORDER BY d.entry_id DESC LIMIT %s",
                [*params, wanted - len(rows)],
            )
            rows += cursor.fetchall()
    return rows


_stats: dict = {"at": -1e9, "rows": 0.0, "freqs": {}, "absent": 1.0}


def _rare(cursor, tokens: list[str]) -> bool:
    """Whether PostgreSQL's statistics of the index (pg_stats, refreshed by ANALYZE; read at most once a
    minute per process) put one of the tokens in at most RARE_ROWS rows. Without statistics (a small or new
    table): no.

    A token missing from `most_common_elems` is rarer than the least common listed one. If the list is not
    full (fewer than 10 × the statistics target), ANALYZE's lossy counting listed every lexeme above its
    cutoff, 9 × lexemes per row / bucket width (ts_typanalyze.c), which bounds a missing token tighter."""
    now = time.monotonic()
    if now - _stats["at"] > 60:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs, "
            "coalesce(nullif(a.attstattarget, -1), current_setting('default_statistics_target')::int) "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tsv' "
            "LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'tsv' "
            "WHERE c.relname = 'catalog_searchdocument' AND c.relkind = 'r'"
        )
        row = cursor.fetchone()
        rows, elems, freqs, target = row if row else (0.0, None, None, 100)
        _stats.update(at=now, rows=max(rows or 0.0, 0.0), freqs={}, absent=1.0)
        if elems and freqs:
            listed = freqs[: len(elems)]  # then the minimum, the maximum and the null fraction
            absent = freqs[-3]
            if len(elems) < 10 * target:
                bucket_width = (10 * target + 10) * 1000 / 7
                absent = min(absent, 9 * sum(listed) / bucket_width)
            _stats.update(freqs=dict(zip(elems, listed, strict=True)), absent=absent)
    if not _stats["freqs"]:
        return False
    share = min(_stats["freqs"].get(t, _stats["absent"]) for t in tokens)
    return share * _stats["rows"] <= RARE_ROWS
