"""The supervising office's view: the status of each organ it supervises for a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.organs.models import Organ, OrganKind
from gongkai.reports.models import AnnualReport, Status
from gongkai.reports.permissions import POLICY, Action

# Legal parameters (条例第五十条): departments report to the government by 31 January, governments publish
# by 31 March. Keyed by the year the rule took effect.
DEADLINES = {2019: {"department": (1, 31), "government": (3, 31)}}


def deadline(organ: Organ, year: int) -> date:
    """The day `organ`'s report for `year` is due (the next year)."""
    # The rule set in force for the year; years before the first one fall back to it (no 500 for odd input).
    rules = DEADLINES[max((k for k in DEADLINES if k <= year + 1), default=min(DEADLINES))]
    month, day = rules["government" if organ.kind == OrganKind.GOVERNMENT else "department"]
    return date(year + 1, month, day)


STATUS_LABELS = {
    "not_started": "未开始",
    "draft": "草稿",
    "returned": "退回修改",
    "checked": "已校验",
    "published": "已发布",
    "published_late": "逾期发布",
}


@dataclass
class StatusRow:
    organ: Organ
    report: AnnualReport | None
    status: str
    due: date

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def organ_status(organ: Organ, report: AnnualReport | None, year: int) -> str:
    if report is None:
        return "not_started"
    first = report.versions.order_by("number").first()
    if first is not None:
        return "published_late" if first.published_at.date() > deadline(organ, year) else "published"
    if report.status == Status.RETURNED:
        return "returned"
    if report.data:
        from gongkai.reports.services import check_report

        return "checked" if check_report(report).publishable else "draft"
    return "draft"


def status_rows(perms, year: int) -> list[StatusRow]:
    ids = POLICY.organ_ids(perms, Action.REVIEW)
    organs = Organ.objects.all() if ids is None else Organ.objects.filter(pk__in=ids)
    reports = {r.organ_id: r for r in AnnualReport.objects.filter(year=year, organ__in=organs)}
    return [
        StatusRow(o, reports.get(o.pk), organ_status(o, reports.get(o.pk), year), deadline(o, year))
        for o in organs.order_by("name")
    ]


def aggregate(reports: list):
    """The region's tables: the cell-by-cell sum of `reports` (toolkit Reports). A cell blank in every
    report stays blank; a blank beside numbers counts as 0."""
    from gongkai.annualreport.model import Report

    total = Report.blank("2021")
    for path, _ in total.cells():
        values = [r.get(path) for r in reports]
        numbers = [v for v in values if v is not None]
        total.set(path, sum(numbers) if numbers else None)
    return total


def region_tables(perms, year: int, organ_ids=None):
    """The sum of the current published versions (else the compiled drafts) of the supervised organs."""
    from gongkai.reports.services import report_of

    ids = POLICY.organ_ids(perms, Action.REVIEW) if organ_ids is None else organ_ids
    qs = AnnualReport.objects.filter(year=year).exclude(data={})
    if ids is not None:
        qs = qs.filter(organ_id__in=ids)
    parts = []
    for report in qs.select_related("organ"):
        version = report.current_version()
        parts.append(report_of(version) if version else report_of(report))
    return aggregate(parts), parts
