"""Figures that compare organs (the supervisor's charts and scorecard), from each organ's compiled report."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annualreport.model import REVIEW_GROUPS, Report

OUTCOMES = (
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("not_handled", "不予处理"),
    ("other", "其他处理"),
)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class OrganFigures:
    organ: str
    outcomes: dict[str, int]
    denied_rate: float | None  # 不予公开 / 办结, %
    corrected_rate: float | None  # 复议/诉讼 被纠错 / 已审结, %
    appeals: int


def figures(name: str, report: Report) -> OrganFigures:
    results = report.applications.results
    outcomes = dict.fromkeys((key for key, _ in OUTCOMES), 0)
    for path, row in results.leaf_rows():  # "granted", "denied.state_secret", …: summed by group
        outcomes[path.partition(".")[0]] += row.total or 0
    done = results.total.total or 0
    decided = corrected = appeals = 0
    for group in REVIEW_GROUPS:
        node = getattr(report.reviews, group)
        corrected += node.corrected or 0
        decided += (node.upheld or 0) + (node.corrected or 0) + (node.other or 0)
        appeals += node.total or 0
    return OrganFigures(name, outcomes, _share(outcomes["denied"], done), _share(corrected, decided), appeals)


def chart_data(rows: list[OrganFigures]) -> dict:
    """The charts' data (ECharts series), also rendered as the tables beside them."""
    names = [r.organ for r in rows]
    return {
        "outcomes": {
            "title": "依申请公开办理结果（件）",
            "categories": names,
            "series": [{"name": label, "data": [r.outcomes[key] for r in rows]} for key, label in OUTCOMES],
        },
        "denied": {
            "title": "不予公开率（%）",
            "categories": names,
            "series": [{"name": "不予公开率", "data": [r.denied_rate for r in rows]}],
        },
        "corrected": {
            "title": "复议、诉讼被纠错率（%）",
            "categories": names,
            "series": [{"name": "被纠错率", "data": [r.corrected_rate for r in rows]}],
        },
    }


def record_charts(organs, year: int) -> dict:
    """The charts computed from the records rather than from the reports: the overdue rate of replies
    (答复逾期率: answered after the due date / answered in the year) and the proactive entries first
    published in the year by top-level catalogue column (以栏目统计的主动公开信息数)."""
    from gongkai.catalog.selectors import yearly_counts
    from gongkai.reports.scorecard import replied, replies_overdue

    names = [o.name for o in organs]
    rates = []
    for organ in organs:
        rates.append(_share(replies_overdue(organ, year), replied(organ, year)))
    per_organ = [{c.column.title: c.count for c in yearly_counts(o, year).columns} for o in organs]
    columns: list[str] = []
    for counts in per_organ:
        columns += [name for name in counts if name not in columns]
    return {
        "overdue": {
            "title": "答复逾期率（%）",
            "categories": names,
            "series": [{"name": "逾期率", "data": rates}],
        },
        "entries": {
            "title": "本年主动公开信息数（按栏目，条）",
            "categories": names,
            "series": [{"name": c, "data": [counts.get(c, 0) for counts in per_organ]} for c in columns],
        },
    }
