"""Renderers for testing: a report model printed the way each real layout mangles it.

Each renderer takes a ``Report`` (and a ``random.Random`` for the layouts that scramble) and returns the
text (or HTML) such a source gives: crawler text (joined cells), pdftotext without ``-layout`` (raw order,
detached labels, broken headers), machine PDF→Markdown (pipe fragments, labels moved, footers, stray
numbers), OCR text (generic column names, character noise, misread digits), HTML fragments (no
<html>/<body>, &nbsp;, blank 总计 cells) and the mixed format (a 2021 report printing （六） as one row).

``canonical`` is the one place that knows the national format's printed wording; the renderers only
rearrange it. ``expected`` gives, for a renderer that blanks cells on purpose, what a faithful read is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.annualreport.model import (
    APPLICANT_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SECTION_TITLES,
    SEGMENT_LABELS,
    Report,
)

TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_HEADER = [
    [TABLE3_NOTE, "申请人情况"],
    ["自然人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]
TABLE4_HEADER = [
    ["行政复议", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
]
GROUP_LABELS = {
    "granted": None,
    "partially_granted": None,
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_handled": "（五）不予处理",
    "other": "（六）其他处理",
}
LONG_LABELS = {
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}


@dataclass
class Row:
    """A printed table row: group label (spanning, printed on the first row only), label, values."""

    group: str | None
    label: str
    values: list[str]


@dataclass
class Table:
    header: list[list[str]]
    rows: list[Row]
    key: str  # proactive | applications | reviews
    run: list[str] = field(default_factory=list)  # table 4's one run of 15 values


@dataclass
class Canonical:
    title: str
    preamble: list[str]
    sections: list[tuple[str, list[str], list[Table]]]  # heading, paragraphs, tables
    signature: list[str]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (float, Decimal)):
        return f"{value:g}" if isinstance(value, float) else format(value.normalize(), "f")
    return str(value)


def _table2(report: Report) -> list[Table]:
    if report.format == "2019":
        node = report.proactive_2019
        blocks = [
            (
                "第二十条第（一）项",
                ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                [("rules", "规章"), ("normative_documents", "规范性文件")],
                ("made", "published", "total"),
            ),
            (
                "第二十条第（五）项",
                ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
                ("previous", "change", "decisions"),
            ),
            (
                "第二十条第（六）项",
                ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                [("penalty", "行政处罚"), ("coercion", "行政强制")],
                ("previous", "change", "decisions"),
            ),
            (
                "第二十条第（八）项",
                ["信息内容", "上一年项目数量", "本年增/减"],
                [("fees", "行政事业性收费")],
                ("previous", "change"),
            ),
            (
                "第二十条第（九）项",
                ["信息内容", "采购项目数量", "采购总金额"],
                [("procurement", "政府集中采购")],
                ("projects", "amount_wan_yuan"),
            ),
        ]
    else:
        node = report.proactive
        blocks = [
            (
                "第二十条第（一）项",
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                [("rules", "规章"), ("normative_documents", "行政规范性文件")],
                ("issued", "repealed", "in_force"),
            ),
            (
                "第二十条第（五）项",
                ["信息内容", "本年处理决定数量"],
                [("licensing", "行政许可")],
                ("decisions",),
            ),
            (
                "第二十条第（六）项",
                ["信息内容", "本年处理决定数量"],
                [("penalty", "行政处罚"), ("coercion", "行政强制")],
                ("decisions",),
            ),
            (
                "第二十条第（八）项",
                ["信息内容", "本年收费金额（单位：万元）"],
                [("fees", "行政事业性收费")],
                ("amount_wan_yuan",),
            ),
        ]
    tables = []
    for caption, header, rows, fields in blocks:
        printed = [
            Row(None, label, [_text(getattr(getattr(node, name), f)) for f in fields]) for name, label in rows
        ]
        tables.append(Table([[caption], header], printed, "proactive"))
    return tables


def _table3(report: Report, *, other_as_one_row: bool = False) -> Table:
    apps = report.applications
    rows: list[Row] = []

    def values(row) -> list[str]:
        return [_text(getattr(row, c)) for c in APPLICANT_COLUMNS]

    rows.append(Row(None, SEGMENT_LABELS["new"], values(apps.new)))
    rows.append(Row(None, SEGMENT_LABELS["carried_over"], values(apps.carried_over)))
    first = True
    for path, row in apps.results.leaf_rows():
        group, _, name = path.partition(".")
        if row is None:
            continue
        if group == "other" and (report.format == "2019" or other_as_one_row):
            label, group_label = "（六）其他处理", None
        elif name:
            label = LONG_LABELS.get(name, "3.其他" if name == "other" else SEGMENT_LABELS[name])
            group_label = GROUP_LABELS[group]
        else:
            label, group_label = LONG_LABELS.get(group, SEGMENT_LABELS[group]), None
        rows.append(Row("三、本年度办理结果" if first else None, label, values(row)))
        if group_label and rows[-1].group is None and not any(r.group == group_label for r in rows):
            rows[-1].group = group_label
        first = False
    rows.append(Row(None, "（七）总计", values(apps.results.total)))
    rows.append(Row(None, SEGMENT_LABELS["carried_forward"], values(apps.carried_forward)))
    return Table(TABLE3_HEADER, rows, "applications")


def _table4(report: Report) -> Table:
    run = [_text(report.get(f"reviews.{g}.{c}")) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    return Table(TABLE4_HEADER, [], "reviews", run)


def canonical(report: Report, *, other_as_one_row: bool = False) -> Canonical:
    agency, year = report.agency, report.year
    new_total = report.applications.new.total if report.applications.new else None
    overview = [
        f"{year}年，{agency}坚持以公开为常态、不公开为例外，及时、准确公开政府信息。",
        f"全年共收到政府信息公开申请{new_total}件，均在法定期限内答复。"
        if new_total is not None
        else "依申请公开工作规范有序。",
    ]
    sections = [
        (SECTION_TITLES["overview"], overview, []),
        (SECTION_TITLES["proactive"], [], _table2(report)),
        (SECTION_TITLES["applications"], [], [_table3(report, other_as_one_row=other_as_one_row)]),
        (SECTION_TITLES["reviews"], [], [_table4(report)]),
        (
            SECTION_TITLES["shortcomings"],
            ["政策解读形式较为单一，下一步将进一步规范公开内容，提高公开质量。"],
            [],
        ),
        (SECTION_TITLES["other_matters"], ["本年度未收取信息处理费。"], []),
    ]
    signature = [agency]
    if report.published_on:
        d = report.published_on
        signature.append(f"{d.year}年{d.month}月{d.day}日")
    return Canonical(
        f"{agency}{year}年政府信息公开工作年度报告",
        [
            "本报告依据《中华人民共和国政府信息公开条例》要求编制。"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        ],
        sections,
        signature,
    )


# --- the layouts -----------------------------------------------------------------------------------


def _table_cells(table: Table) -> list[str]:
    """A table's cells in reading order (header rows, then each row: group label, label, values)."""
    cells = [cell for header in table.header for cell in header]
    for row in table.rows:
        cells.extend(([row.group] if row.group else []) + [row.label] + row.values)
    return cells + table.run


def crawler(report: Report, rng: random.Random | None = None) -> str:
    """Page metadata lines, then the whole body on one line (or a few), every cell joined."""
    doc = canonical(report)
    body = [doc.title, *doc.preamble]
    for heading, paragraphs, tables in doc.sections:
        body.append(heading)
        body.extend(paragraphs)
        for table in tables:
            body.extend(_table_cells(table))
    body.extend(doc.signature)
    meta = [
        f"标题: {doc.title}",
        "发布时间: 2025-02-17 09:12",
        f"发布机构: {report.agency}",
        "栏目: 政府信息公开年度报告",
        "原文链接: http://www.example.gov.cn/art/2025/2/17/art_1_123.html",
        "",
    ]
    text = "".join(body)
    if rng is not None and rng.random() < 0.5:  # some crawlers keep a break or two
        cut = text.find(SECTION_TITLES["reviews"])
        text = text[:cut] + "\n" + text[cut:]
    return "\n".join(meta) + text + "\n"


def pdftotext_raw(report: Report, rng: random.Random) -> str:
    """pdftotext without -layout: one cell a line, header words broken and shuffled, row labels detached
    from their values (moved before their block) and some missing; each row's values still in sequence."""
    doc = canonical(report)
    lines = [doc.title, *doc.preamble]
    for heading, paragraphs, tables in doc.sections:
        lines.append(heading)
        lines.extend(paragraphs)
        for table in tables:
            header = [piece for cell in (c for h in table.header for c in h) for piece in _break(cell, rng)]
            rng.shuffle(header)
            lines.extend(header)
            if table.key == "reviews":
                lines.extend(table.run)
                continue
            index = 0
            while index < len(table.rows):  # blocks of rows: their labels first, then their values
                block = table.rows[index : index + rng.randint(1, 4)]
                index += len(block)
                for row in block:
                    if row.group:
                        lines.extend(_break(row.group, rng))
                    if rng.random() < 0.85:
                        lines.extend(_break(row.label, rng))
                for row in block:
                    lines.extend(value for value in row.values if value)
    lines.extend(doc.signature)
    return "\n".join(lines) + "\n"


def _break(cell: str, rng: random.Random) -> list[str]:
    """A cell's text broken over lines as a narrow PDF column prints it."""
    if len(cell) <= 6 or rng.random() < 0.5:
        return [cell]
    at = rng.randint(2, len(cell) - 2)
    return [cell[:at], cell[at:]]


def markdown_fragments(report: Report, rng: random.Random) -> str:
    """Machine PDF→Markdown: pipe-table fragments with the label column emptied, labels moved into
    paragraphs before or after their rows (several run together), page footers and stray numbers between
    fragments, and the table chapters renumbered as the converter's own headings."""
    doc = canonical(report)
    out = [f"# {doc.title}", "", *doc.preamble, ""]
    page = 1
    for heading, paragraphs, tables in doc.sections:
        out += [f"## {heading}", "", *paragraphs, ""]
        for table in tables:
            if table.key == "reviews":
                out += ["| " + " | ".join(h) + " |" for h in table.header[:1]]
                out += ["|---|---|", "| " + " | ".join(table.run) + " |", ""]
                continue
            width = max(len(r.values) for r in table.rows)
            out += ["| " + " | ".join(table.header[-1]) + " |", "|" + "---|" * len(table.header[-1]), ""]
            index = 0
            while index < len(table.rows):
                block = table.rows[index : index + rng.randint(2, 6)]
                index += len(block)
                labels = "".join(r.label for r in block)
                if len(labels) > 8 and rng.random() < 0.5:
                    at = rng.randint(1, len(labels) - 1)
                    labels = labels[:at] + "\n" + labels[at:]
                before = rng.random() < 0.5
                if before:
                    out += [labels, ""]
                out += [
                    "| " + " | ".join(["", *r.values, *[""] * (width - len(r.values))]) + " |" for r in block
                ]
                out.append("")
                if not before:
                    out += [labels, ""]
                if rng.random() < 0.4:
                    page += 1
                    out += [f"— {page} —", ""]
                if rng.random() < 0.2:
                    out += [str(rng.randint(1, 40)), ""]
    out += doc.signature
    return "\n".join(out) + "\n"


_OCR_CONFUSABLE = {"谱": "潽", "秘": "祕", "事": "亊", "务": "务", "请": "诸", "开": "幵", "处": "处"}


def ocr_text(report: Report, rng: random.Random, *, misread: float = 0.02) -> str:
    """OCR text: rows as spaced lines, columns renamed 列1 … 列N, characters misread in names and labels,
    and digits misread now and then (every OCR'd number must then be confirmed by an identity)."""
    doc = canonical(report)

    def noisy(text: str) -> str:
        return "".join(_OCR_CONFUSABLE.get(ch, ch) if rng.random() < 0.15 else ch for ch in text)

    def digit(value: str) -> str:
        if value and rng.random() < misread:
            return str((int(value[-1]) + rng.randint(1, 8)) % 10) if len(value) == 1 else value[:-1] + "8"
        return value

    lines = [noisy(doc.title), *doc.preamble]
    for heading, paragraphs, tables in doc.sections:
        lines.append(heading)
        lines.extend(paragraphs)
        for table in tables:
            if table.key == "reviews":
                lines.append(" ".join(f"列{i}" for i in range(1, 16)))
                lines.append(" ".join(digit(v) for v in table.run))
                continue
            width = max(len(r.values) for r in table.rows)
            lines.append(" ".join(["项目", *(f"列{i}" for i in range(1, width + 1))]))
            for row in table.rows:
                lines.append(" ".join([noisy(row.label), *(digit(v) for v in row.values)]))
    lines.append(doc.signature[0])
    lines.extend(doc.signature[1:])
    return "\n".join(lines) + "\n"


def html_fragment(report: Report, rng: random.Random, *, word_css: bool = False) -> str:
    """An HTML fragment: <p> and <table> without <html>/<body>, &nbsp; in empty cells, and 总计 cells left
    blank. With ``word_css`` every cell carries Word's inline CSS (a saved page of some 100 KB)."""
    doc = canonical(report)
    style = (
        ' style="width:53.85pt;border:solid windowtext 1.0pt;border-top:none;padding:0cm 5.4pt 0cm 5.4pt;'
        "mso-border-alt:solid windowtext .5pt;mso-border-left-alt:solid windowtext .5pt;"
        "mso-border-top-alt:solid windowtext .5pt;mso-yfti-irow:1;mso-yfti-firstrow:yes;"
        'mso-height-rule:exactly;height:25.5pt;vertical-align:middle"'
        if word_css
        else ""
    )
    span = (
        '<span style="font-size:10.5pt;font-family:宋体;mso-ascii-font-family:Calibri">'
        if word_css
        else "<span>"
    )

    def td(text: str) -> str:
        return f"<td{style}><p class=MsoNormal>{span}{text or '&nbsp;'}</span></p></td>"

    out = [f"<p>{doc.title}</p>", *(f"<p>{p}</p>" for p in doc.preamble)]
    for heading, paragraphs, tables in doc.sections:
        out.append(f"<p><strong>{heading}</strong></p>")
        out.extend(f"<p>{p}</p>" for p in paragraphs)
        for table in tables:
            out.append("<table>")
            out.extend("<tr>" + "".join(td(c) for c in header) + "</tr>" for header in table.header)
            if table.key == "reviews":
                out.append("<tr>" + "".join(td(v) for v in table.run) + "</tr>")
            for row in table.rows:
                out.append("<tr>" + td(row.label) + "".join(td(v) for v in row.values) + "</tr>")
            out.append("</table>")
    out.extend(f"<p>{line}</p>" for line in doc.signature)
    return "\n".join(out) + "\n"


def blank_totals(report: Report, rng: random.Random) -> Report:
    """The same report with some table-3 总计 cells printed blank (what the HTML fragment then says)."""
    for path, row in report.applications.rows():
        if row is not None and rng.random() < 0.2:
            report.set(f"applications.{path}.total", None)
    return report


def mixed_format(report: Report) -> str:
    """A 2021-format report whose table 3 prints （六）其他处理 as one row, as the 2019 format did
    (tab-separated rows). The one row's numbers are the sum of the three 2021 sub-rows."""
    doc = canonical(report, other_as_one_row=False)
    lines = [doc.title, *doc.preamble]
    other = report.applications.results.other
    whole = [
        sum(getattr(r, c) or 0 for r in (other.no_correction, other.fee_unpaid, other.other))
        for c in APPLICANT_COLUMNS
    ]
    for heading, paragraphs, tables in doc.sections:
        lines.append(heading)
        lines.extend(paragraphs)
        for table in tables:
            lines.extend("\t".join(h) for h in table.header)
            if table.key == "reviews":
                lines.append("\t".join(table.run))
            skip = False
            for row in table.rows:
                if row.group == "（六）其他处理":
                    lines.append("\t".join(["（六）其他处理", *map(str, whole)]))
                    skip = True
                    continue
                if skip and (row.label.startswith(("2.申请人", "3.其他"))):
                    continue
                skip = False
                lines.append("\t".join(([row.group] if row.group else []) + [row.label, *row.values]))
    lines.extend(doc.signature)
    return "\n".join(lines) + "\n"


# --- random consistent reports with non-zero numbers in every table -----------------------------------

AGENCIES = [
    "高安市机关事务管理局",
    "南昌市青山湖区市场监督管理局",
    "青云谱区政务服务数据管理局",
    "上饶市广信区教育体育局",
]


def random_report(rng: random.Random, fmt: str = "2021", *, scale: int = 30) -> Report:
    """A consistent report (R1–R4 hold) with non-zero numbers in tables 2, 3 and 4, no blank cell."""
    import datetime as dt

    report = Report.blank(fmt)
    report.agency = rng.choice(AGENCIES)
    report.year = rng.randint(2021, 2025) if fmt == "2021" else rng.randint(2019, 2020)
    report.title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    report.published_on = dt.date(report.year + 1, rng.randint(1, 3), rng.randint(1, 28))

    def count(high: int = scale) -> int:
        return rng.randint(1, high) if rng.random() < 0.6 else 0

    for path, _ in list(report.cells("proactive", "proactive_2019")):
        if path.endswith("amount_wan_yuan"):
            cents = Decimal(rng.randint(1, 9900)) / 100  # amounts are Decimal, as the reader returns them
            report.set(path, rng.choice([0, cents, rng.randint(1, 200)]))
        elif path.endswith(".change"):
            report.set(path, rng.randint(-9, 9))
        else:
            report.set(path, count(3000) if rng.random() < 0.7 else rng.randint(1, 9))
    leaves = [path for path, row in report.applications.results.leaf_rows() if row is not None]
    rows = {}
    for leaf in leaves:
        six = [count() if i == 0 or rng.random() < 0.4 else 0 for i in range(6)]
        rows[leaf] = [*six, sum(six)]
    total = [sum(rows[p][i] for p in leaves) for i in range(7)]
    forward6 = [count(5) if rng.random() < 0.5 else 0 for _ in range(6)]
    forward = [*forward6, sum(forward6)]
    over6 = [rng.randint(0, total[i] + forward[i]) for i in range(6)]
    over = [*over6, sum(over6)]
    new = [total[i] + forward[i] - over[i] for i in range(7)]
    for path, values in [
        *((f"results.{p}", rows[p]) for p in leaves),
        ("results.total", total),
        ("carried_forward", forward),
        ("carried_over", over),
        ("new", new),
    ]:
        for column, value in zip(APPLICANT_COLUMNS, values, strict=True):
            report.set(f"applications.{path}.{column}", value)
    for group in REVIEW_GROUPS:
        four = [count(6) for _ in range(4)]
        for column, value in zip(REVIEW_COLUMNS, [*four, sum(four)], strict=True):
            report.set(f"reviews.{group}.{column}", value)
    return report


def cell_outcomes(expected: Report, got: Report, *tables: str) -> tuple[int, int, list[str]]:
    """(right, unread, wrong cell paths) of a read against the report rendered."""
    right = unread = 0
    wrong = []
    got_cells = dict(got.cells())
    for path, value in expected.cells(*tables):
        seen = got_cells.get(path)
        if seen is None and value is not None:
            unread += 1
        elif seen == value:
            right += 1
        else:
            wrong.append(f"{path}: {value!r} read as {seen!r}")
    return right, unread, wrong
