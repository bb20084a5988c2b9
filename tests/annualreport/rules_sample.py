"""A complete, consistent 2021-format report (and its predecessor) for the rule tests to break."""

from __future__ import annotations

import datetime as dt

from gongkai.annualreport.model import Report

TODAY = dt.date(2024, 6, 1)

OVERVIEW = (
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    "2023年，本局主动公开信息56条，其中决策公开10条、执行公开46条。"
    "全年共受理政府信息公开申请7件，均已按期答复。"
    "本局现行有效的行政规范性文件43个，本年制发行政规范性文件6件，废止规范性文件1件。"
)
SECTIONS = {
    "overview": OVERVIEW,
    "proactive": "本年度主动公开情况见下表。",
    "applications": "本年度依申请公开办理情况见下表。",
    "reviews": "本年度发生政府信息公开行政复议2件，其中1件尚未审结。",
    "shortcomings": "一是公开内容还需进一步丰富；二是政策解读形式较为单一，下一步将加强培训。",
    "other_matters": "本年度未收取信息处理费。",
}

TABLE2 = {
    "proactive.rules.issued": 0,
    "proactive.rules.repealed": 0,
    "proactive.rules.in_force": 0,
    "proactive.normative_documents.issued": 6,
    "proactive.normative_documents.repealed": 1,
    "proactive.normative_documents.in_force": 43,
    "proactive.licensing.decisions": 10,
    "proactive.penalty.decisions": 5,
    "proactive.coercion.decisions": 1,
    "proactive.fees.amount_wan_yuan": 0,
}
# Table 3, non-zero cells only (natural_person, commercial_enterprise, total).
TABLE3 = {
    "new": (5, 2, 7),
    "carried_over": (1, 0, 1),
    "results.granted": (3, 1, 4),
    "results.partially_granted": (1, 0, 1),
    "results.unable.not_held": (1, 1, 2),
    "results.total": (5, 2, 7),
    "carried_forward": (1, 0, 1),
}
TABLE4 = {
    "reviews.reconsideration.upheld": 1,
    "reviews.reconsideration.pending": 1,
    "reviews.reconsideration.total": 2,
}


def sample(fmt: str = "2021", year: int = 2023) -> Report:
    """A report every rule passes: all cells filled, sums right, text agreeing with the tables."""
    report = Report.blank(fmt)
    for path, _ in report.cells():
        report.set(path, 0)
    if fmt == "2021":
        for path, value in TABLE2.items():
            report.set(path, value)
    for row, (np_, ce, total) in TABLE3.items():
        base = f"applications.{row}"
        report.set(f"{base}.natural_person", np_)
        report.set(f"{base}.commercial_enterprise", ce)
        report.set(f"{base}.total", total)
    for path, value in TABLE4.items():
        report.set(path, value)
    for key, text in SECTIONS.items():
        setattr(report.sections, key, text.replace("2023", str(year)))
    report.agency = "某某市某某局"
    report.year = year
    report.title = f"某某市某某局{year}年政府信息公开工作年度报告"
    report.published_on = dt.date(year + 1, 1, 20)
    return report


def previous() -> Report:
    """Last year's report: carried_forward matches this year's carried_over; in force 43 = 38 + 6 − 1."""
    report = sample(year=2022)
    report.set("proactive.normative_documents.in_force", 38)
    for section in ("overview", "shortcomings"):
        setattr(report.sections, section, "上年的" + getattr(report.sections, section))
    return report
