"""DOCX in 公文 style: page, fonts (with eastAsia names), and tables with merged cells."""

import datetime
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import read
from gongkai.annualreport.writers import write


def _report() -> Report:
    report = Report.blank("2021")
    report.title = "宜春市袁州区人力资源和社会保障局2023年政府信息公开工作年度报告"
    report.agency = "宜春市袁州区人力资源和社会保障局"
    report.published_on = datetime.date(2024, 1, 31)
    report.sections.overview = "（一）主动公开\n全年主动公开政府信息56条。"
    report.applications.new.natural_person = 4
    report.applications.new.total = 0
    return report


def _doc(report=None):
    return Document(io.BytesIO(write(report or _report(), "docx")))


def _font(run):
    fonts = run._element.rPr.rFonts
    return fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii")), run.font.size


def test_a4_page_and_gbt9704_margins():
    section = _doc().sections[0]
    # Word stores twips (1/1440 inch), so millimetres come back to within a hundredth.
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    assert [round(s.mm, 1) for s in sizes] == [210, 297, 37, 35, 28, 26]


def _style_font(paragraph):
    """(eastAsia, ascii, size) of the paragraph's style: fonts live in real styles, not on each run."""
    style = paragraph.style
    fonts = style.element.rPr.rFonts
    return fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii")), style.font.size


def test_title_body_and_heading_fonts():
    paragraphs = _doc().paragraphs
    title, heading, subheading, body = paragraphs[:4]
    # 词意完整: the long title breaks after the organ's name (a line break in one paragraph)
    assert title.text == "宜春市袁州区人力资源和社会保障局\n2023年政府信息公开工作年度报告"
    assert title.alignment == 1 or title.style.paragraph_format.alignment == 1  # centred
    assert (title.style.name, _style_font(title)) == (
        "公文标题",
        ("方正小标宋简体", "方正小标宋简体", Pt(22)),
    )
    assert heading.text == "一、总体情况"
    assert (heading.style.name, _style_font(heading)) == ("一级标题", ("黑体", "黑体", Pt(16)))
    assert subheading.text == "（一）主动公开"
    assert (subheading.style.name, _style_font(subheading)) == (
        "二级标题",
        ("楷体_GB2312", "楷体_GB2312", Pt(16)),
    )
    assert body.text == "全年主动公开政府信息56条。"
    assert (body.style.name, _style_font(body)) == ("Normal", ("仿宋_GB2312", "仿宋_GB2312", Pt(16)))
    assert [p.text for p in paragraphs[-2:]] == ["宜春市袁州区人力资源和社会保障局", "2024年1月31日"]
    assert {p.style.name for p in paragraphs[-2:]} == {"落款"}
    assert (
        paragraphs[-1].paragraph_format.left_indent > paragraphs[-2].paragraph_format.left_indent
    )  # date 2 chars right


def _spans(table):
    """(text, gridSpan, vMerge) of every w:tc, row by row."""
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            row.append(("".join(t.text for t in tc.iter(qn("w:t"))), tc.grid_span, tc.vMerge))
        rows.append(row)
    return rows


def test_table_3_merged_cells_as_in_the_format():
    tables = _doc().tables
    assert len(tables) == 3
    rows = _spans(tables[1])
    assert len(rows) == 28
    assert rows[0][0][1:] == (3, "restart") and rows[0][1] == ("申请人情况", 7, None)
    assert rows[1][1][:2] == ("自然人", 1) and rows[1][2] == ("法人或其他组织", 5, None)
    assert rows[3][0] == ("一、本年新收政府信息公开申请数量", 3, None)
    assert [c[0] for c in rows[3][1:]] == ["4", "", "", "", "", "", "0"]  # blank is empty, 0 is 0
    assert rows[5][0] == ("三、本年度办理结果", 1, "restart")
    assert rows[7][1] == ("（三）不予公开", 1, "restart")
    assert rows[8][0][2] == "continue" and rows[8][1][2] == "continue"
    assert rows[8][2][0] == "2.其他法律行政法规禁止公开"


def test_table_4_two_level_header_merges():
    rows = _spans(_doc().tables[2])
    assert rows[0] == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert [c[2] for c in rows[1][:5]] == ["restart"] * 5
    assert rows[1][5] == ("未经复议直接起诉", 5, None)
    assert [c[2] for c in rows[2][:5]] == ["continue"] * 5
    assert len(rows[3]) == 15


def test_2019_single_other_row_and_own_table_2():
    report = Report.blank("2019")
    report.proactive_2019.procurement.projects = 7
    tables = _doc(report).tables
    texts = [c[0] for row in _spans(tables[0]) for c in row]
    assert "第二十条第（九）项" in texts and "采购项目数量" in texts
    assert "7" in texts
    other = [row for row in _spans(tables[1]) if any(c[0] == "（六）其他处理" for c in row)]
    assert len(other) == 1 and ("（六）其他处理", 2, None) in other[0]


def test_page_number_footer_and_table_column_widths():
    document = _doc()
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    field = footer._p.find(qn("w:fldSimple"))
    assert field is not None and field.get(qn("w:instr")) == "PAGE"
    table3 = document.tables[1]
    widths = [round(col.w.mm, 1) for col in table3._tbl.tblGrid.gridCol_lst]
    assert widths[:3] == [12, 26, 56] and round(sum(widths)) == 156  # labels wide, fills the type area
    assert round(table3.cell(7, 2).width.mm) == 56  # 1.属于国家秘密 has the wide label column


def test_tables_survive_page_breaks_in_word_too():
    """No row splits, repeated header rows, tables kept together; a table taller than a page in parts,
    each after a page break, with 三、本年度办理结果 again; table paragraphs (blank cells too) in 表格 五号."""
    report = Report.blank("2021")
    for path, _ in list(report.cells("applications")):
        report.set(path, 12_345_678)
    doc = _doc(report)
    tables = doc.tables
    assert len(tables) > 3  # table 2, table 3 in parts, table 4
    parts = tables[1:-1]
    for table in tables:
        rows = table._tbl.tr_lst
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        for p in table._tbl.iter(qn("w:p")):
            assert p.pPr.pStyle.val == doc.styles["表格"].style_id
    assert doc.styles["表格"].font.size == Pt(10.5)
    for part in [*parts, tables[-1]]:
        header = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in part._tbl.tr_lst]
        assert header[:4] == [True, True, True, False]
    for part in parts[1:]:
        before = part._tbl.getprevious()
        assert before.tag == qn("w:p") and before.pPr.find(qn("w:pageBreakBefore")) is not None
        assert part.rows[3].cells[0].text == "三、本年度办理结果"
    margins = tables[1]._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins.find(qn("w:left")).get(qn("w:w")) == str(round(0.5 / 25.4 * 1440))  # 商业/企业
    assert read(write(report, "docx")) == report


def test_a_table_that_fits_a_page_is_one_table():
    assert len(_doc().tables) == 3
