"""Markdown: headings and GitHub pipe tables.

Pipe tables cannot span cells, so each table keeps the format's rows and columns with the spanned labels
folded into one label column (a group label such as （三）不予公开 is printed on its first row only;
三、本年度办理结果 gets a row of its own, with empty cells, since it heads twenty-odd rows), and
table 2 becomes one small table per 第二十条 block, the way many government sites print it.
"""

from __future__ import annotations

from gongkai.annualreport.markers import front_matter
from gongkai.annualreport.model import APPLICANT_COLUMN_LABELS, APPLICANT_COLUMNS, SECTION_KEYS, Report
from gongkai.annualreport.readers.layout import heading_key
from gongkai.annualreport.writers.layout import (
    ORG_HEADER,
    REVIEW_GROUPS,
    REVIEW_HEADERS,
    ROW_LABELS,
    Block,
    Table,
    blocks,
    cell_text,
)

_REVIEW_GROUP_LABELS = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_reconsideration": "行政诉讼（复议后起诉）",
}


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def _pipe_table(header: list[str], body: list[list[str]]) -> list[str]:
    return [_pipe(header), _pipe(["---"] * len(header)), *(_pipe(r) for r in body)]


def _table2(table: Table, report: Report) -> list[str]:
    """One pipe table per 第二十条 block: its title in bold, then its header and item rows."""
    out: list[str] = []
    header: list[str] = []
    body: list[list[str]] = []
    for row in table.rows:
        if len(row) == 1 and row[0].header:  # block title
            if header:
                out += [*_pipe_table(header, body), ""]
            out += [f"**{row[0].text}**", ""]
            header, body = [], []
        elif row[0].header:
            header = [c.text for c in row]
        else:
            body.append([cell_text(c, report) for c in row])
    return out + _pipe_table(header, body)


def _table3(table: Table, report: Report) -> list[str]:
    orgs = [f"{ORG_HEADER}·{APPLICANT_COLUMN_LABELS[c]}" for c in APPLICANT_COLUMNS[1:-1]]
    header = [
        "申请人情况",
        APPLICANT_COLUMN_LABELS["natural_person"],
        *orgs,
        APPLICANT_COLUMN_LABELS["total"],
    ]
    body = []
    for row in table.rows:
        if row[0].header:
            continue
        labels = [c.text for c in row if c.path is None]
        if labels[0] == ROW_LABELS["results"]:  # the 22-row span becomes a group row of its own
            body.append([labels.pop(0)] + [""] * 7)
        body.append([" ".join(labels), *(cell_text(c, report) for c in row if c.path is not None)])
    return _pipe_table(header, body)


def _table4(table: Table, report: Report) -> list[str]:
    header = [f"{_REVIEW_GROUP_LABELS[g]}·{h}" for g in REVIEW_GROUPS for h in REVIEW_HEADERS]
    values = [cell_text(c, report) for c in table.rows[-1]]
    return _pipe_table(header, [values])


def _block_lines(block: Block, report: Report) -> list[str]:
    if block.kind == "title":
        return [f"# {block.text}"]
    if block.kind == "heading":
        return [f"## {block.text}"]
    if block.kind == "table":
        table = block.table
        render = {"表二": _table2, "表三": _table3, "表四": _table4}[table.name]
        return render(table, report)
    return [block.text]


_TABLE_SECTIONS = ("proactive", "applications", "reviews")


def fragile_lines(report: Report) -> list[tuple[str, str]]:
    """(where, line) for text lines that Markdown cannot carry as they are (see docs: Markdown limit).

    A line starting with #, ** or __ is read back without its marker, one starting with | in a table
    section as a table row; a line that
    looks like a later section's heading starts that section. They are not escaped (the reader would need to
    know the escape), so the write command names them instead of losing them silently."""
    out = []
    for position, key in enumerate(("preamble", *SECTION_KEYS)):
        for line in (getattr(report.sections, key) or "").split("\n"):
            text = line.strip()
            heading = heading_key(text) if text else None
            # the reader takes headings in order only: an earlier (or the same) section's title stays text
            later = heading is not None and SECTION_KEYS.index(heading) + 1 > position
            # a pipe line is a table row only where the reader looks for a table
            in_table = key in _TABLE_SECTIONS or (key == "preamble" and report.sections.overview is None)
            marker = text.startswith(("#", "**", "__")) or (in_table and text.startswith("|"))
            if text and (marker or later):
                out.append((f"sections.{key}", text))
    return out


def write(report: Report) -> str:
    """The report as Markdown text (paragraphs separated by blank lines)."""
    parts = ["\n".join(_block_lines(b, report)) for b in blocks(report)]
    carried = front_matter({"agency": report.agency or ""})
    if carried:  # metadata, not text: the reader takes the organ from it and keeps it out of the sections
        parts.insert(0, "\n".join(carried))
    return "\n\n".join(parts) + "\n"
