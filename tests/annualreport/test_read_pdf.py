"""PDF with a text layer → text: tables rebuilt from ruling lines, every cell asserted; scans refused."""

from pathlib import Path

import pytest
from readback import assert_reads_back_fixture_report

from gongkai.annualreport.model import APPLICANT_COLUMNS
from gongkai.annualreport.readers.extract import ExtractError
from gongkai.annualreport.readers.pdf import to_text

PDF = Path(__file__).parents[1] / "fixtures" / "pdf"

# What tests/fixtures/make_fixtures.py printed (fixture_report), typed as the rows must come back.
TABLE3 = [
    ["一、本年新收政府信息公开申请数量", "11", "2", "0", "0", "1", "0", "14"],
    ["二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"],
    ["三、本年度办理结果", "（一）予以公开", "5", "1", "0", "0", "0", "0", "6"],
    ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", "0", "0", "0", "0", "0", "1"],
    ["（三）不予公开", "1.属于国家秘密", *["0"] * 7],
    ["2.其他法律行政法规禁止公开", *["0"] * 7],
    ["3.危及“三安全一稳定”", *["0"] * 7],
    ["4.保护第三方合法权益", "1", "0", "0", "0", "0", "0", "1"],
    ["5.属于三类内部事务信息", *["0"] * 7],
    ["6.属于四类过程性信息", *["0"] * 7],
    ["7.属于行政执法案卷", *["0"] * 7],
    ["8.属于行政查询事项", *["0"] * 7],
    ["（四）无法提供", "1.本机关不掌握相关政府信息", "3", "1", "0", "0", "1", "0", "5"],
    ["2.没有现成信息需要另行制作", *["0"] * 7],
    ["3.补正后申请内容仍不明确", *["0"] * 7],
    ["（五）不予处理", "1.信访举报投诉类申请", *["0"] * 7],
    ["2.重复申请", "1", "0", "0", "0", "0", "0", "1"],
    ["3.要求提供公开出版物", *["0"] * 7],
    ["4.无正当理由大量反复申请", *["0"] * 7],
    ["5.要求行政机关确认或重新出具已获取信息", *["0"] * 7],
    ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *["0"] * 7],
    [
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "0",
        "0",
        "",
        "0",
        "0",
        "0",
        "0",
    ],
    ["3.其他", *["0"] * 7],
    ["（七）总计", "11", "2", "0", "0", "1", "0", "14"],
    ["四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", "1"],
]
TABLE2 = [
    ["第二十条第（一）项"],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "3", "1", "12"],
    ["第二十条第（五）项"],
    ["信息内容", "本年处理决定数量"],
    ["行政许可", "1562"],
    ["第二十条第（六）项"],
    ["信息内容", "本年处理决定数量"],
    ["行政处罚", "87"],
    ["行政强制", ""],
    ["第二十条第（八）项"],
    ["信息内容", "本年收费金额（单位：万元）"],
    ["行政事业性收费", "0"],
]


@pytest.fixture(scope="module")
def rows():
    return [line.split("\t") for line in to_text((PDF / "report-2023.pdf").read_bytes()).splitlines()]


def _block(rows, first, count):
    i = rows.index(first)
    return rows[i : i + count]


def test_table_3_every_cell_with_merged_labels_on_their_first_row(rows):
    assert _block(rows, TABLE3[0], len(TABLE3)) == TABLE3


def test_table_3_header_spans(rows):
    i = rows.index(["三、收到和处理政府信息公开申请情况"])
    assert rows[i + 1] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
    ]
    assert rows[i + 2] == ["自然人", "法人或其他组织", "总计"]
    assert rows[i + 3] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_table_2_every_cell_with_a_blank(rows):
    assert _block(rows, TABLE2[0], len(TABLE2)) == TABLE2


def test_table_4_every_cell(rows):
    i = rows.index(["四、政府信息公开行政复议、行政诉讼情况"])
    assert rows[i + 1] == ["行政复议", "行政诉讼"]
    assert rows[i + 4] == ["1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]


def test_wrapped_paragraphs_are_joined_and_page_numbers_dropped(rows):
    lines = ["\t".join(r) for r in rows]
    assert (
        "2023年，我局深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        "全年主动公开政府信息128条，受理政府信息公开申请14件，切实保障人民群众的知情权、参与权和监督权。"
    ) in lines
    assert "五、存在的主要问题及改进情况" in lines and "六、其他需要报告的事项" in lines
    assert not any(line.startswith("- ") and line.endswith(" -") for line in lines)
    assert lines[-2:] == ["南昌市青山湖区市场监督管理局", "2024年1月22日"]


def test_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(ExtractError, match="无文字层"):
        to_text((PDF / "scanned.pdf").read_bytes())


def test_truncated_or_garbage_pdf_gives_a_clear_error():
    data = (PDF / "report-2023.pdf").read_bytes()
    for bad in (data[:2000], b"%PDF-1.7\n" + b"\x00" * 100):
        with pytest.raises(ExtractError):
            to_text(bad)


def test_reads_into_the_report_the_fixture_printed_every_cell():
    """make_fixtures.py printed ``fixture_report()``; reading the file must give it back, cell for cell."""
    assert_reads_back_fixture_report(Path(__file__).parents[1] / "fixtures" / "pdf/report-2023.pdf")


def test_scanned_pdf_through_the_dispatcher_is_unreadable_and_says_why():
    from gongkai.annualreport.readers import UnreadableError, read

    with pytest.raises(UnreadableError, match="无文字层"):
        read(PDF / "scanned.pdf")


def test_table_split_across_pages_with_repeated_header_and_line_borders():
    """Word-style borders (separate lines); table 3 breaks after 5.属于三类内部事务信息, header repeated."""
    rows = [line.split("\t") for line in to_text((PDF / "report-2019-lines.pdf").read_bytes()).splitlines()]
    header = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    assert rows.count(header) == 2
    i = rows.index(["5.属于三类内部事务信息", *["0"] * 7])
    assert rows[i + 1] == header and rows[i + 2] == ["自然人", "法人或其他组织", "总计"]
    # The two merged labels cut by the page break continue as empty boxes on the new page.
    assert rows[i + 4] == ["", "", "6.属于四类过程性信息", *["0"] * 7]
    assert ["（六）其他处理", "1", "0", "0", "0", "0", "0", "1"] in rows  # the 2019 single （六） row
    assert ["其他对外管理服务事项", "6", "-1", "48"] in rows
    assert ["行政强制", "4", "", "0"] in rows
    assert ["政府集中采购", "5", "136.8"] in rows


def test_2019_pdf_reads_into_its_report_every_cell():
    from make_fixtures import fixture_report_2019

    from gongkai.annualreport.readers import read

    expected = fixture_report_2019()
    report = read(PDF / "report-2019-lines.pdf")
    assert report.format == "2019"
    assert dict(report.cells()) == dict(expected.cells())
    assert report == expected
    assert report.problems == []


def test_undecodable_cid_text_is_refused():
    from gongkai.annualreport.readers.pdf import check_decodable

    with pytest.raises(ExtractError, match="无法解码"):
        check_decodable(["(cid:12)(cid:13)(cid:14)", "(cid:15)(cid:16)"])
    check_decodable(["一、总体情况", "规章\t0\t0\t0"])  # ordinary text passes


def _cid_only_pdf() -> bytes:
    """A one-page PDF whose Type0 font has Identity-H encoding and no ToUnicode map, as some
    publishing tools emit: pdfminer can only print its glyphs as ``(cid:N)``."""
    stream = b"BT /F1 12 Tf 72 700 Td <0012001300140015> Tj ET"
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Junk /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Junk"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)


def test_pdf_whose_text_is_cid_junk_is_refused_by_to_text_and_read(tmp_path):
    from gongkai.annualreport.readers import UnreadableError, read

    data = _cid_only_pdf()
    with pytest.raises(ExtractError, match="无法解码"):
        to_text(data)
    path = tmp_path / "cid.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableError, match="无法解码"):
        read(path)


def test_borderless_tables_give_right_cells_or_named_problems_never_wrong_numbers():
    """Without ruling lines, columns come from x gaps; a blank cell cannot be placed, so its row is left
    unread and named. Every other cell must be right."""
    from make_fixtures import fixture_report

    from gongkai.annualreport.readers import read

    expected = dict(fixture_report().cells())
    report = read(PDF / "report-borderless.pdf")
    got = dict(report.cells())
    wrong = {k: (v, got[k]) for k, v in expected.items() if got[k] is not None and got[k] != v}
    assert wrong == {}
    unread = {k for k, v in expected.items() if got[k] is None and v is not None}
    assert unread == {f"applications.results.other.fee_unpaid.{c}" for c in APPLICANT_COLUMNS} - {
        "applications.results.other.fee_unpaid.research_institution"
    }
    assert "applications.results.other.fee_unpaid" in [p.where for p in report.problems]
    rows = [line.split("\t") for line in to_text((PDF / "report-borderless.pdf").read_bytes()).splitlines()]
    assert ["行政规范性文件", "3", "1", "12"] in rows
    assert ["1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"] in rows


def test_fake_bold_overprinted_text_is_read_once():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.set_font("helvetica", size=16)
    for dx in (0, 0.15, 0.3):  # the title drawn three times, slightly shifted: "fake bold"
        pdf.text(40 + dx, 40, "Annual Report 2023")
    pdf.set_font("helvetica", size=12)
    body = "Total 11 11, repeated words far apart are kept on this full-width body line."
    pdf.text(20, 60, body)
    assert to_text(bytes(pdf.output())).splitlines() == ["Annual Report 2023", body]


def test_page_frame_or_background_is_not_a_table():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.rect(10, 10, 190, 277)  # a frame around the page
    pdf.set_font("helvetica", size=12)
    pdf.text(30, 30, "First heading")
    pdf.text(30, 40, "Overview paragraph that is plain text inside the page frame, not a table.")
    for x in (30, 80, 130):  # a real 3x1 ruled table below
        pdf.rect(x, 60, 50, 10)
    for x, word in ((35, "rules"), (85, "1"), (135, "")):
        pdf.text(x, 66, word)
    lines = to_text(bytes(pdf.output())).splitlines()
    assert lines == [
        "First heading",
        "Overview paragraph that is plain text inside the page frame, not a table.",
        "rules\t1\t",
    ]


def test_bordered_text_box_keeps_its_lines():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.rect(20, 20, 170, 40)  # a box around two paragraphs: one cell, so not a table
    pdf.set_font("helvetica", size=12)
    pdf.text(30, 35, "Note:")
    pdf.text(30, 48, "Boxed note, second line.")
    assert to_text(bytes(pdf.output())).splitlines() == [
        "Note:",
        "Boxed note, second line.",
    ]


def _line(text: str, x0: float, y: float, size: float = 16.0):
    from gongkai.annualreport.readers.pdf import Glyph

    out, x = [], x0
    for ch in text:
        w = size * (0.55 if ch.isascii() else 1.0)
        out.append(Glyph(ch, x, x + w, y, y + size))
        x += w
    return out


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a web address broken after "/": the next line's "511.html" is not a heading "1."
        ("全年累计发布信息511条，详见门户网站（http://www.example.gov.cn/xxgk/", "511.html）专栏。"),
        # line breaking keeps "审”制，" together (no break beside a curly quote); WeasyPrint does not
        # justify Chinese lines, so the line above ends three characters short of the margin
        ("一是加强信息审核，实行信息发布“三", "审”制，严格保护个人信息安全。"),
    ],
)
def test_wrapped_line_is_joined_after_a_break_the_renderer_forced(first, second):
    from gongkai.annualreport.readers.pdf import _paragraphs

    left = 79.4
    top = _line(first, left, 700)
    right = top[-1].x1 + 3 * 16  # the line ends three characters short of the margin
    joined = _paragraphs([top, _line(second, left, 671)], left, right)
    assert [text for _, text in joined] == [first + second]
    # a paragraph that really ends there stays apart when the next line is indented
    apart = _paragraphs([top, _line(second, left + 32, 671)], left, right)
    assert [text for _, text in apart] == [first, second]


@pytest.mark.parametrize(
    ("line", "heading"),
    [("1.html）专栏。", False), ("2.5万元。", False), ("1.属于国家秘密", True), ("（一）主动公开", True),
     ("六、其他需要报告的事项", True)],
)  # fmt: skip
def test_a_number_before_ascii_is_not_a_heading(line, heading):
    from gongkai.annualreport.readers.pdf import _is_heading

    assert _is_heading(line) is heading
