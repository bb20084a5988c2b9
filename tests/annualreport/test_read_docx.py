"""DOCX → text: merged cells, broken labels, and hostile archives (zip bomb, truncation)."""

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from gongkai.annualreport.readers.docx import ExtractError, to_text

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
    assert elapsed < 1.0
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
