"""Queries of the casework: the work queue, one case with its timeline and clock, and the annual-report
counts the reports app compiles tables 3 and 4 from.

Public contract for the annual report (issue 13):
- `table3_counts(organ, year) -> dict`: the schema's `applications` object (keys of
  annual-report.schema.json / `gongkai.annualreport.model.Applications`), every cell an int;
- `table3_cases(organ, year, row, column) -> QuerySet[Application]`: the applications behind one cell
  (`row` a dotted key below `applications`, e.g. "results.denied.third_party_rights"; `column` an applicant
  column or "total");
- `table4_counts(organ, year) -> dict`: the schema's `reviews` object, by each case's state at year end;
- `table4_cases(organ, year, group, column) -> QuerySet[Appeal]`.
A case counts in the year of its lawful date of receipt (一、本年新收) and in the year of its first closure
(三、办理结果); between them it is 结转 (四) at each year end and 上年结转 (二) the next year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from django.db.models import Case, Count, DateField, F, Q, QuerySet, Value, When

from gongkai.annualreport.model import APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, Results
from gongkai.applications.choices import CLOSED_STATUSES, AppealResult, Status
from gongkai.applications.clock import CaseClock, case_clock
from gongkai.applications.models import Appeal, Application, ApplicationEvent
from gongkai.applications.permissions import CaseAction, cases_for
from gongkai.workdays import Calendar

COLUMNS = tuple(c for c in APPLICANT_COLUMNS if c != "total")
RESULT_ROWS = tuple(path for path, _ in Results().leaf_rows())


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _row_filter(row: str, year: int) -> Q:
    first, last = _year_bounds(year)
    if row == "new":
        return Q(received_on__gte=first, received_on__lte=last)
    if row == "carried_over":
        return Q(received_on__lt=first) & (Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    if row == "carried_forward":
        return Q(received_on__lte=last) & (Q(closed_on__isnull=True) | Q(closed_on__gt=last))
    if row == "results.total":
        return Q(closed_on__gte=first, closed_on__lte=last)
    if row.startswith("results.") and row[len("results.") :] in RESULT_ROWS:
        # The outcome first: in the grouped counts (`reports.compile.table3_by_organ`, one FILTER per row)
        # most rows fail it, and PostgreSQL then skips the two date comparisons.
        return Q(outcome=row[len("results.") :]) & Q(closed_on__gte=first, closed_on__lte=last)
    raise ValueError(f"表三没有“{row}”这一行")


def _counted(organ) -> QuerySet:
    # Never received (待确认, or withdrawn before confirmation) is not an application of the year.
    return Application.objects.filter(organ=organ, received_on__isnull=False)


def _by_column(qs: QuerySet) -> dict[str, int]:
    counts = dict.fromkeys(COLUMNS, 0)
    for kind, n in qs.values_list("applicant_kind").annotate(n=Count("id")).order_by():
        counts[kind] = n
    counts["total"] = sum(counts[c] for c in COLUMNS)
    return counts


def table3_counts(organ, year: int) -> dict:
    """Table 3 of `organ`'s `year` as the schema's `applications` object, every cell an int."""
    base = _counted(organ)
    results: dict = {}
    for path in RESULT_ROWS:
        counts = _by_column(base.filter(_row_filter(f"results.{path}", year)))
        group, _, leaf = path.partition(".")
        if leaf:
            results.setdefault(group, {})[leaf] = counts
        else:
            results[group] = counts
    results["total"] = _by_column(base.filter(_row_filter("results.total", year)))
    return {
        "new": _by_column(base.filter(_row_filter("new", year))),
        "carried_over": _by_column(base.filter(_row_filter("carried_over", year))),
        "results": results,
        "carried_forward": _by_column(base.filter(_row_filter("carried_forward", year))),
    }


def table3_cases(organ, year: int, row: str, column: str = "total") -> QuerySet:
    """The applications behind one cell of table 3 (drill-down)."""
    qs = _counted(organ).filter(_row_filter(row, year))
    if column != "total":
        if column not in COLUMNS:
            raise ValueError(f"表三没有“{column}”这一列")
        qs = qs.filter(applicant_kind=column)
    return qs.order_by("received_on", "number_seq")


def _appeal_state(year: int) -> tuple[Q, dict[str, Q]]:
    first, last = _year_bounds(year)
    counted = Q(filed_on__lte=last) & (Q(decided_on__isnull=True) | Q(decided_on__gte=first))
    decided = Q(decided_on__isnull=False, decided_on__lte=last)
    states = {
        "upheld": decided & Q(result=AppealResult.UPHELD),
        "corrected": decided & Q(result=AppealResult.CORRECTED),
        "other": decided & Q(result=AppealResult.OTHER),
        "pending": Q(decided_on__isnull=True) | Q(decided_on__gt=last),
    }
    return counted, states


def table4_counts(organ, year: int) -> dict:
    """Table 4 as the schema's `reviews` object: cases filed by year end and not decided before the year,
    by their state on 31 December (decided in the year → its result; otherwise 尚未审结)."""
    counted, states = _appeal_state(year)
    base = Appeal.objects.filter(application__organ=organ).filter(counted)
    out = {}
    for group in REVIEW_GROUPS:
        qs = base.filter(kind=group)
        cells = {col: qs.filter(states[col]).count() for col in REVIEW_COLUMNS if col != "total"}
        cells["total"] = sum(cells.values())
        out[group] = cells
    return out


def table4_cases(organ, year: int, group: str, column: str = "total") -> QuerySet:
    if group not in REVIEW_GROUPS or column not in REVIEW_COLUMNS:
        raise ValueError(f"表四没有“{group}/{column}”")
    counted, states = _appeal_state(year)
    qs = Appeal.objects.filter(application__organ=organ, kind=group).filter(counted)
    return qs if column == "total" else qs.filter(states[column])


# --- the work queue and the case page ----------------------------------------------------------------


def queue_cases(
    perms,
    organ,
    as_of: date,
    *,
    status: str = "",
    outcome: str = "",
    clerk_id: int | None = None,
    channel: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
    open_only: bool = True,
) -> QueueRows:
    """The organ's cases, most urgent first (overdue, then fewest working days left, then cases without a
    running clock), as a lazy sequence: the ordering and paging run in SQL on the derived sort key
    (`Application.clock_due` / `clock_stopped_left`), and clocks are computed only for the rows taken."""
    qs = cases_for(perms, CaseAction.VIEW).filter(organ=organ)
    if status:
        qs = qs.filter(status=status)
    elif open_only:
        # The open statuses listed (not the closed ones excluded), so the (organ, status) index selects them.
        qs = qs.filter(status__in=sorted(set(Status) - CLOSED_STATUSES))
    if outcome:
        qs = qs.filter(outcome=outcome)
    if clerk_id:
        qs = qs.filter(clerk_id=clerk_id)
    if channel:
        qs = qs.filter(channel=channel)
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    return QueueRows(qs, as_of)


def queue(perms, organ, as_of: date, **filters) -> list[tuple[Application, CaseClock]]:
    """Every case of `queue_cases` (up to QUEUE_LIMIT) with its clock, most urgent first."""
    return queue_cases(perms, organ, as_of, **filters)[:QUEUE_LIMIT]


def _urgency_ordered(qs: QuerySet, as_of: date) -> QuerySet:
    """Order by the due date as of `as_of`: a running clock's stored due date; a stopped clock's is
    `as_of` plus its constant working days left (one CASE arm per distinct value, a handful)."""
    calendar = _calendar()
    lefts = sorted(
        set(qs.filter(clock_stopped_left__isnull=False).values_list("clock_stopped_left", flat=True))
    )
    whens = [When(clock_stopped_left=n, then=Value(calendar.add_workdays(as_of, n))) for n in lefts]
    key = Case(*whens, default=F("clock_due"), output_field=DateField()) if whens else F("clock_due")
    return qs.annotate(urgency_due=key).order_by(F("urgency_due").asc(nulls_last=True), "submitted_at", "id")


class QueueRows(Sequence):
    """A work queue, ordered by urgency in SQL; indexing or slicing loads only those cases, their events
    and their clocks. `len()` is one COUNT."""

    def __init__(self, qs: QuerySet, as_of: date):
        self._qs, self._as_of, self._count = qs, as_of, None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._qs.count()
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            if index.step not in (None, 1) or (index.start or 0) < 0 or (index.stop or 0) < 0:
                return list(self)[index]
            return self._rows(index.start or 0, index.stop)
        if index < 0:
            index += len(self)
        rows = self._rows(index, index + 1)
        if not rows:
            raise IndexError(index)
        return rows[0]

    def __iter__(self):
        return iter(self._rows(0, None))

    def _rows(self, start: int, stop: int | None) -> list[tuple[Application, CaseClock]]:
        qs = _urgency_ordered(self._qs, self._as_of).select_related("applicant", "clerk").only(*QUEUE_FIELDS)
        cases = list(qs[start:stop])
        events = events_by_case([case.pk for case in cases])
        return [(case, case_clock(case, events.get(case.pk, ()), self._as_of)) for case in cases]


@lru_cache(maxsize=1)
def _calendar() -> Calendar:
    return Calendar.shipped()  # the calendar `compute` counts with


# What the queue shows and the clock needs: no description, no personal data beyond the name.
QUEUE_FIELDS = (
    "organ_id",
    "number",
    "number_seq",
    "status",
    "channel",
    "submitted_at",
    "received_on",
    "outcome",
    "clerk_id",
    "clock_due",
    "clock_stopped_left",
    "applicant__name",
    "applicant__application_id",
    "clerk__username",
    "clerk__first_name",
    "clerk__last_name",
)
QUEUE_LIMIT = 5000


class EventRow(NamedTuple):
    """The columns of a case event the clock reads (cheaper than model instances for a whole queue)."""

    pk: int
    kind: str
    on: date
    days: int | None
    data: dict


def events_by_case(case_ids: list[int]) -> dict[int, list[EventRow]]:
    out: dict[int, list[EventRow]] = {}
    if not case_ids:
        return out
    rows = ApplicationEvent.objects.filter(application_id__in=case_ids).order_by("on", "id")
    for case_id, *values in rows.values_list("application_id", "id", "kind", "on", "days", "data"):
        out.setdefault(case_id, []).append(EventRow(*values))
    return out


def case_detail(perms, case_id: int):
    """One case the user may view (404 otherwise), with applicant, events, documents and appeals loaded."""
    from django.http import Http404

    case = (
        cases_for(perms, CaseAction.VIEW)
        .select_related("organ", "applicant", "clerk", "forwarded_from")
        .prefetch_related("events", "documents", "appeals", "attachments")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404("未找到该申请")
    return case


def due_digest(organ, as_of: date) -> list[tuple[Application, CaseClock]]:
    """Cases of `organ` due soon or overdue on `as_of` (the morning digest)."""
    qs = (
        Application.objects.filter(organ=organ)
        .exclude(status__in=[Status.CLOSED, Status.WITHDRAWN, Status.FORWARDED, Status.PENDING])
        .select_related("clerk")
        .prefetch_related("events")
    )
    rows = [(case, case_clock(case, case.events.all(), as_of)) for case in qs]
    rows = [row for row in rows if row[1].overdue or row[1].due_soon]
    rows.sort(key=lambda row: row[1].urgency())
    return rows
