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
    part: int = 0  # 0, or 1, 2 … for the parts of a table taller than a page (see page_parts)

    @property
    def widths_mm(self) -> list[float]:
        """Column widths filling the 156 mm type area of an A4 公文 page (210 − 28 − 26 mm)."""
        return COLUMN_WIDTHS_MM[self.name]


COLUMN_WIDTHS_MM = {
    "表二": [46, 36.6, 36.7, 36.7],
    "表三": [12, 26, 56, *[62 / 7] * 7],  # long row labels get the room, the seven counts share the rest
    "表四": [156 / 15] * 15,
}


REPEATED_HEADERS = ("表三", "表四")  # tables whose header rows repeat on a continuation page


def header_row_count(table: Table) -> int:
    """How many leading rows are the column header (3 in tables 3 and 4); 0 where none repeats (table 2,
    whose block titles are headers too, is kept whole instead)."""
    if table.name not in REPEATED_HEADERS:
        return 0
    count = 0
    for row in table.rows:
        if not all(c.header for c in row):
            break
        count += 1
    return count


# --- tables taller than a page ---------------------------------------------------------------------

LABEL_PAD_MM = 1.5  # cell margins: row labels keep some air; count columns get 0.5 mm so their headers set
COUNT_PAD_MM = 0.5  # two characters a line (商业/企业)
# Height of one line of 五号 table text in the tallest renderer: LibreOffice's single spacing with the
# Noto CJK stand-in (1.45 em; Word with 仿宋 and WeasyPrint's 1.3 are lower), and a row's borders and air.
TABLE_LINE_MM = 10.5 * 1.45 * 25.4 / 72
ROW_EXTRA_MM = 0.2
DIGIT_EM = 0.64  # the widest digits of the stand-ins (DejaVu Sans in LibreOffice)
SLACK = 0.95  # of the type area's height, for the estimate


def _cell_lines(text: str, width_mm: float, pad_mm: float) -> int:
    """Lines a cell's text takes at 五号 in ``width_mm`` (characters break anywhere, as in a table)."""
    room = (width_mm - 2 * pad_mm) * 72 / 25.4
    lines, x = 1, 0.0
    for ch in text:
        w = 10.5 * (DIGIT_EM if ch.isascii() else 1.0)
        if x + w > room and x > 0:
            lines, x = lines + 1, w
        else:
            x += w
    return lines


def row_heights_mm(table: Table, report: Report) -> list[float]:
    """An estimate of each row's printed height, from its cells' text and the column widths (a spanned
    cell that needs more than its rows adds the difference to its last row)."""
    widths = table.widths_mm
    heights = [0.0] * len(table.rows)
    spanned = []
    for r, (row, places) in enumerate(zip(table.rows, grid_positions(table), strict=True)):
        for cell, (_, c) in zip(row, places, strict=True):
            width = sum(widths[c : c + cell.colspan])
            pad = LABEL_PAD_MM if cell.path is None and not cell.header else COUNT_PAD_MM
            need = _cell_lines(cell_text(cell, report), width, pad) * TABLE_LINE_MM + ROW_EXTRA_MM
            if cell.rowspan == 1:
                heights[r] = max(heights[r], need)
            else:
                spanned.append((r, cell.rowspan, need))
    for r, span, need in spanned:
        short = need - sum(heights[r : r + span])
        if short > 0:
            heights[r + span - 1] += short
    return heights


def _kept_before_mm(table: Table, report: Report) -> float:
    """Height of what is kept on the page of a table's first row: the section's last paragraph (the
    writers keep it with the table), and the heading too when the section has at most one paragraph."""
    from gongkai.gongwen.standard import PAGE, text_width_em

    key = next(k for k, name in TABLE_NAMES.items() if name == table.name)
    lines = [line for line in (getattr(report.sections, key) or "").split("\n") if line.strip()]
    pitch_mm = PAGE.line_pitch_pt * 25.4 / 72

    def height(text: str) -> float:
        return math.ceil((2 + text_width_em(text)) / PAGE.chars) * pitch_mm

    heading = pitch_mm
    if not lines:
        return heading
    return height(lines[-1]) + (heading if len(lines) == 1 else 0)


def page_parts(table: Table, report: Report) -> list[Table]:
    """The table as it should be printed: whole when it fits a page, else in parts that each fit one (cut
    between rows, as 续表 are), every part under the header rows and with the merged
    labels of its rows (三、本年度办理结果, （三）不予公开 …) printed again: Word and LibreOffice print a merged cell only on the
    page where it starts, so a table left to break by itself shows rows without their label. The writers
    start each later part on a new page. Heights are estimated (:func:`row_heights_mm`)."""
    from gongkai.gongwen.standard import PAGE

    head = header_row_count(table)
    if not head:
        return [table]
    heights = row_heights_mm(table, report)
    page = PAGE.type_height_mm * SLACK
    header = sum(heights[:head])
    before = _kept_before_mm(table, report)
    if sum(heights) <= page - before:
        return [table]
    positions = grid_positions(table)
    # merged labels that span across the cut before row b: printed again at the top of the next part
    crossing: dict[int, list[tuple[int, int, Cell]]] = {}
    for r, (row, places) in enumerate(zip(table.rows, positions, strict=True)):
        for cell, (_, c) in zip(row, places, strict=True):
            for b in range(r + 1, r + cell.rowspan):
                crossing.setdefault(b, []).append((r, c, cell))
    cuts = list(range(head + 1, len(table.rows)))
    parts: list[tuple[int, int]] = []
    start, budget = head, page - before - header
    while start < len(table.rows):
        end, used = start, 0.0
        for b in [*[c for c in cuts if c > start], len(table.rows)]:
            if used + sum(heights[end:b]) > budget and end > start:
                break
            used += sum(heights[end:b])
            end = b
        parts.append((start, end))
        start, budget = end, page - header
    if len(parts) == 1:
        return [table]
    (a, b), (c, d) = parts[-2], parts[-1]
    if d - c == 1 and b - a > 2:  # no part of a single row: the one above gives it a row (still fits)
        parts[-2:] = [(a, b - 1), (b - 1, d)]
    out = []
    for i, (a, b) in enumerate(parts):
        rows: list[Row] = [list(r) for r in table.rows[:head]]
        for r in range(a, b):
            row = []
            if r == a:  # labels that span into this part from above: printed again at its top
                for top, _, cell in sorted(crossing.get(a, []), key=lambda t: t[1]):
                    row.append(dataclasses.replace(cell, rowspan=min(top + cell.rowspan, b) - a))
            for cell in table.rows[r]:
                row.append(dataclasses.replace(cell, rowspan=min(cell.rowspan, b - r)))
            rows.append(row)
        out.append(Table(table.name, table.columns, rows, part=i))
    return out


def format_value(value: int | float | Decimal | None) -> str:
    """A cell's printed text. ``None`` (blank in the source) is an empty cell, never 0."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")  # its digits as read ("0.350"), positional
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


TABLE_NAMES = {"proactive": "表二", "applications": "表三", "reviews": "表四"}


def unread_tables(report: Report) -> set[str]:
    """Section keys whose whole table the reader could not find (a problem names the table's object and
    every cell of it is blank). Such a table is left out rather than printed blank: a blank table would
    read back as blank cells (F1 errors), while the source only lacked the table (a READ warning)."""
    named = {p.where for p in report.problems}
    out = set()
    for key, top in (
        ("proactive", "proactive"),
        ("proactive", "proactive_2019"),
        ("applications", "applications"),
    ):
        if top in named and all(v is None for _, v in report.cells(top)):
            out.add(key)
    if "reviews" in named and all(v is None for _, v in report.cells("reviews")):
        out.add("reviews")
    return out


def tables_for(report: Report) -> dict[str, Table]:
    """The tables each section carries, by section key; none for a pre-2019 report, none for a table
    the source lacked (:func:`unread_tables`)."""
    if report.format == "pre2019":
        return {}
    tables = {"applications": table3(report), "reviews": table4(report)}
    if report.format == "2019" or report.proactive is None:
        if report.proactive_2019 is not None:
            tables["proactive"] = table2_2019(report)
    else:
        tables["proactive"] = table2(report)
    for key in unread_tables(report):
        tables.pop(key, None)
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


def page_title(report: Report) -> str:
    """The report's title, or one that names the organ and the year when the source had none
    (browser tab, bookmarks, PDF title): "某某局2023年政府信息公开工作年度报告"."""
    if report.title:
        return report.title
    year = f"{report.year}年" if report.year else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def is_subheading(line: str) -> bool:
    """A short line such as "（一）主动公开" that published reports set as a level-2 heading (楷体)."""
    return len(line) <= 30 and line.startswith("（") and "）" in line[:5] and not line.endswith("。")
