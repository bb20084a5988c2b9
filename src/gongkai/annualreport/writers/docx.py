"""DOCX in 公文 style (GB/T 9704-2012), laid out like the published tables with merged cells.

The page, styles, fonts, footers and metadata are the platform's document standard
(:mod:`gongkai.gongwen`); this module only lays the report's blocks onto it. Tables survive page
breaks: no row splits (``w:cantSplit``), the header rows of tables 3 and 4 repeat (``w:tblHeader``),
every table is kept on one page when it fits (``w:keepNext`` on its rows, so table 2 is whole and the
merged labels 三、本年度办理结果 and （三）不予公开 are on the page of their rows), and a heading or the
paragraph before a table stays with it. A table taller than a page is printed in parts
(``layout.page_parts``), each on its own page under the header rows and with its merged labels again.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from gongkai.annualreport.markers import CARRIED_MARK
from gongkai.annualreport.model import Report
from gongkai.annualreport.writers.layout import (
    Block,
    Table,
    blocks,
    cell_text,
    grid_positions,
    header_row_count,
    is_subheading,
    page_parts,
)
from gongkai.gongwen import docx as gw
from gongkai.gongwen.standard import title_lines

LABEL_MARGIN_MM = 1.5  # row labels keep some air; count columns get 0.5 mm so headers set 2 characters a line
COUNT_MARGIN_MM = 0.5


def _label_margins(tc) -> None:
    margins = gw.child(tc.get_or_add_tcPr(), "w:tcMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(LABEL_MARGIN_MM / 25.4 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def _table(document, table: Table, report: Report) -> None:
    """The table with the format's merges; labels left-aligned, headers and values centred."""
    positions = grid_positions(table)
    grid = document.add_table(rows=len(table.rows), cols=table.columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    gw.cell_margins(grid, left_mm=COUNT_MARGIN_MM, right_mm=COUNT_MARGIN_MM)
    for column, width in zip(grid.columns, table.widths_mm, strict=True):  # before merging: merges sum them
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    for row, places in zip(table.rows, positions, strict=True):
        for cell, (r, c) in zip(row, places, strict=True):
            if cell.rowspan > 1 or cell.colspan > 1:
                grid.cell(r, c).merge(grid.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
    cells = grid._cells  # one pass: table.cell() recomputes the whole grid on every call
    for row, places in zip(table.rows, positions, strict=True):
        for cell, (r, c) in zip(row, places, strict=True):
            target = cells[r * table.columns + c]
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = target.paragraphs[0]
            is_label = cell.path is None and not cell.header
            if is_label:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                _label_margins(target._tc)
            paragraph.add_run(cell_text(cell, report))
    gw.table_paragraphs(grid, document)
    gw.rows_never_split(grid)
    gw.repeat_header_rows(grid, header_row_count(table))
    gw.keep_together(grid)


def _block(document, block: Block, report: Report, keep_with_next: bool) -> None:
    if block.kind == "title":
        gw.add_title(document, title_lines(block.text, report.agency))
    elif block.kind == "note":
        paragraph = gw.add_paragraph(document, block.text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.kind == "heading":
        gw.add_paragraph(document, block.text, gw.HEADING1)
    elif block.kind == "table":
        for part in page_parts(block.table, report):
            if part.part:
                gw.add_page_break(document)
            _table(document, part, report)
    elif block.kind == "paragraph" and is_subheading(block.text):
        gw.add_paragraph(document, block.text, gw.HEADING2)
    else:
        gw.add_paragraph(document, block.text, keep_with_next=keep_with_next)


def write(report: Report) -> bytes:
    """The report as a .docx file's bytes.

    The organ is metadata, never invented text: ``dc:subject`` (and ``dc:creator``), marked as ours by
    ``dc:identifier`` = ``gongkai`` and by the keyword ``gongkai`` (which LibreOffice's PDF export keeps)."""
    document = gw.new_document(
        title=report.title or "",
        subject=report.agency or "",
        creator=report.agency or "",
        keywords=CARRIED_MARK if report.agency else "",
        identifier=CARRIED_MARK if report.agency else "",
    )
    items = list(blocks(report))
    signature = [b.text for b in items if b.kind == "sign"]
    for block, after in zip(items, [*items[1:], None], strict=True):
        if block.kind != "sign":
            _block(document, block, report, keep_with_next=after is not None and after.kind == "table")
    if signature:
        organ, date = (signature[0], signature[1]) if len(signature) == 2 else (None, signature[0])
        gw.add_signature(document, organ, date)
    return gw.to_bytes(document)
