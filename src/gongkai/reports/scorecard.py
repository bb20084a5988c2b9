"""The scorecard (考核) of the organs an office supervises: indicators computed from the platform's data.

An indicator's definition is data (`data/scorecard.json`, or the office's `ScorecardIndicator` rows): a
metric from `METRICS`, a comparison and threshold, and the points earned when met. A metric that cannot be
computed (no report compiled, say) is None and earns nothing; the page shows it as "—".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.audit.services import record
from gongkai.core.actors import actor_user, require_actor
from gongkai.reports.models import AnnualReport, ScorecardIndicator
from gongkai.reports.permissions import POLICY, Action
from gongkai.reports.verbs import ReportVerb

DATA = Path(__file__).parent / "data" / "scorecard.json"


@dataclass(frozen=True)
class Indicator:
    key: str
    metric: str
    label: str
    comparison: str  # ">=" or "<="
    threshold: int
    points: int
    active: bool = True

    def met(self, value: int | None) -> bool:
        if value is None:
            return False
        return value >= self.threshold if self.comparison == ">=" else value <= self.threshold

    @property
    def condition(self) -> str:
        return f"{'不少于' if self.comparison == '>=' else '不超过'}{self.threshold}"


@cache
def default_indicators() -> tuple[Indicator, ...]:
    return tuple(Indicator(**row) for row in json.loads(DATA.read_text("utf-8"))["indicators"])


def indicators_for(office) -> list[Indicator]:
    rows = ScorecardIndicator.objects.filter(office=office)
    if not rows.exists():
        return list(default_indicators())
    return [Indicator(r.key, r.metric, r.label, r.comparison, r.threshold, r.points, r.active) for r in rows]


# --- metrics: (organ, year) → int | None -------------------------------------------------------------


def published_on_time(organ, year: int) -> int | None:
    """1 if the report's first version was published by the deadline, 0 if late or not yet published."""
    from gongkai.reports.region import deadline

    report = AnnualReport.objects.filter(organ=organ, year=year).first()
    first = report.versions.order_by("number").first() if report else None
    if first is None:
        return 0
    return int(first.published_at.date() <= deadline(organ, year))


def errors_found(organ, year: int) -> int | None:
    """Errors the toolkit's rules find in the organ's current report of the year (None: not compiled)."""
    from gongkai.reports.services import check_report

    report = AnnualReport.objects.filter(organ=organ, year=year).exclude(data={}).first()
    return len(check_report(report).errors) if report else None


def replies_overdue(organ, year: int) -> int:
    """Applications answered in the year after their due date (the case clock, from the events)."""
    return sum(1 for _ in late_replies(organ, year))


def late_replies(organ, year: int):
    from gongkai.applications.clock import case_clock
    from gongkai.applications.models import Application

    cases = Application.objects.filter(
        organ=organ, closed_on__gte=date(year, 1, 1), closed_on__lte=date(year, 12, 31)
    ).prefetch_related("events")
    for case in cases:
        if case_clock(case, case.events.all(), date(year, 12, 31)).late_reply:
            yield case


def replied(organ, year: int) -> int:
    from gongkai.applications.models import Application

    return Application.objects.filter(
        organ=organ, closed_on__gte=date(year, 1, 1), closed_on__lte=date(year, 12, 31)
    ).count()


def corrected_on_appeal(organ, year: int) -> int | None:
    """Table 4's 纠错 cells of the organ's report of the year (its current version, else the draft)."""
    from gongkai.annualreport.model import REVIEW_GROUPS
    from gongkai.reports.services import report_of

    report = AnnualReport.objects.filter(organ=organ, year=year).exclude(data={}).first()
    if report is None:
        return None
    version = report.current_version()
    data = report_of(version or report)
    return sum(getattr(data.reviews, g).corrected or 0 for g in REVIEW_GROUPS)


def entries_published_late(organ, year: int) -> int:
    """Proactive entries first published in the year later than 第二十六条's working days after they were
    made (the catalogue's legal parameter in force on that day)."""
    from django.utils import timezone

    from gongkai.catalog.params import params
    from gongkai.catalog.selectors import yearly_entries
    from gongkai.workdays import Calendar

    calendar = Calendar.shipped()
    late = 0
    for entry in yearly_entries(organ, year):
        made = entry.published_version.generated_on
        due = calendar.add_workdays(made, params(made).publication_workdays)
        if timezone.localdate(entry.first_published_at) > due:
            late += 1
    return late


METRICS = {
    "published_on_time": published_on_time,
    "errors_found": errors_found,
    "replies_overdue": replies_overdue,
    "corrected_on_appeal": corrected_on_appeal,
    "entries_published_late": entries_published_late,
}


@dataclass
class ScoreRow:
    organ: object
    values: list[tuple[Indicator, int | None, bool]]

    @property
    def score(self) -> int:
        return sum(i.points for i, _, met in self.values if met)


def scorecard(office, organs, year: int) -> tuple[list[Indicator], list[ScoreRow]]:
    shown = [i for i in indicators_for(office) if i.active]
    rows = []
    for organ in organs:
        values = []
        for indicator in shown:
            value = METRICS[indicator.metric](organ, year)
            values.append((indicator, value, indicator.met(value)))
        rows.append(ScoreRow(organ, values))
    return shown, rows


def configure(actor, office, key: str, *, points: int, threshold: int, active: bool) -> ScorecardIndicator:
    """The office sets one indicator's points, threshold and whether it counts (the defaults are copied
    into the office's own rows on the first change)."""
    require_actor(actor)
    if not POLICY.allows(actor, Action.REVIEW, office.pk):
        raise PermissionDenied("您没有执行此操作的权限")
    if not 0 <= points <= 100:
        raise ValidationError({"points": ["分值：请填写0到100的整数"]})
    if not -1000 <= threshold <= 100000:
        raise ValidationError({"threshold": ["达标值：超出范围"]})
    with transaction.atomic():
        if not ScorecardIndicator.objects.filter(office=office).exists():
            ScorecardIndicator.objects.bulk_create(
                ScorecardIndicator(
                    office=office,
                    key=d.key,
                    metric=d.metric,
                    label=d.label,
                    comparison=d.comparison,
                    threshold=d.threshold,
                    points=d.points,
                    sort_order=n,
                )
                for n, d in enumerate(default_indicators())
            )
        row = ScorecardIndicator.objects.select_for_update().filter(office=office, key=key).first()
        if row is None:
            raise ValidationError({"key": [f"没有“{key}”这一考核指标"]})
        old = [row.points, row.threshold, row.active]
        row.points, row.threshold, row.active = points, threshold, active
        row.save()
        record(
            ReportVerb.SCORECARD_CONFIGURED,
            actor=actor_user(actor),
            organ=office,
            obj=row,
            changes={"points/threshold/active": [old, [points, threshold, active]]},
        )
    return row
