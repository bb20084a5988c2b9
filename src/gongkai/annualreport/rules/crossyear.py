"""X0–X5: this year's report against last year's (practice), run only when ``previous`` is given.

X0 first: another organ's report is no "previous year" at all, so X1, X2, X4 and X5 then stay silent
(as they do when X3 finds the years not consecutive): comparing two organs' figures would only mislead."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.annualreport.model import (
    APPLICANT_COLUMN_LABELS,
    APPLICANT_COLUMNS,
    SECTION_KEYS,
    SECTION_TITLES,
)

from .registry import ALL_FORMATS, TABLE_FORMATS, Context, Emit, rule

COPIED_MIN_CHARS = 30  # shorter sections ("无。") are the same every year for good reason


def _consecutive(ctx: Context) -> bool:
    prev = ctx.previous
    return prev is not None and prev.year is not None and ctx.report.year == prev.year + 1


def _organ(name: str | None) -> str:
    return re.sub(r"\s+", "", name or "")


def _other_organ(ctx: Context) -> bool:
    """Both reports name their organ, and the names differ (whitespace aside)."""
    prev = ctx.previous
    if prev is None:
        return False
    now, last = _organ(ctx.report.agency), _organ(prev.agency)
    return bool(now and last) and now != last


@rule(
    "X0",
    "error",
    "上年报告的机关与本报告不一致",
    kind="cross-year",
    basis="实践",
    formats=ALL_FORMATS,
    needs_previous=True,
)
def same_organ(ctx: Context) -> Iterator[Emit]:
    if _other_organ(ctx):
        yield (
            ["agency"],
            f"本报告机关为“{ctx.report.agency}”，所给上年报告机关为“{ctx.previous.agency}”，"
            "不是同一机关，未做跨年度核对",
        )


@rule(
    "X1",
    "error",
    "二、上年结转=上年报告四、结转下年度",
    kind="cross-year",
    basis="实践",
    formats=TABLE_FORMATS,
    needs_previous=True,
)
def carried_over(ctx: Context) -> Iterator[Emit]:
    prev = ctx.previous
    if prev is None or prev.format not in TABLE_FORMATS or ctx.report.year is None or _other_organ(ctx):
        return
    if prev.year is not None and not _consecutive(ctx):
        return  # X3 reports the mismatch; comparing other years' rows would mislead
    for c in APPLICANT_COLUMNS:
        this = ctx.report.get(f"applications.carried_over.{c}")
        last = prev.get(f"applications.carried_forward.{c}")
        if this is not None and last is not None and this != last:
            yield (
                [f"applications.carried_over.{c}"],
                (
                    f"表三 {APPLICANT_COLUMN_LABELS[c]}列：二、上年结转={this}，"
                    f"上年报告 四、结转下年度继续办理={last}"
                ),
            )


_DOCS = {"rules": "规章", "normative_documents": "行政规范性文件"}


@rule(
    "X2",
    "warning",
    "现行有效=上年现行有效+本年制发−本年废止",
    kind="cross-year",
    basis="实践",
    formats=("2021",),
    needs_previous=True,
)
def in_force(ctx: Context) -> Iterator[Emit]:
    prev = ctx.previous
    if prev is None or prev.proactive is None or ctx.report.proactive is None or not _consecutive(ctx):
        return
    if _other_organ(ctx):
        return
    for key, name in _DOCS.items():
        now = getattr(ctx.report.proactive, key)
        last = getattr(prev.proactive, key).in_force
        values = (now.in_force, last, now.issued, now.repealed)
        if any(v is None for v in values):
            continue
        expected = last + now.issued - now.repealed
        if now.in_force != expected:
            base = f"proactive.{key}"
            yield (
                [f"{base}.in_force", f"{base}.issued", f"{base}.repealed"],
                (
                    f"表二 {name} 现行有效件数={now.in_force}，上年现行有效{last}+本年制发{now.issued}"
                    f"−本年废止{now.repealed}={expected}（修改、到期失效也会造成差异，请核实）"
                ),
            )


@rule(
    "X3",
    "error",
    "本年年度=上年报告年度+1",
    kind="cross-year",
    basis="实践",
    formats=ALL_FORMATS,
    needs_previous=True,
)
def year_follows(ctx: Context) -> Iterator[Emit]:
    prev = ctx.previous
    year = ctx.report.year
    if prev is None or prev.year is None or year is None or year == prev.year + 1:
        return
    yield ["year"], f"本报告年度为{year}年，所给上年报告年度为{prev.year}年，应为{year - 1}年"


def _normalise(text: str) -> str:
    """Whitespace removed and years masked: a text copied with only the year changed is still copied."""
    return re.sub(r"\d{4}(?=\s*年)", "YYYY", re.sub(r"\s+", "", text))


@rule(
    "X4",
    "warning",
    "正文与上年报告雷同",
    kind="cross-year",
    basis="实践",
    formats=ALL_FORMATS,
    needs_previous=True,
)
def copied_text(ctx: Context) -> Iterator[Emit]:
    prev = ctx.previous
    if prev is None or _other_organ(ctx):
        return
    for key in SECTION_KEYS:
        now, last = getattr(ctx.report.sections, key), getattr(prev.sections, key)
        if not now or not last:
            continue
        text = _normalise(now)
        if len(text) >= COPIED_MIN_CHARS and text == _normalise(last):
            yield (
                [f"sections.{key}"],
                f"“{SECTION_TITLES[key]}”与上年报告相同（仅年份不同或完全相同），疑为照搬",
            )


_ITEMS_2019 = {
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
}


@rule(
    "X5",
    "warning",
    "2019年格式：上一年项目数量=上年报告的上一年项目数量+本年增/减",
    kind="cross-year",
    basis="实践",
    formats=("2019",),
    needs_previous=True,
)
def items_2019(ctx: Context) -> Iterator[Emit]:
    prev = ctx.previous
    if (
        prev is None
        or prev.proactive_2019 is None
        or ctx.report.proactive_2019 is None
        or not _consecutive(ctx)
        or _other_organ(ctx)
    ):
        return
    for key, name in _ITEMS_2019.items():
        now = getattr(ctx.report.proactive_2019, key).previous
        last = getattr(prev.proactive_2019, key)
        if now is None or last.previous is None or last.change is None:
            continue
        expected = last.previous + last.change
        if now != expected:
            yield (
                [f"proactive_2019.{key}.previous"],
                (
                    f"表二 {name} 上一年项目数量={now}，上年报告 上一年项目数量{last.previous}+本年增/减{last.change}={expected}"
                ),
            )
