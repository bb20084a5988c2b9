"""DOCX in 公文 style (GB/T 9704-2012), laid out like the published tables with merged cells.

A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号 centred;
body 仿宋_GB2312 三号; level-1 headings 黑体, level-2 headings 楷体_GB2312. Chinese font names must be set
as ``w:eastAsia`` in ``w:rFonts``: Word uses that attribute, not ``w:ascii``, for CJK characters.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.annualreport.markers import CARRIED_MARK
from gongkai.annualreport.model import Report
from gongkai.annualreport.writers.layout import Block, Table, blocks, cell_text, grid_positions, is_subheading

# 公文 parameters (GB/T 9704-2012 §5.2, §7): data, not literals in the code below.
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TITLE_FONT = ("方正小标宋简体", Pt(22))  # 二号
BODY_FONT = ("仿宋_GB2312", Pt(16))  # 三号
HEADING1_FONT = ("黑体", Pt(16))
HEADING2_FONT = ("楷体_GB2312", Pt(16))
TABLE_FONT = ("仿宋_GB2312", Pt(10.5))  # 五号, so table 3 fits the type area
PAGE_NUMBER_FONT = ("宋体", Pt(14))  # 四号
LINE_SPACING = Pt(28)  # fixed 28 pt: 22 lines per page at 三号


def set_font(run, name: str, size) -> None:
    """Set a run's font for Latin and CJK text alike (``w:eastAsia`` is what Word uses for 汉字)."""
    run.font.name = name
    run.font.size = size
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT[0])


def _page_numbers(document) -> None:
    """Footer "— 1 —" centred, 宋体 四号 (GB/T 9704 §7.5 puts it at the outer side; centred is common)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("— "), *PAGE_NUMBER_FONT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("1")
    set_font(run, *PAGE_NUMBER_FONT)
    field.append(run._element)  # the run moves inside the field: Word shows the page number there
    paragraph._p.append(field)
    set_font(paragraph.add_run(" —"), *PAGE_NUMBER_FONT)


def _paragraph(document, text: str, font, *, align=None, indent: bool = False):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_SPACING
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 三号
    set_font(paragraph.add_run(text), *font)
    return paragraph


def _table(document, table: Table, report: Report) -> None:
    """The table with the format's merges; labels left-aligned, headers and values centred, vertically
    centred, and set in 五号 so table 3 fits the type area."""
    positions = grid_positions(table)
    grid = document.add_table(rows=len(table.rows), cols=table.columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
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
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if is_label else WD_ALIGN_PARAGRAPH.CENTER
            set_font(paragraph.add_run(cell_text(cell, report)), *TABLE_FONT)


def _block(document, block: Block, report: Report) -> None:
    if block.kind == "title":
        _paragraph(document, block.text, TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif block.kind == "note":
        _paragraph(document, block.text, BODY_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif block.kind == "heading":
        _paragraph(document, block.text, HEADING1_FONT, indent=True)
    elif block.kind == "table":
        _table(document, block.table, report)
    elif block.kind == "sign":
        _paragraph(document, block.text, BODY_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    elif is_subheading(block.text):
        _paragraph(document, block.text, HEADING2_FONT, indent=True)
    else:
        _paragraph(document, block.text, BODY_FONT, indent=True)


def _properties(document, report: Report) -> None:
    """Title, and the organ as metadata (never as invented text), marked as ours for the DOCX reader."""
    properties = document.core_properties
    properties.title = report.title or ""
    if report.agency:
        properties.identifier = CARRIED_MARK
        properties.subject = report.agency


def write(report: Report) -> bytes:
    """The report as a .docx file's bytes."""
    document = Document()
    _setup(document)
    _page_numbers(document)
    _properties(document, report)
    for block in blocks(report):
        _block(document, block, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
