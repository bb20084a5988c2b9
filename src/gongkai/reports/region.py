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


def draft_region_sections(total, root: Organ, year: int, organs: int):
    """The region report's narrative, from the sums (the organs' own work is in their own reports)."""
    from gongkai.annualreport.model import REVIEW_GROUPS, Sections

    apps = total.applications
    new, done, forward = apps.new.total or 0, apps.results.total.total or 0, apps.carried_forward.total or 0
    granted, partly = apps.results.granted.total or 0, apps.results.partially_granted.total or 0
    appeals = sum(getattr(total.reviews, g).total or 0 for g in REVIEW_GROUPS)
    corrected = sum(getattr(total.reviews, g).corrected or 0 for g in REVIEW_GROUPS)
    fees = total.proactive.fees.amount_wan_yuan if total.proactive else None
    overview = "\n".join(
        [
            f"{year}年，{root.name}认真贯彻落实《中华人民共和国政府信息公开条例》，统筹推进本地区政府信息公开工作。"
            f"本报告汇总了本级政府及所属{organs}个机关的年度报告数据。",
            "（一）主动公开。各机关通过政府门户网站政府信息公开专栏主动公开政府信息，具体情况见下表。",
            f"（二）依申请公开。本年度全地区新收政府信息公开申请{new}件，办结{done}件，"
            f"其中予以公开{granted}件、部分公开{partly}件。结转下年度继续办理{forward}件。",
            "（三）政府信息管理。组织各机关更新政府信息公开指南和目录，规范政府信息管理。",
            "（四）平台建设。依托政府门户网站政府信息公开专栏集中发布政府信息。",
            "（五）监督保障。对各机关年度报告进行审核，督促问题整改。",
        ]
    )
    review_text = (
        f"本年度全地区因政府信息公开被申请行政复议、提起行政诉讼共{appeals}件，其中被纠错{corrected}件。"
        if appeals
        else "本年度全地区未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。"
    )
    return Sections(
        overview=overview,
        proactive="主动公开政府信息情况见下表。",
        applications="收到和处理政府信息公开申请情况见下表。",
        reviews=review_text + "具体情况见下表。",
        shortcomings="（请填写本年度政府信息公开工作存在的主要问题及改进情况。）",
        other_matters=f"本年度全地区收取信息处理费{fees}万元。" if fees else "本年度全地区未收取信息处理费。",
    )
