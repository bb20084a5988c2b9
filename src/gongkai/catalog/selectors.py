"""Read-only queries of the catalogue: the public lists, the staff queue, the register's validity, and the
yearly figures the annual report uses (section 一's 主动公开 paragraph and table 2), each with a drill-down
to the rows it counted.

Public API for the reports app (issue 13):
    yearly_counts(organ, year) -> YearlyCounts          # 主动公开 paragraph: total, by column, by 体裁
    yearly_counts_many(organ_ids, year) -> {id: YearlyCounts}   # the same for many organs, 3 queries in all
    yearly_entries(organ, year, column=None, genre=None) -> QuerySet[Entry]      # its drill-down
    table2_counts(organ, year) -> Table2                # .proactive is annualreport.model.Proactive
    table2_entries(organ, year, key) -> QuerySet        # key: "rules.issued", "normative_documents.in_force", …
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.annualreport.model import Decisions, DocumentCounts, Fees, Proactive
from gongkai.catalog import workflow
from gongkai.catalog.choices import Disclosure, DocumentKind, EntryStatus, Genre, RegisterEventKind, Validity
from gongkai.catalog.choices import VersionState as S
from gongkai.catalog.models import (
    CatalogColumn,
    CatalogSettings,
    Entry,
    EntryVersion,
    NormativeDocument,
    YearFigures,
)
from gongkai.catalog.params import params
from gongkai.workdays import Calendar

# --- columns -------------------------------------------------------------------------------------


def catalog_settings(organ) -> CatalogSettings | None:
    return CatalogSettings.objects.filter(organ=organ).first()


@dataclass
class ColumnNode:
    column: CatalogColumn
    children: list[ColumnNode] = field(default_factory=list)


def column_tree(organ, *, active_only: bool = True) -> list[ColumnNode]:
    columns = CatalogColumn.objects.filter(organ=organ).order_by("sort_order", "id")
    if active_only:
        columns = columns.filter(is_active=True)
    return tree_of(columns)


def tree_of(columns) -> list[ColumnNode]:
    """The tree of `columns`, taken in their order (sort_order, id); a column whose parent is not among them
    is a root."""
    nodes = {c.pk: ColumnNode(c) for c in columns}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.column.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def column_trees(organ_ids, *, active_only: bool = True) -> dict[int, list[ColumnNode]]:
    """`column_tree` of every organ in `organ_ids`, in one query."""
    organ_ids = list(organ_ids)
    columns = CatalogColumn.objects.filter(organ_id__in=organ_ids).order_by("sort_order", "id")
    if active_only:
        columns = columns.filter(is_active=True)
    nodes: dict[int, dict[int, ColumnNode]] = {pk: {} for pk in organ_ids}
    for c in columns:
        nodes[c.organ_id][c.pk] = ColumnNode(c)
    trees: dict[int, list[ColumnNode]] = {pk: [] for pk in organ_ids}
    for pk, own in nodes.items():
        for node in own.values():
            parent = own.get(node.column.parent_id)
            (parent.children if parent else trees[pk]).append(node)
    return trees


def flat_columns(organ, *, active_only: bool = True) -> list[tuple[int, CatalogColumn]]:
    """(depth, column) in tree order, for menus and forms."""
    out: list[tuple[int, CatalogColumn]] = []

    def walk(nodes, depth):
        for node in nodes:
            out.append((depth, node.column))
            walk(node.children, depth + 1)

    walk(column_tree(organ, active_only=active_only), 0)
    return out


def column_ids_under(column: CatalogColumn) -> list[int]:
    """The column and every column below it."""
    ids, frontier = [column.pk], [column.pk]
    while frontier:
        frontier = list(CatalogColumn.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


# --- public entries -------------------------------------------------------------------------------


def public_entries(organ=None, column: CatalogColumn | None = None, *, column_ids=None) -> QuerySet[Entry]:
    """Published, proactively disclosed entries, newest first; `column_ids`, when known, stands for
    column_ids_under(column)."""
    entries = Entry.objects.filter(status=EntryStatus.PUBLISHED).select_related(
        "published_version", "column", "organ"
    )
    if organ is not None:
        entries = entries.filter(organ=organ)
    if column is not None:
        entries = entries.filter(
            column_id__in=column_ids if column_ids is not None else column_ids_under(column)
        )
    return entries.order_by("-first_published_at", "-id")


def public_entry(pk: int, *, related=("column", "organ", "interprets__published_version")) -> Entry | None:
    """A published or withdrawn (its page says so) proactively disclosed entry; `related=()` leaves its
    column, organ and the entry it interprets to the caller (the public page has or fetches them)."""
    found = (
        Entry.objects.select_related("published_version", "normative_document", *related)
        .filter(pk=pk, status__in=(EntryStatus.PUBLISHED, EntryStatus.WITHDRAWN))
        .order_by()[:1]  # one row by primary key: no ORDER BY to build
    )
    entry = next(iter(found), None)
    if entry is None or entry.published_version.disclosure != Disclosure.PROACTIVE:
        return None
    return entry


def public_interpretations(entry: Entry) -> QuerySet[Entry]:
    """The published 政策解读 of `entry`, newest first."""
    return entry.interpretations.filter(status=EntryStatus.PUBLISHED).select_related("published_version")


def interpretation_needed(organ) -> QuerySet[Entry]:
    """Published policy documents of a type the organ says needs a 政策解读, that have none published yet."""
    settings = catalog_settings(organ)
    genres = (
        settings.interpretation_required_genres if settings else list(params().interpretation_required_genres)
    )
    has_one = Entry.objects.filter(interprets=OuterRef("pk"), status=EntryStatus.PUBLISHED)
    return (
        public_entries(organ)
        .filter(published_version__genre__in=genres)
        .exclude(column__kind="interpretation")
        .annotate(has_interpretation=Exists(has_one))
        .filter(has_interpretation=False)
    )


def needs_interpretation(entry: Entry) -> bool:
    return interpretation_needed(entry.organ).filter(pk=entry.pk).exists()


# --- the register ----------------------------------------------------------------------------------


def register_validity(document: NormativeDocument, on: date) -> str:
    if document.issued_on > on:
        return Validity.NONE
    if document.ended_on is not None and document.ended_on <= on:
        return Validity.REPEALED if document.ended_by == RegisterEventKind.REPEALED else Validity.LAPSED
    return Validity.VALID


def in_force_on(queryset: QuerySet[NormativeDocument], on: date) -> QuerySet[NormativeDocument]:
    return queryset.filter(issued_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def register(organ, kind: str | None = None) -> QuerySet[NormativeDocument]:
    documents = NormativeDocument.objects.filter(organ=organ).select_related("entry")
    return documents.filter(kind=kind) if kind else documents


# --- the staff queue ---------------------------------------------------------------------------------


@dataclass
class QueueRow:
    version: EntryVersion
    due: workflow.Due
    next_label: str  # 初审 / 复审 / 终审, or 待提交 / 退回修改


@dataclass
class WithheldRow:
    entry: Entry
    review_due: date
    overdue: bool


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def queue(organ, today: date | None = None) -> tuple[list[QueueRow], list[WithheldRow]]:
    """Open versions with their 第二十六条 deadline (late first), and 不予公开 entries due for re-review."""
    from gongkai.catalog.services.entries import chain_for, round_steps

    today = today or timezone.localdate()
    p = params(today)
    calendar = Calendar.shipped()
    chain = chain_for(organ)
    rows = []
    versions = EntryVersion.objects.filter(entry__organ=organ, state__in=(S.DRAFT, S.IN_REVIEW, S.RETURNED))
    for version in versions.select_related("entry", "entry__column", "author"):
        due = workflow.publication_due(
            version.generated_on,
            today,
            workdays=p.publication_workdays,
            soon=p.due_soon_workdays,
            calendar=calendar,
        )
        if version.state == S.IN_REVIEW:
            done = sum(1 for s in round_steps(version) if s.kind == "approved")
            label = chain[done].label if done < len(chain) else "发布"
        else:
            label = version.get_state_display()
        rows.append(QueueRow(version, due, label))
    order = {"late": 0, "soon": 1, "ok": 2}
    rows.sort(key=lambda r: (order[r.due.state], r.due.due_on, r.version.pk))
    settings = catalog_settings(organ)
    months = settings.withheld_review_months if settings else p.withheld_review_months
    withheld = []
    recorded = Entry.objects.filter(
        organ=organ, status=EntryStatus.RECORDED, published_version__disclosure=Disclosure.WITHHELD
    ).select_related("published_version")
    for entry in recorded.prefetch_related("withheld_reviews"):
        reviews = list(entry.withheld_reviews.all())
        last = (
            timezone.localdate(reviews[-1].reviewed_at) if reviews else timezone.localdate(entry.published_at)
        )
        review_due = add_months(last, months)
        withheld.append(WithheldRow(entry, review_due, review_due <= today))
    withheld.sort(key=lambda r: r.review_due)
    return rows, withheld


# --- yearly figures for the annual report ----------------------------------------------------------


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime(year, 1, 1))
    return start, timezone.make_aware(datetime(year + 1, 1, 1))


def _first_published_in(year: int, **where):
    """Proactively disclosed entries first published in `year` (withdrawn since included), filtered by `where`."""
    start, end = _year_bounds(year)
    return Entry.objects.filter(
        status__in=(EntryStatus.PUBLISHED, EntryStatus.WITHDRAWN),
        published_version__disclosure=Disclosure.PROACTIVE,
        first_published_at__gte=start,
        first_published_at__lt=end,
        **where,
    )


def yearly_entries(organ, year: int, column: CatalogColumn | None = None, genre: str | None = None):
    """The entries section 一 counts for `year`: proactively disclosed information first published in the
    year (those withdrawn since included: they were published), optionally one column (with its
    sub-columns) or one 体裁."""
    entries = _first_published_in(year, organ=organ).select_related("published_version", "column")
    if column is not None:
        entries = entries.filter(column_id__in=column_ids_under(column))
    if genre is not None:
        entries = entries.filter(published_version__genre=genre)
    return entries.order_by("first_published_at", "id")


@dataclass
class ColumnCount:
    column: CatalogColumn
    count: int  # the column's own entries and those of its sub-columns
    children: list[ColumnCount] = field(default_factory=list)


@dataclass
class YearlyCounts:
    organ_id: int
    year: int
    total: int
    columns: list[ColumnCount]  # the tree, top level first; columns with no entry are kept (0)
    genres: dict[str, int]  # Genre value → count (only genres that occur)

    def genre_label(self, value: str) -> str:
        return Genre(value).label

    def sentence(self) -> str:
        """The opening of section 一's 主动公开 paragraph, as the seed reports write it."""
        parts = [f"{c.column.title}{c.count}条" for c in self._leaves_with_entries()]
        tail = f"，其中{'、'.join(parts)}" if parts else ""
        return f"{self.year}年共主动公开政府信息{self.total}条{tail}。"

    def _leaves_with_entries(self) -> list[ColumnCount]:
        out: list[ColumnCount] = []

        def walk(nodes):
            for node in nodes:
                if node.children:
                    walk(node.children)
                elif node.count:
                    out.append(node)

        walk(self.columns)
        return out


def yearly_counts(organ, year: int) -> YearlyCounts:
    entries = yearly_entries(organ, year)
    per_column = dict(entries.order_by().values_list("column_id").annotate(n=Count("id")))
    genres = dict(entries.order_by().values_list("published_version__genre").annotate(n=Count("id")))

    def build(nodes) -> list[ColumnCount]:
        out = []
        for node in nodes:
            children = build(node.children)
            own = per_column.get(node.column.pk, 0)
            out.append(ColumnCount(node.column, own + sum(c.count for c in children), children))
        return out

    columns = build(column_tree(organ, active_only=False))
    return YearlyCounts(organ.pk, year, sum(per_column.values()), columns, genres)


def yearly_counts_many(organ_ids, year: int) -> dict[int, YearlyCounts]:
    """`yearly_counts` of every organ in `organ_ids` in three queries (entries by organ and column, by
    organ and 体裁, and the columns of all the organs), equal to `yearly_counts` organ by organ."""
    ids = list(dict.fromkeys(organ_ids))
    entries = _first_published_in(year, organ_id__in=ids).order_by()
    per_column: dict[int, dict] = {pk: {} for pk in ids}
    for pk, column, n in entries.values_list("organ_id", "column_id").annotate(n=Count("id")):
        per_column[pk][column] = n
    genres: dict[int, dict] = {pk: {} for pk in ids}
    for pk, genre, n in entries.values_list("organ_id", "published_version__genre").annotate(n=Count("id")):
        genres[pk][genre] = n
    trees = column_trees(ids, active_only=False)

    def build(nodes, counts) -> list[ColumnCount]:
        out = []
        for node in nodes:
            children = build(node.children, counts)
            own = counts.get(node.column.pk, 0)
            out.append(ColumnCount(node.column, own + sum(c.count for c in children), children))
        return out

    return {
        pk: YearlyCounts(pk, year, sum(per_column[pk].values()), build(trees[pk], per_column[pk]), genres[pk])
        for pk in ids
    }


@dataclass
class Table2:
    organ_id: int
    year: int
    proactive: Proactive  # the schema's keys: rules / normative_documents {issued, repealed, in_force}, …
    figures_entered: bool  # False: 行政许可/处罚/强制 and 收费 not entered for the year (cells stay blank)


DRILL_KEYS = tuple(
    f"{kind}.{cell}" for kind in DocumentKind.values for cell in ("issued", "repealed", "in_force")
)


def table2_entries(organ, year: int, key: str) -> QuerySet[NormativeDocument]:
    """The register rows behind one table-2 cell: key "rules.issued", "normative_documents.in_force", …"""
    kind, _, cell = key.partition(".")
    if key not in DRILL_KEYS:
        raise KeyError(key)
    documents = NormativeDocument.objects.filter(organ=organ, kind=kind)
    if cell == "issued":
        return documents.filter(issued_on__year=year)
    if cell == "repealed":
        return documents.filter(ended_by=RegisterEventKind.REPEALED, ended_on__year=year)
    return in_force_on(documents, date(year, 12, 31))


def table2_counts(organ, year: int) -> Table2:
    """Table 2 (2021 format) for `organ` and `year`: 规章 and 行政规范性文件 counted from the register (issued in
    the year, repealed in the year, in force on 31 December), decisions and fees from the entered figures."""
    counts = {key: table2_entries(organ, year, key).count() for key in DRILL_KEYS}
    figures = YearFigures.objects.filter(organ=organ, year=year).first()

    def docs(kind):
        return DocumentCounts(
            **{cell: counts[f"{kind}.{cell}"] for cell in ("issued", "repealed", "in_force")}
        )

    proactive = Proactive(
        rules=docs(DocumentKind.RULE),
        normative_documents=docs(DocumentKind.NORMATIVE),
        licensing=Decisions(figures.licensing if figures else None),
        penalty=Decisions(figures.penalty if figures else None),
        coercion=Decisions(figures.coercion if figures else None),
        fees=Fees(float(figures.fees_wan_yuan) if figures else None),
    )
    return Table2(organ.pk, year, proactive, figures is not None)


def register_history(organ, first_year: int, last_year: int) -> dict[int, dict[str, int]]:
    """Per year, the 行政规范性文件 counts (for the register page's summary)."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for year in range(first_year, last_year + 1):
        for key in DRILL_KEYS:
            out[year][key] = table2_entries(organ, year, key).count()
    return dict(out)


def recent_cutoff(days: int = 30) -> datetime:
    return timezone.now() - timedelta(days=days)
