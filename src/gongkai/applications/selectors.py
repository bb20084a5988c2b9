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

from datetime import date

from django.db.models import Count, Q, QuerySet

from gongkai.annualreport.model import APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, Results
from gongkai.applications.choices import AppealResult, Status
from gongkai.applications.clock import CaseClock, case_clock
from gongkai.applications.models import Appeal, Application
from gongkai.applications.permissions import CaseAction, cases_for

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
        return Q(closed_on__gte=first, closed_on__lte=last, outcome=row[len("results.") :])
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


def queue(
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
) -> list[tuple[Application, CaseClock]]:
    """The organ's cases with their clocks, most urgent first (overdue, then fewest days left)."""
    qs = cases_for(perms, CaseAction.VIEW).filter(organ=organ)
    if status:
        qs = qs.filter(status=status)
    elif open_only:
        qs = qs.exclude(status__in=[Status.CLOSED, Status.WITHDRAWN, Status.FORWARDED])
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
    cases = list(qs.select_related("applicant", "clerk").prefetch_related("events")[:2000])
    rows = [(case, case_clock(case, case.events.all(), as_of)) for case in cases]
    rows.sort(key=lambda row: (*row[1].urgency(), row[0].submitted_at))
    return rows


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
