"""DOCX → text: merged cells, broken labels, and hostile archives (zip bomb, truncation)."""

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from readback import assert_reads_back_fixture_report

from gongkai.annualreport.readers.docx import to_text
from gongkai.annualreport.readers.extract import ExtractError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "docx" / "merged-cells.docx"


def _lines():
    return to_text(FIXTURE.read_bytes()).splitlines()


def test_vertically_merged_labels_appear_once_on_their_first_row():
    lines = [line.split("\t") for line in _lines()]
    assert ["三、本年度办理结果", "（一）予以公开", "5", "1", "0", "0", "0", "0", "6"] in lines
    assert ["（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"] in lines
    assert ["2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"] in lines
    assert ["4.保护第三方合法权益", "1", "0", "0", "0", "0", "0", "1"] in lines
    assert ["（四）无法提供", "1.本机关不掌握相关政府信息", "3", "1", "0", "0", "1", "0", "5"] in lines
    assert ["2.重复申请", "1", "0", "0", "0", "0", "0", "1"] in lines


def test_horizontally_merged_cells_are_one_cell_and_blank_cells_stay_empty():
    lines = [line.split("\t") for line in _lines()]
    assert ["一、本年新收政府信息公开申请数量", "11", "2", "0", "0", "1", "0", "14"] in lines
    assert ["行政许可", "1562"] in lines  # the value spans three grid columns
    assert ["行政强制", ""] in lines  # blank, not 0
    fee = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert [fee, "0", "0", "", "0", "0", "0", "0"] in lines


def test_line_breaks_inside_cells_are_joined():
    lines = _lines()
    assert "自然人\t法人或其他组织\t总计" in lines  # 自<w:br/>然<w:br/>人 in the file
    assert "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉" in lines


def test_paragraphs_and_title_are_lines():
    lines = _lines()
    assert lines[0] == "南昌市青山湖区市场监督管理局2023年政府信息公开工作年度报告"
    assert lines[1] == "一、总体情况"
    assert lines[-2:] == ["南昌市青山湖区市场监督管理局", "2024年1月22日"]


def _bomb(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<" + b"a" * (1024 * 1024 - 1)
            for _ in range(size // len(chunk)):
                f.write(chunk)
    return out.getvalue()


def test_zip_bomb_is_refused_quickly_with_bounded_memory():
    data = _bomb(200 * 1024 * 1024)  # 200 MB of XML deflated to a few hundred KB
    assert len(data) < 1024 * 1024
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ExtractError, match="压缩|上限"):
        to_text(data)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 10  # a generous bound against a hang; memory is the real limit
    assert peak < 5 * 1024 * 1024


def test_truncated_docx_gives_a_clear_error():
    data = FIXTURE.read_bytes()
    with pytest.raises(ExtractError, match="DOCX"):
        to_text(data[: len(data) // 2])


def test_zip_without_document_part_is_not_a_word_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ExtractError, match="word/document.xml"):
        to_text(out.getvalue())


def test_broken_xml_gives_a_clear_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(ExtractError, match="XML"):
        to_text(out.getvalue())


def test_reads_into_the_report_the_fixture_printed_every_cell():
    """make_fixtures.py printed ``fixture_report()``; reading the file must give it back, cell for cell."""
    assert_reads_back_fixture_report(Path(__file__).parents[1] / "fixtures" / "docx/merged-cells.docx")


def test_zip_bomb_through_the_dispatcher_is_unreadable():
    from gongkai.annualreport.readers import UnreadableError, read

    with pytest.raises(UnreadableError, match="DOCX.*拒绝读取"):
        read(_bomb(100 * 1024 * 1024))


def _docx(body: str) -> bytes:
    """A minimal DOCX around a hand-written ``w:body`` (the markup Word and converters produce)."""
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_old_style_hmerge_and_vmerge_continuations_are_skipped():
    h_start, v_start = '<w:hMerge w:val="restart"/>', '<w:vMerge w:val="restart"/>'
    body = (
        "<w:tbl>"
        f"<w:tr>{_tc('行政复议', h_start)}{_tc('', '<w:hMerge/>')}{_tc('行政诉讼')}</w:tr>"
        f"<w:tr>{_tc('（三）不予公开', v_start)}{_tc('1.属于国家秘密')}{_tc('0')}</w:tr>"
        f"<w:tr>{_tc('', '<w:vMerge/>')}{_tc('2.其他法律行政法规禁止公开')}{_tc('')}</w:tr>"
        "</w:tbl>"
    )
    assert to_text(_docx(body)).splitlines() == [
        "行政复议\t行政诉讼",
        "（三）不予公开\t1.属于国家秘密\t0",
        "2.其他法律行政法规禁止公开\t",
    ]


def test_text_box_is_read_once_and_tabs_in_paragraphs_are_spaces():
    box = "<w:r><w:t>框内文字</w:t></w:r>"
    body = (
        "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
        f"<w:p><mc:AlternateContent><mc:Choice>{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>"
        "</mc:AlternateContent><w:r><w:tab/><w:t>正文</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
    )
    assert to_text(_docx(body)).splitlines() == ["一、总体情况", "框内文字 正文", "第二行"]


def test_xml_entity_expansion_bomb_is_not_expanded():
    """ "Billion laughs" inside document.xml: entities are not resolved, so memory and time stay small."""
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    xml = (
        f"<!DOCTYPE w:document [{entities}]>"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        text = to_text(out.getvalue())
    except ExtractError:
        text = ""
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "哈" * 1000 not in text
    assert elapsed < 10 and peak < 5 * 1024 * 1024


def test_layout_table_around_the_document_is_read_as_blocks():
    inner = f"<w:tbl><w:tr>{_tc('规章')}{_tc('0')}{_tc('')}</w:tr></w:tbl>"
    body = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>第一段。</w:t></w:r></w:p>{inner}<w:p/></w:tc></w:tr></w:tbl>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>六、其他需要报告的事项</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    assert to_text(_docx(body)).splitlines() == [
        "一、总体情况",
        "第一段。",
        "规章\t0\t",
        "六、其他需要报告的事项",
    ]
