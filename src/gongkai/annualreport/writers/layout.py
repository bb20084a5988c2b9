"""The published layout of the report's three tables, as data shared by the HTML, DOCX and Markdown writers.

A table is a list of rows in HTML order: a spanned cell appears once, at its top-left position, with its
``rowspan``/``colspan``; positions it covers are simply absent from later rows. This is how the format
(国办公开办函〔2021〕30号 and the 2019 trial 〔2019〕60号) prints the tables, so the HTML writer can emit it as is
and the DOCX writer merges the same spans. Value cells carry the dotted path of the model cell they show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongkai.annualreport.markers import PRE2019_NOTE
from gongkai.annualreport.model import (
    APPLICANT_COLUMN_LABELS,
    APPLICANT_COLUMNS,
    REVIEW_COLUMN_LABELS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SECTION_KEYS,
    SECTION_TITLES,
    SEGMENT_LABELS,
    Denied,
    NotHandled,
    Report,
    Unable,
)


def _labels(node: type) -> dict[str, str]:
    """The model's labels of a result group's rows, in the model's (= the format's) order."""
    return {f.name: SEGMENT_LABELS[f.name] for f in dataclasses.fields(node)}


# Table 3 row labels as the format prints them: the model's SEGMENT_LABELS, except where the format
# prints a longer label (部分公开, the two 其他处理 rows) or a row the model names by context (其他/总计).
ROW_LABELS = {
    **{k: SEGMENT_LABELS[k] for k in ("new", "carried_over", "results", "granted")},
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    **{k: SEGMENT_LABELS[k] for k in ("denied", "unable", "not_handled")},
    "other": "（六）其他处理",
    "total": "（七）总计",
    "carried_forward": SEGMENT_LABELS["carried_forward"],
}
SUB_ROW_LABELS = {
    "denied": _labels(Denied),
    "unable": _labels(Unable),
    "not_handled": _labels(NotHandled),
    "other": {
        "no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other": "3.其他",
    },
}
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ORG_HEADER = "法人或其他组织"
REVIEW_GROUP_HEADERS = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉")


@dataclass(frozen=True)
class Cell:
    """One printed cell: a label (``text``) or a value (``path`` into the report)."""

    text: str = ""
    path: str | None = None
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


Row = list[Cell]


@dataclass(frozen=True)
class Table:
    name: str  # 表二/表三/表四, for messages
    columns: int
    rows: list[Row]

    @property
    def widths_mm(self) -> list[float]:
        """Column widths filling the 156 mm type area of an A4 公文 page (210 − 28 − 26 mm)."""
        return COLUMN_WIDTHS_MM[self.name]


COLUMN_WIDTHS_MM = {
    "表二": [46, 36.6, 36.7, 36.7],
    "表三": [12, 26, 56, *[62 / 7] * 7],  # long row labels get the room, the seven counts share the rest
    "表四": [156 / 15] * 15,
}


def format_value(value: int | float | None) -> str:
    """A cell's printed text. ``None`` (blank in the source) is an empty cell, never 0."""
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")  # positional: 1e-05 prints as 0.00001, as tables do
    return str(value)


def cell_text(cell: Cell, report: Report) -> str:
    return format_value(report.get(cell.path)) if cell.path else cell.text


def grid_positions(table: Table) -> list[list[tuple[int, int]]]:
    """(row, column) of each printed cell, filling positions left free by earlier row spans (HTML rules)."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table.rows):
        c = 0
        places = []
        for cell in row:
            while (r, c) in taken:
                c += 1
            places.append((r, c))
            taken.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
            c += cell.colspan
        out.append(places)
    return out


# --- table 2 ------------------------------------------------------------------------------------


def _block(
    title: str, header: list[str], items: list[tuple[str, str]], fields: list[str], cols: int
) -> list[Row]:
    """One 第二十条第（x）项 block: a title row, a header row and one row per item.

    The last header/value cell spans the remaining columns, as the format does for narrow blocks.
    """
    rows: list[Row] = [[Cell(title, colspan=cols, header=True)]]
    spans = [1] * len(header)
    spans[-1] = cols - len(header) + 1
    rows.append([Cell(h, colspan=s, header=True) for h, s in zip(header, spans, strict=True)])
    for label, key in items:
        row = [Cell(label)]
        row += [Cell(path=f"{key}.{f}", colspan=s) for f, s in zip(fields, spans[1:], strict=True)]
        rows.append(row)
    return rows


def table2(report: Report) -> Table:
    """二、主动公开政府信息情况 in the 2021 format (4 columns)."""
    p = "proactive"
    rows = _block(
        "第二十条第（一）项",
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        [("规章", f"{p}.rules"), ("行政规范性文件", f"{p}.normative_documents")],
        ["issued", "repealed", "in_force"],
        4,
    )
    decision = ["信息内容", "本年处理决定数量"]
    rows += _block("第二十条第（五）项", decision, [("行政许可", f"{p}.licensing")], ["decisions"], 4)
    rows += _block(
        "第二十条第（六）项",
        decision,
        [("行政处罚", f"{p}.penalty"), ("行政强制", f"{p}.coercion")],
        ["decisions"],
        4,
    )
    rows += _block(
        "第二十条第（八）项",
        ["信息内容", "本年收费金额（单位：万元）"],
        [("行政事业性收费", f"{p}.fees")],
        ["amount_wan_yuan"],
        4,
    )
    return Table("表二", 4, rows)


def table2_2019(report: Report) -> Table:
    """二、主动公开政府信息情况 in the 2019 trial format (国办公开办函〔2019〕60号, 4 columns)."""
    p = "proactive_2019"
    items = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    fields = ["previous", "change", "decisions"]
    rows = _block(
        "第二十条第（一）项",
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        [("规章", f"{p}.rules"), ("规范性文件", f"{p}.normative_documents")],
        ["made", "published", "total"],
        4,
    )
    rows += _block(
        "第二十条第（五）项",
        items,
        [("行政许可", f"{p}.licensing"), ("其他对外管理服务事项", f"{p}.other_services")],
        fields,
        4,
    )
    rows += _block(
        "第二十条第（六）项", items, [("行政处罚", f"{p}.penalty"), ("行政强制", f"{p}.coercion")], fields, 4
    )
    rows += _block(
        "第二十条第（八）项",
        ["信息内容", "上一年项目数量", "本年增/减"],
        [("行政事业性收费", f"{p}.fees")],
        ["previous", "change"],
        4,
    )
    rows += _block(
        "第二十条第（九）项",
        ["信息内容", "采购项目数量", "采购总金额"],
        [("政府集中采购", f"{p}.procurement")],
        ["projects", "amount_wan_yuan"],
        4,
    )
    return Table("表二", 4, rows)


# --- table 3 ------------------------------------------------------------------------------------


def _values(row_path: str) -> Row:
    return [Cell(path=f"{row_path}.{c}") for c in APPLICANT_COLUMNS]


def _result_rows(report: Report) -> Iterator[Row]:
    """The 22 (2021) or 20 (2019) rows under 三、本年度办理结果, without the leading 三 cell."""
    base = "applications.results"
    for key in ("granted", "partially_granted"):
        yield [Cell(ROW_LABELS[key], colspan=2), *_values(f"{base}.{key}")]
    for group in ("denied", "unable", "not_handled", "other"):
        if group == "other" and report.format == "2019":
            yield [Cell(ROW_LABELS["other"], colspan=2), *_values(f"{base}.other.other")]
            continue
        subs = list(SUB_ROW_LABELS[group].items())
        for i, (key, label) in enumerate(subs):
            head = [Cell(ROW_LABELS[group], rowspan=len(subs))] if i == 0 else []
            yield [*head, Cell(label), *_values(f"{base}.{group}.{key}")]
    yield [Cell(ROW_LABELS["total"], colspan=2), *_values(f"{base}.total")]


def table3(report: Report) -> Table:
    """三、收到和处理政府信息公开申请情况: 3 label columns + 7 applicant columns, three header rows."""
    orgs = [c for c in APPLICANT_COLUMNS if c not in ("natural_person", "total")]
    rows: list[Row] = [
        [Cell(CHECK_NOTE, rowspan=3, colspan=3, header=True), Cell("申请人情况", colspan=7, header=True)],
        [
            Cell(APPLICANT_COLUMN_LABELS["natural_person"], rowspan=2, header=True),
            Cell(ORG_HEADER, colspan=5, header=True),
            Cell(APPLICANT_COLUMN_LABELS["total"], rowspan=2, header=True),
        ],
        [Cell(APPLICANT_COLUMN_LABELS[c], header=True) for c in orgs],
    ]
    for key in ("new", "carried_over"):
        rows.append([Cell(ROW_LABELS[key], colspan=3), *_values(f"applications.{key}")])
    results = list(_result_rows(report))
    results[0] = [Cell(ROW_LABELS["results"], rowspan=len(results)), *results[0]]
    rows += results
    rows.append([Cell(ROW_LABELS["carried_forward"], colspan=3), *_values("applications.carried_forward")])
    return Table("表三", 10, rows)


# --- table 4 ------------------------------------------------------------------------------------

REVIEW_HEADERS = tuple(REVIEW_COLUMN_LABELS[c] for c in REVIEW_COLUMNS)


def table4(report: Report) -> Table:
    """四、行政复议、行政诉讼情况: a two-level header over 15 value columns."""
    sub = [Cell(h, header=True) for h in REVIEW_HEADERS]
    review, suit, direct, after = REVIEW_GROUP_HEADERS
    rows: list[Row] = [
        [Cell(review, colspan=5, header=True), Cell(suit, colspan=10, header=True)],
        [Cell(h, rowspan=2, header=True) for h in REVIEW_HEADERS]
        + [Cell(direct, colspan=5, header=True), Cell(after, colspan=5, header=True)],
        sub + sub,
        [Cell(path=f"reviews.{g}.{c}") for g in REVIEW_GROUPS for c in REVIEW_COLUMNS],
    ]
    return Table("表四", 15, rows)


# --- the document as a sequence of blocks ---------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A piece of the document in reading order: ``kind`` is title/intro/note/heading/paragraph/table/sign."""

    kind: str
    text: str = ""
    table: Table | None = None


def tables_for(report: Report) -> dict[str, Table]:
    """The tables each section carries, by section key; none for a pre-2019 report."""
    if report.format == "pre2019":
        return {}
    tables = {"applications": table3(report), "reviews": table4(report)}
    if report.format == "2019" or report.proactive is None:
        if report.proactive_2019 is not None:
            tables["proactive"] = table2_2019(report)
    else:
        tables["proactive"] = table2(report)
    return tables


def date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def blocks(report: Report) -> Iterator[Block]:
    """The report in the order every writer prints it.

    Title; the introduction (``sections.preamble``); each section's heading, its text paragraphs, then its
    table; finally the signature (agency over the date) when the report has a date: an organ's name alone
    at the end would read as section text. A section whose text is ``None`` and which has no table is left
    out, so that reading the output back gives ``None`` again.
    """
    if report.title:
        yield Block("title", report.title)
    # The introduction (引言), as the report has it. The organ is never carried by an invented sentence:
    # each writer stores it as metadata (front matter, <meta>, core properties) that readers know is not text.
    for line in (report.sections.preamble or "").split("\n"):
        if line.strip():
            yield Block("paragraph", line)
    if report.format == "pre2019":
        yield Block("note", PRE2019_NOTE)
    tables = tables_for(report)
    for key in SECTION_KEYS:
        text = getattr(report.sections, key)
        if text is None and key not in tables:
            continue
        yield Block("heading", SECTION_TITLES[key])
        for line in (text or "").split("\n"):
            if line.strip():
                yield Block("paragraph", line)
        if key in tables:
            yield Block("table", table=tables[key])
    if report.published_on:  # the signature block: the organ over the date, as reports are signed
        if report.agency:
            yield Block("sign", report.agency)
        yield Block("sign", date_text(report.published_on))


def is_subheading(line: str) -> bool:
    """A short line such as "（一）主动公开" that published reports set as a level-2 heading (楷体)."""
    return len(line) <= 30 and line.startswith("（") and "）" in line[:5] and not line.endswith("。")
