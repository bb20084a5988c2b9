"""A standalone HTML page laid out like the published tables (rowspan/colspan as in the format).

The page follows the platform's document standard (:mod:`gongkai.gongwen.html`): on screen the tables
scroll sideways on a phone; printed (or made into a PDF by :mod:`writers.pdf`) it is A4 with the 公文
margins, page numbers and the DOCX's layout. Tables are accessible: a ``<caption>`` for screen readers,
the column headers in ``<thead>`` (repeated on each printed page), ``scope`` on every header cell and
row labels as ``<th scope="row">``.
"""

from __future__ import annotations

import re
from html import escape

from gongkai.annualreport.markers import ASIDE_CLASS, CARRIED_MARK, CARRIED_META
from gongkai.annualreport.model import SECTION_TITLES, Report
from gongkai.annualreport.writers.layout import (
    Block,
    Cell,
    Table,
    blocks,
    cell_text,
    header_row_count,
    is_subheading,
    page_parts,
    page_title,
)
from gongkai.gongwen import html as gw
from gongkai.gongwen.standard import title_lines

_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&*+=%-]+[A-Za-z0-9/_=#-]")
TABLE_CAPTIONS = {"表二": "proactive", "表三": "applications", "表四": "reviews"}


def linked(text: str) -> str:
    """Escaped text with its web addresses as links (the visible text unchanged)."""
    out, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0)
        href = url if url.startswith("http") else f"http://{url}"
        out += [escape(text[last : match.start()]), f'<a href="{escape(href)}">{escape(url)}</a>']
        last = match.end()
    return "".join(out) + escape(text[last:])


def _cell(cell: Cell, report: Report) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = escape(cell_text(cell, report))
    if cell.header:
        scope = "colgroup" if cell.colspan > 1 else "col"
        return f'<th scope="{scope}"{attrs}>{text}</th>'
    if cell.path is None:  # a row label
        scope = "rowgroup" if cell.rowspan > 1 else "row"
        return f'<th scope="{scope}" class="label"{attrs}>{text}</th>'
    return f'<td class="value"{attrs}>{text}</td>'


def _table(table: Table, report: Report) -> str:
    head = header_row_count(table)
    rows = ["<tr>" + "".join(_cell(c, report) for c in row) + "</tr>" for row in table.rows]
    cols = "".join(f'<col style="width:{w:.2f}mm">' for w in table.widths_mm)
    key = TABLE_CAPTIONS[table.name]
    more = "（续）" if table.part else ""
    caption = f'<caption class="sr-only {ASIDE_CLASS}">{table.name}{more} {escape(SECTION_TITLES[key][2:])}</caption>'
    thead = f"<thead>\n{chr(10).join(rows[:head])}\n</thead>\n" if head else ""
    scroll = "table-scroll continued" if table.part else "table-scroll"
    return (
        f'<div class="{scroll}">\n<table class="gw">\n{caption}\n<colgroup>{cols}</colgroup>\n{thead}'
        f"<tbody>\n{chr(10).join(rows[head:])}\n</tbody>\n</table>\n</div>"
    )


def _block(block: Block, report: Report) -> str:
    if block.kind == "title":
        return "<h1>" + "<br>".join(escape(line) for line in title_lines(block.text, report.agency)) + "</h1>"
    if block.kind == "heading":
        return f"<h2>{escape(block.text)}</h2>"
    if block.kind == "table":
        return _table(block.table, report)
    if block.kind == "paragraph" and is_subheading(block.text):
        return f"<h3>{escape(block.text)}</h3>"
    if block.kind == "note":
        return f'<p class="note">{escape(block.text)}</p>'
    return f"<p>{linked(block.text)}</p>"


def body(report: Report) -> str:
    items = [b for b in blocks(report) if b.kind != "sign"]
    out = []
    for block in items:
        if block.kind != "table":
            out.append(_block(block, report))
            continue
        first, *more = (_table(part, report) for part in page_parts(block.table, report))
        if out:  # what precedes a table stays with it (its first part) in print: the heading, or the
            kept = [out.pop()]  # last paragraph, and the heading too when it is the only one (as the DOCX)
            if out and out[-1].startswith("<h2>") and not kept[0].startswith("<h2>"):
                kept.insert(0, out.pop())
            first = '<div class="keep">\n' + "\n".join([*kept, first]) + "\n</div>"
        out += [first, *more]
    items = list(blocks(report))
    signature = [b.text for b in items if b.kind == "sign"]
    if signature:
        organ, date = (signature[0], signature[1]) if len(signature) == 2 else (None, signature[0])
        out += gw.signature_html(organ, date)
    if not report.title:  # a heading that names the organ and year for screen readers and outlines
        out.insert(0, f'<h1 class="sr-only {ASIDE_CLASS}">{escape(page_title(report))}</h1>')
    return "\n".join(out)


def write(report: Report) -> str:
    """The whole page as text (UTF-8, declared in ``<meta charset>``)."""
    metas = {CARRIED_META: report.agency or ""}
    if report.agency:  # the PDF's document information (WeasyPrint): Subject = organ, Keywords = our mark
        metas |= {"author": report.agency, "description": report.agency, "keywords": CARRIED_MARK}
    metas["generator"] = "gongkai"
    return gw.page(title=page_title(report), body=body(report), metas=metas)
