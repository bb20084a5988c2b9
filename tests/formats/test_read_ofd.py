"""OFD (GB/T 33190) read natively: text with positions, tables rebuilt from the ruling lines as for PDF."""

import io
import zipfile
from pathlib import Path

import pytest
from make_formats import report_ofd, seed_with_numbers

from gongkai.annualreport.readers import UnreadableError, read
from gongkai.annualreport.readers.ofd import MAX_PARTS, deltas, is_ofd, to_text
from gongkai.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ofd" / "report-2023.ofd"


def assert_same_report(got, expected):
    wrong = {p: (v, got.get(p)) for p, v in expected.cells() if got.get(p) != v}
    assert wrong == {}
    assert (got.agency, got.year, got.published_on, got.format, got.title) == (
        "赣州经开区机关事务管理中心",
        2023,
        expected.published_on,
        "2021",
        expected.title,
    )


def test_the_committed_ofd_fixture_reads_every_cell_right():
    expected = seed_with_numbers()
    report = read(FIXTURE)
    assert_same_report(report, expected)
    assert report.problems == []
    assert report.applications.new.total == 32 and report.proactive.licensing.decisions == 1562
    assert report.applications.results.other.fee_unpaid.research_institution is None  # printed blank
    assert report.sections.shortcomings.startswith("2023年，区机关事务管理中心政务信息公开工作虽取得一定成效")


def test_ofd_with_a_text_object_per_glyph_a_ctm_and_separate_ruling_lines():
    expected = seed_with_numbers()
    report = read(report_ofd(expected, per_glyph=True))
    assert_same_report(report, expected)


def test_ofd_text_keeps_table_rows_as_tab_separated_lines():
    text = to_text(FIXTURE.read_bytes())
    assert "行政规范性文件\t3\t1\t12\n" in text
    assert "一、本年新收政府信息公开申请数量\t23\t5\t0\t2\t1\t1\t32\n" in text
    assert "3\t1\t0\t1\t5\t1\t0\t0\t2\t3\t0\t1\t0\t0\t1\n" in text  # table 4's single row of 15


def test_delta_x_runs_and_padding():
    assert deltas("g 3 4.2 1", 4) == [4.2, 4.2, 4.2, 1.0]
    assert deltas("1 2", 5) == [1.0, 2.0]  # shorter than the text: the reader repeats the last
    assert deltas("g 100 1", 2) == [1.0, 1.0]  # never more than asked
    assert deltas("x", 3) == []


def test_sniffed_by_its_ofd_xml_and_listed_by_table(tmp_path, capsys):
    assert is_ofd(FIXTURE.read_bytes())
    target = tmp_path / "r.ofd"
    target.write_bytes(FIXTURE.read_bytes())
    out = tmp_path / "t.csv"
    assert main(["report", "table", str(tmp_path), "-o", str(out)]) == 0
    assert "赣州经开区机关事务管理中心" in out.read_text(encoding="utf-8-sig")


def _ofd(parts: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _with_content(content: bytes) -> bytes:
    with zipfile.ZipFile(FIXTURE) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["Doc_0/Pages/Page_0/Content.xml"] = content
    return _ofd(parts)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with_content(b"<a>" + b" " * 30_000_000 + b"</a>"), "超过上限"),
        (_with_content(b"<a>" + b" " * 5_000_000 + b"</a>"), "压缩比异常"),
        (_ofd({f"p{i}": "" for i in range(MAX_PARTS + 1)} | {"OFD.xml": "<x/>"}), f"超过上限 {MAX_PARTS}"),
        (_ofd({"OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>"}), "没有 DocBody/DocRoot"),
        (_ofd({"OFD.xml": "<ofd:OFD"}), "XML无法解析"),
        (FIXTURE.read_bytes()[:-30], "OFD文件已损坏或不完整"),
    ],
    ids=["part-too-large", "zip-bomb", "too-many-parts", "no-doc-root", "broken-xml", "truncated"],
)
def test_hostile_ofd_is_refused_with_a_chinese_reason(data, message):
    with pytest.raises(UnreadableError) as error:
        read(data)
    assert message in str(error.value)


def test_ofd_without_text_is_refused_and_the_cli_exits_2(tmp_path, capsys):
    with zipfile.ZipFile(FIXTURE) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name in [n for n in parts if n.endswith("Content.xml")]:
        parts[name] = b"<ofd:Page xmlns:ofd='http://www.ofdspec.org/2016'/>"
    target = tmp_path / "blank.ofd"
    target.write_bytes(_ofd(parts))
    assert main(["report", "read", str(target)]) == 2
    assert (
        capsys.readouterr().err
        == f"gongkai report: 无法读取：{target}（OFD中没有文字（可能是扫描件图像），无法读取文字）\n"
    )
