"""The bounded reader (issue 8, security review H1 and H2): every input is read or refused within its budget.

The deterministic caps are asserted (which cap refused, that it stopped as soon as it was passed, the memory
traced); never a timing. The deadline itself is tested with a budget no read can meet.
"""

import io
import random
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from gongkai.annualreport.cli import main
from gongkai.annualreport.readers import Budget, LimitExceeded, UnreadableError, limits, read
from gongkai.annualreport.readers.layout import tokenize

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import fuzz  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED = FIXTURES / "seeds" / "000_155da6e1a3ee7016.txt"


def pdf(content: bytes) -> bytes:
    """The security review's one-page PDF around a content stream (Helvetica as F1), as the fuzzer makes it."""
    return fuzz.pdf_file([content])


HEAD = b"BT /F1 12 Tf 72 720 Td (2023) Tj ET\n"


def refused(data, budget: Budget | None = None) -> tuple[LimitExceeded, dict, int]:
    """(the refusal, the guard's counters, the peak memory traced) of reading ``data``."""
    tracemalloc.start()
    try:
        with limits.guarded(budget or Budget(seconds=3600)) as guard, pytest.raises(LimitExceeded) as caught:
            read(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return caught.value, guard.counts, peak


# --- H1: the text layout is linear ---------------------------------------------------------------------


def test_bare_lines_after_a_cell_do_not_grow_it_line_by_line():
    """H1: each short bare line used to be appended to the cell before it and matched again (quadratic)."""
    lines = ["| 这是表格里的一段说明文字，不是任何栏目的名称 |"] + ["一二三"] * 20_000
    tokens, _ = tokenize(lines)
    assert max(len(t) for t in tokens if t) <= 200 + 8  # _LONGEST_CELL plus one fragment


def test_review_heading_text_is_read_or_refused_by_a_cap_not_stalled():
    """H1's reproduction: '一、总体情况\\n' × 57,142 (1.2 MB) took 37 s, growing with the square of the size.
    With no table heading all its lines are read as a table, past the table-lines cap; 35,000 of them (13 s
    before) are read, as an overview of bare lines."""
    error, _, _ = refused(("一、总体情况\n" * 57_142).encode())
    assert error.cap == "table_lines"
    report = read(("一、总体情况\n" * 35_000).encode(), budget=Budget(seconds=120))
    assert report.sections.overview.count("一、总体情况") == 34_999


# --- H2: PDF caps counted while parsing ----------------------------------------------------------------


def test_glyph_bomb_stops_at_the_cap_before_the_page_is_built():
    """1.5 M glyphs on one page (3.6 KB): 1.4 GB before; now the count stops one past the cap."""
    error, counts, peak = refused(pdf(b"BT /F1 1 Tf 10 800 Td (" + b"1" * 1_500_000 + b") Tj ET"))
    assert error.cap == "pdf_glyphs" and "PDF文字（字形）数上限 200000" in str(error)
    assert counts["pdf_glyphs"] == Budget().pdf_glyphs + 1
    assert peak < 120 * 2**20


@pytest.mark.parametrize(
    ("megabytes", "cap"),
    [(20, "pdf_page_content_bytes"), (100, "pdf_stream_bytes"), (300, "pdf_stream_bytes")],
)
def test_deflate_bombs_are_refused_by_the_inflation_caps(megabytes, cap):
    error, counts, peak = refused(pdf(HEAD + b"%" + b" " * (megabytes * 2**20)))
    assert error.cap == cap
    assert peak < 100 * 2**20  # never the whole stream (100 or 300 MB): the cap and its buffer
    assert counts.get("pdf_glyphs", 0) == 0  # refused before the content was interpreted


def test_twenty_megabytes_of_path_operators_are_refused_before_interpretation():
    error, counts, _ = refused(pdf(HEAD + b"10 10 m 20 20 l S\n" * (20 * 2**20 // 18)))
    assert error.cap == "pdf_page_content_bytes"
    assert "pdf_segments" not in counts


def test_tiny_rectangle_bomb_stops_at_the_segment_cap():
    body = b"".join(b"%d %d 2 2 re S\n" % (10 + (i % 250) * 2, 10 + i // 250 * 2) for i in range(20_000))
    error, counts, _ = refused(pdf(HEAD + body))
    assert error.cap == "pdf_page_segments"
    assert counts["pdf_segments"] <= Budget().pdf_page_segments + 5  # one rectangle past the cap at most


def test_dense_grid_is_refused_before_its_cells_are_built():
    h = b"".join(b"10 %d m 580 %d l S\n" % (10 + i, 10 + i) for i in range(800))
    v = b"".join(b"%d 10 m %d 830 l S\n" % (10 + i, 10 + i) for i in range(500))
    error, _, peak = refused(pdf(HEAD + h + v))
    assert error.cap == "pdf_table_cells"
    assert peak < 100 * 2**20


def test_real_pdfs_are_far_inside_every_cap():
    budget = Budget(seconds=120)
    for path in (FIXTURES / "pdf" / "report-2019-lines.pdf", FIXTURES / "unseen" / "ruled-2023.pdf"):
        with limits.guarded(budget) as guard:
            assert read(path).applications is not None
        for cap, used in guard.counts.items():
            assert used * 5 < getattr(budget, cap), (path.name, cap, used)


def test_extractor_called_alone_is_bounded_too():
    from gongkai.annualreport.readers.pdf import to_text

    with pytest.raises(LimitExceeded) as caught:
        to_text(pdf(b"BT /F1 1 Tf 10 800 Td (" + b"1" * 400_000 + b") Tj ET"))
    assert caught.value.cap == "pdf_glyphs"


# --- HTML and DOCX: caps before the tree walk ----------------------------------------------------------


def test_html_with_too_many_tags_is_refused_before_parsing(monkeypatch):
    from gongkai.annualreport.readers import html

    def never(*_):
        raise AssertionError("parsed")

    monkeypatch.setattr(html.etree, "fromstring", never)
    page = "<html><body><table>" + "<tr><td>规章</td><td>0</td></tr>" * 50_000 + "</table></body></html>"
    error, _, _ = refused(page.encode())
    assert error.cap == "html_tags" and "HTML标签数上限 250000" in str(error)


def test_html_characters_are_counted_before_the_walk(monkeypatch):
    from gongkai.annualreport.readers import html

    def never(*_):
        raise AssertionError("walked")

    monkeypatch.setattr(html, "_walk", never)
    page = (
        "<html><body><h1>某局2023年政府信息公开工作年度报告</h1><p>" + "字" * 2_100_000 + "</p></body></html>"
    )
    error, _, _ = refused(page.encode())
    assert error.cap == "max_chars" and "文字字符数上限 2000000" in str(error)


def _docx(xml: bytes, extra: int = 0) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
        for i in range(extra):
            archive.writestr(f"word/media/{i}.bin", b"")
    return buffer.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_characters_are_counted_before_the_walk(monkeypatch):
    from gongkai.annualreport.readers import docx

    def never(*_):
        raise AssertionError("walked")

    monkeypatch.setattr(docx, "_block_lines", never)
    rng = random.Random(8)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(2_100_000)).encode()
    xml = (
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    error, _, _ = refused(_docx(xml))
    assert error.cap == "max_chars"


def test_docx_with_thousands_of_parts_is_refused_before_the_archive_is_listed():
    xml = b"<w:document " + W + b"><w:body/></w:document>"
    error, _, _ = refused(_docx(xml, extra=6_000))
    assert error.cap == "docx_entries" and "DOCX压缩包内文件数上限 5000" in str(error)


def test_text_with_too_many_lines_is_refused_by_the_line_cap():
    error, _, _ = refused(SEED.read_text("utf-8") + "规章\t0\t0\t0\n" * 120_000)
    assert error.cap == "max_lines"


# --- the deadline, the memory budget, configuration, the CLI ------------------------------------------


def test_deadline_refuses_in_chinese_naming_the_budget():
    with pytest.raises(LimitExceeded) as caught:
        read(SEED, budget=Budget(seconds=1e-9))
    assert caught.value.cap == "seconds"
    assert str(caught.value).startswith("读取超时：超过时间上限 1e-09 秒（GONGKAI_READ_SECONDS）")


def test_memory_budget_refuses_a_read_that_grows_the_process():
    """In a fresh process (so its resident size starts from nothing the suite did) with a 1 MB budget."""
    page = (
        "<html><body><table>"
        + "<tr><td>行政规范性文件</td><td>3</td></tr>" * 40_000
        + "</table></body></html>"
    )
    code = (
        "import sys\nfrom gongkai.annualreport.readers import read, UnreadableError\n"
        "try:\n    read(sys.stdin.buffer.read())\nexcept UnreadableError as e:\n    print(e)\n"
    )
    env = {"GONGKAI_READ_MEMORY_MB": "1", "GONGKAI_READ_SECONDS": "120", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=page.encode(),
        capture_output=True,
        env=env,
        check=True,
        timeout=300,
    )
    assert done.stdout.decode().strip() == "读取占用内存超过上限 1 MB（GONGKAI_READ_MEMORY_MB），拒绝读取"


def test_budget_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("GONGKAI_READ_SECONDS", "5")
    monkeypatch.setenv("GONGKAI_READ_MEMORY_MB", "512")
    assert (Budget.from_env().seconds, Budget.from_env().memory_mb) == (5.0, 512)
    monkeypatch.setenv("GONGKAI_READ_SECONDS", "快")
    with pytest.raises(UnreadableError, match="环境变量 GONGKAI_READ_SECONDS 应为正数，实际为“快”"):
        read(SEED)


def test_cli_names_the_cap_and_exits_2(tmp_path, capsys):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf(b"BT /F1 1 Tf 10 800 Td (" + b"1" * 400_000 + b") Tj ET"))
    assert main(["read", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"gongkai report: 无法读取：{path}（超过读取上限：PDF文字（字形）数上限 200000（已达 200001），"
        "不像一份年度报告，拒绝读取）\n"
    )


def test_damaged_stream_fallback_keeps_what_pdfminer_kept():
    """The bounded fallback gives the same bytes as pdfminer's own (byte by byte, quadratic) one."""
    from pdfminer.pdftypes import decompress_corrupted

    from gongkai.annualreport.readers.pdf import _inflate_damaged

    raw = zlib.compress(b"BT (2023) Tj ET\n" * 5000)
    for damaged in (raw[:-2] + b"\x00\x00", raw[: len(raw) // 2], raw[:100] + b"\xff\xff\xff" + raw[103:]):
        assert _inflate_damaged(damaged) == decompress_corrupted(damaged)
