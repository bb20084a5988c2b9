"""F1–F11: the form of the report (practice, and 第四十九条 for the deadline).

Blank cells, missing sections, agency/year missing, the year in the title and statistical period,
the table format expected for the year, and the signing/publication date against the year and the
legal deadline (dated data in ``params``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from gongkai.annualreport.formats import expected_format, format_period
from gongkai.annualreport.model import SECTION_KEYS, SECTION_TITLES, TABLE_OF, Report, cell_label

from .params import deadline_rule
from .registry import ALL_FORMATS, TABLE_FORMATS, Context, Emit, rule
from .texts import cn_date, narrative

LIST_MAX = 5  # rows quoted in a blank-cells message before "等"


def _unread(report: Report) -> set[str]:
    return {p.where for p in report.problems}


def _is_unread(path: str, unread: set[str]) -> bool:
    """A cell the reader said it could not read is not "blank": READ reports it instead."""
    return any(path == w or path.startswith(w + ".") for w in unread)


@rule("F1", "error", "单元格空白（空白不等于0）", kind="form", basis="实践", formats=TABLE_FORMATS)
def blank_cells(ctx: Context) -> Iterator[Emit]:
    unread = _unread(ctx.report)
    by_table: dict[str, list[str]] = {}
    for path, value in ctx.report.cells():
        if value is None and not _is_unread(path, unread):
            by_table.setdefault(path.split(".")[0], []).append(path)
    for top, paths in by_table.items():
        table = TABLE_OF[top]
        yield (
            paths,
            f"{table} 单元格空白（空白不等于0，无数据应填0）：{_grouped(paths, table)}，共{len(paths)}个",
        )


def _grouped(paths: list[str], table: str) -> str:
    """Cells grouped by row, "二、上年结转…数量（商业企业、科研机构）", the first few rows only."""
    rows: dict[str, list[str]] = {}
    for path in paths:
        row, _, column = cell_label(path).removeprefix(table + " ").rpartition(" ")
        rows.setdefault(row, []).append(column)
    shown = [
        f"{row}（{'、'.join(cols)}）" if row else "、".join(cols)
        for row, cols in list(rows.items())[:LIST_MAX]
    ]
    return "；".join(shown) + ("等" if len(rows) > LIST_MAX else "")


# Sections two to four are mostly their table: a table that was read means the section is there
# even when no sentence stands beside it (readers leave such a section's text None).
SECTION_TABLES = {
    "proactive": ("proactive", "proactive_2019"),
    "applications": ("applications",),
    "reviews": ("reviews",),
}


def _table_read(report: Report, key: str) -> bool:
    tops = SECTION_TABLES.get(key)
    return bool(tops) and any(v is not None for _, v in report.cells(*tops))


def missing_sections(report: Report) -> list[str]:
    """Keys of the six sections that are absent: no text, and (for 二–四) no table read either."""
    return [k for k in SECTION_KEYS if getattr(report.sections, k) is None and not _table_read(report, k)]


def missing_in(ctx: Context) -> list[str]:
    """:func:`missing_sections` of the checked report, computed once per check (F2 and READ use it)."""
    if "missing_sections" not in ctx.memo:
        ctx.memo["missing_sections"] = missing_sections(ctx.report)
    return ctx.memo["missing_sections"]  # type: ignore[return-value]


@rule("F2", "warning", "缺少报告的组成部分（六部分）", kind="form", basis="条例", formats=TABLE_FORMATS)
def sections_missing(ctx: Context) -> Iterator[Emit]:
    missing = missing_in(ctx)
    if missing:
        titles = "、".join(SECTION_TITLES[k] for k in missing)
        yield [f"sections.{k}" for k in missing], f"未找到以下部分：{titles}"


@rule("F3", "warning", "未写明机关名称", kind="form", basis="实践")
def agency_missing(ctx: Context) -> Iterator[Emit]:
    if not (ctx.report.agency or "").strip():
        yield ["agency"], "报告未写明发布机关名称"


@rule("F4", "warning", "未写明报告年度", kind="form", basis="实践")
def year_missing(ctx: Context) -> Iterator[Emit]:
    if ctx.report.year is None:
        yield ["year"], "报告未写明所报告的年度"


_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
# "统计期限自2023年1月1日起至2023年12月31日止", "统计时限…", "统计数据从…至12月31日" (year once).
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期|数据)[^。\d]{0,8}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。\d]{0,6}?"
    r"(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)


def _period(report: Report) -> tuple[str, str, dt.date, dt.date] | None:
    """(where, text, start, end) of the first statistical period stated in the introduction or a section."""
    for where, text in narrative(report):
        m = _PERIOD.search(text)
        if m:
            a, b, c, d, e, f = (int(g) if g else None for g in m.groups())
            try:
                return where, m.group(0), dt.date(a, b, c), dt.date(d or a, e, f)
            except ValueError:
                return None
    return None


@rule("F5", "error", "标题年度、统计期限与报告年度不一致", kind="form", basis="实践")
def year_coherence(ctx: Context) -> Iterator[Emit]:
    year = ctx.report.year
    if year is None:
        return
    title = ctx.report.title or ""
    m = _TITLE_YEAR.search(title)
    if m and int(m.group(1)) != year:
        yield ["title", "year"], f"标题“{title}”中的年度{m.group(1)}年与报告年度{year}年不一致"
    period = _period(ctx.report)
    if period:
        where, text, start, end = period
        if start.year != year or end.year != year or start > end:  # a part of the year can be right
            yield ["year", where], f"统计期限“{text}”与报告年度{year}年（{year}年1月1日至12月31日）不一致"


@rule("F6", "warning", "报告格式与年度不符（格式过时或超前）", kind="form", basis="实践", formats=ALL_FORMATS)
def outdated_format(ctx: Context) -> Iterator[Emit]:
    year, fmt = ctx.report.year, ctx.report.format
    expected = expected_format(year) if year is not None else None
    used = format_period(fmt or "")
    if expected is None or used is None or expected.format == used.format:
        return
    yield ["format", "year"], f"{year}年度报告应使用{expected.source}，本报告使用的是{used.source}"


_REGION = re.compile(r"(?:省|市|县|区|州|盟|旗|自治区|自治州|自治县)$")


def is_government_report(agency: str | None) -> bool:
    """A government's own report, due by the later deadline: "XX人民政府" itself (not its 办公室/办公厅),
    or a report named after the region alone ("青云谱区2023年政府信息公开工作年度报告").

    When unsure the later deadline is used: a late-publication error must not be a guess.
    """
    name = (agency or "").strip()
    return name.endswith("人民政府") or bool(_REGION.search(name))


@rule("F7", "error", "落款日期早于报告年度结束", kind="form", basis="实践")
def published_too_early(ctx: Context) -> Iterator[Emit]:
    day, year = ctx.report.published_on, ctx.report.year
    if day is not None and year is not None and day <= dt.date(year, 12, 31):
        yield (
            ["published_on", "year"],
            (f"落款日期{cn_date(day)}早于{year}年度结束，应在{year + 1}年1月1日之后"),
        )


@rule("F8", "error", "落款日期晚于法定公布期限", kind="form", basis="条例")
def published_late(ctx: Context) -> Iterator[Emit]:
    day, year = ctx.report.published_on, ctx.report.year
    entry = deadline_rule(year) if year is not None else None
    if day is None or entry is None:
        return
    government = is_government_report(ctx.report.agency)
    month, dom = entry.government if government else entry.department
    due = dt.date(year + 1, month, dom)
    if day > due:
        kind = "本级政府年度报告" if government else "部门年度报告"
        yield ["published_on"], f"落款日期{cn_date(day)}晚于{kind}的公布期限{cn_date(due)}（{entry.source}）"


@rule("F9", "error", "落款日期晚于今天", kind="form", basis="实践")
def published_in_future(ctx: Context) -> Iterator[Emit]:
    day = ctx.report.published_on
    if day is not None and day > ctx.today:
        yield ["published_on"], f"落款日期{cn_date(day)}晚于今天（{cn_date(ctx.today)}）"


@rule("F10", "warning", "未写明落款日期（无法核对是否按期公布）", kind="form", basis="实践")
def date_missing(ctx: Context) -> Iterator[Emit]:
    if ctx.report.published_on is None:
        yield ["published_on"], "报告未写明落款（成文）日期，无法核对是否按期公布"


@rule("F11", "warning", "表三（六）其他处理未按本格式分项填写", kind="form", basis="格式", formats=("2021",))
def other_as_one_row(ctx: Context) -> Iterator[Emit]:
    other = ctx.report.applications.results.other
    if other.no_correction is None and other.fee_unpaid is None:
        yield (
            ["applications.results.other"],
            "表三（六）其他处理按2019年格式只填了一行，2021年格式（国办公开办函〔2021〕30号）应分"
            "“1.申请人无正当理由逾期不补正”“2.申请人逾期未按收费通知要求缴纳费用”“3.其他”三行填写",
        )
