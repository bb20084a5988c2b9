"""Hostile and foreign input: a clear result or a clear error, in bounded time, never a traceback."""

import json
import time
from pathlib import Path

import pytest

from gongkai.annualreport.cli import main
from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import MAX_BYTES, UnreadableError, read

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
SEED = SEEDS / "003_898f82200a7ede38.txt"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(UnreadableError, match="文件为空"):
        read(path)
    with pytest.raises(UnreadableError, match="文件为空"):
        read(b"  \n\t\n")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(UnreadableError, match="文件不存在"):
        read(tmp_path / "nope.txt")
    with pytest.raises(UnreadableError, match="不是普通文件"):
        read(tmp_path)


def test_binary_bytes():
    with pytest.raises(UnreadableError, match="二进制"):
        read(bytes(range(256)) * 64)


def test_zip_that_is_not_docx():
    with pytest.raises(UnreadableError, match="不是 DOCX"):
        read(b"PK\x03\x04" + b"\x00" * 200)


def test_a_zip_needing_an_unknown_version_is_refused_as_damaged():
    """A central directory entry that asks for ZIP version 8.4 (zipfile raises NotImplementedError; the
    100,000-input fuzz run of 2026-12-04 found it, input 60796 of seed 1): a refusal naming the damage."""
    from gongkai.annualreport.writers import write

    data = bytearray(
        write(read(Path(__file__).parents[1] / "fixtures" / "seeds" / "003_898f82200a7ede38.txt"), "docx")
    )
    at = data.index(b"PK\x01\x02")
    data[at + 6 : at + 8] = (84).to_bytes(2, "little")  # version needed to extract: 8.4
    with pytest.raises(UnreadableError, match="DOCX文件已损坏或不完整，无法打开（zip file version 8.4）"):
        read(bytes(data))


def test_text_that_is_not_a_report():
    with pytest.raises(UnreadableError, match="未识别出"):
        read("今天天气很好。\n我们去公园散步。\n".encode())


def test_sixty_megabytes_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    line = "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n".encode()
    with path.open("wb") as handle:
        for _ in range(60 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > MAX_BYTES
    start = time.perf_counter()
    with pytest.raises(UnreadableError, match="过大"):
        read(path)
    assert time.perf_counter() - start < 20  # refused before reading; a generous bound against a hang


def test_ten_megabytes_of_text_is_refused_quickly():
    text = "二、主动公开政府信息情况\n" + "规章\t0\t0\t0\n" * 1_000_000
    start = time.perf_counter()
    with pytest.raises(UnreadableError, match="文字过多"):
        read(text)
    assert time.perf_counter() - start < 20  # refused before reading; a generous bound against a hang


def test_large_report_like_text_under_the_cap_reads_in_bounded_time():
    body = SEED.read_text("utf-8")
    padding = "\n".join(["这是一段很长的正文，用来测试读取速度。"] * 90_000)  # ~1.8 million characters
    start = time.perf_counter()
    report = read(
        body.replace("## 五、存在的主要问题及改进情况", "## 五、存在的主要问题及改进情况\n" + padding)
    )
    assert time.perf_counter() - start < 60  # linear work takes ~1 s; this catches quadratic blow-ups
    assert report.applications.new.total == 0


def test_truncated_report_reads_what_is_there():
    text = SEED.read_text("utf-8")
    half = text[: len(text) // 2]
    report = read(half.encode())
    assert report.title == "赣州经开区机关事务管理中心2023年政府信息公开工作年度报告"
    assert report.proactive.normative_documents.in_force == 0  # table 2 is complete in the first half
    assert report.reviews.reconsideration.total is None
    wheres = {p.where for p in report.problems}
    assert {"sections.reviews", "sections.shortcomings", "sections.other_matters", "reviews"} <= wheres
    assert "applications.carried_forward" in wheres  # the rows cut off are named


def test_gb18030_is_decoded_and_said():
    report = read(SEED.read_text("utf-8").encode("gb18030"))
    assert report.agency == "赣州经开区机关事务管理中心"
    assert report.problems[0].where == "encoding" and "GB18030" in report.problems[0].message


def test_utf16_with_bom_and_utf8_bom():
    text = SEED.read_text("utf-8")
    assert read(text.encode("utf-16")).agency == "赣州经开区机关事务管理中心"
    report = read(b"\xef\xbb\xbf" + text.encode())
    assert report.title == "赣州经开区机关事务管理中心2023年政府信息公开工作年度报告"
    assert report.problems == []


def test_windows_line_endings():
    text = SEED.read_text("utf-8").replace("\n", "\r\n")
    report = read(text)
    assert report.published_on is not None and report.problems == []


# --- JSON --------------------------------------------------------------------------------------


def test_json_round_trip_of_a_read_seed():
    report = read(SEED)
    again = read(json.dumps(report.to_dict(), ensure_ascii=False))
    assert again == report
    assert again.problems == report.problems


def test_json_with_wrong_types_names_the_key_paths():
    data = Report.blank("2021").to_dict()
    data["applications"]["new"]["natural_person"] = "5"
    data["applications"]["new"]["total"] = -1
    data["applications"]["new"]["other_org"] = True
    data["proactive"]["fees"]["amount_wan_yuan"] = 0.5
    data["reviews"] = [1, 2]
    data["year"] = "2023"
    data["published_on"] = "2024/01/20"
    data["sections"]["overview"] = 7
    data["applications"]["carried_over"]["total"] = 3
    report = read(json.dumps(data))
    assert report.applications.new.natural_person is None
    assert report.applications.new.total is None
    assert report.applications.new.other_org is None
    assert report.applications.carried_over.total == 3
    assert report.proactive.fees.amount_wan_yuan == 0.5
    assert report.year is None and report.published_on is None and report.sections.overview is None
    messages = {p.where: p.message for p in report.problems}
    assert (
        messages["applications.new.natural_person"]
        == 'applications.new.natural_person：应为非负整数或 null，实际为 "5"'
    )
    assert messages["applications.new.total"].endswith("实际为 -1")
    assert messages["applications.new.other_org"].endswith("实际为 true")
    assert messages["reviews"] == "reviews：缺少或不是对象"
    assert messages["year"] == 'year：应为年份整数，实际为 "2023"'
    assert "published_on" in messages and "sections.overview" in messages


def test_json_that_does_not_parse_is_unreadable():
    with pytest.raises(UnreadableError, match="JSON"):
        read('{"applications": [1, 2')


def test_unsupported_input_type():
    with pytest.raises(UnreadableError):
        read(12345)  # type: ignore[arg-type]


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_one_file_prints_pretty_json(capsys):
    assert main(["read", str(SEED)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["agency"] == "赣州经开区机关事务管理中心"
    assert data["source"] == str(SEED)
    assert "\n  " in out and "赣州" in out  # indented, not ASCII-escaped


def test_cli_several_files_print_json_lines_and_unreadable_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    code = main(["read", files[0], str(empty), str(tmp_path / "missing.txt"), files[1], "--json"])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.out.strip().split("\n")
    assert [json.loads(line)["source"] for line in lines] == [files[0], files[1]]
    assert captured.err.splitlines() == [
        f"gongkai report: 无法读取：{empty}（文件为空）",
        f"gongkai report: 文件不存在：{tmp_path / 'missing.txt'}",
    ]
    assert "Traceback" not in captured.err


def test_cli_binary_file_exits_2(capsys, tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)))
    assert main(["read", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "二进制" in captured.err


def test_deeply_nested_json_is_unreadable_not_a_crash():
    with pytest.raises(UnreadableError, match="JSON"):
        read('{"applications": ' + "[" * 100_000 + "]" * 100_000 + "}")


@pytest.mark.parametrize(
    "text",
    ["由" * 1_990_000, "编制" * 990_000, "|" * 1_990_000, "规章 0 " * 330_000, ("\t" * 40 + "0\n") * 45_000],
    ids=["you", "bianzhi", "pipes", "spaced", "tabs"],
)
def test_pathological_text_under_the_cap_is_bounded(text):
    start = time.perf_counter()
    with pytest.raises(UnreadableError, match="未识别出|超过读取上限：表格部分行数"):
        read(text)
    assert time.perf_counter() - start < 60  # linear work takes ~1 s; this catches quadratic blow-ups


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux /proc")
def test_os_error_while_reading_is_said_in_chinese_by_every_command(capsys):
    """/proc/self/mem opens but fails to read at offset 0 with EIO (even for root, unlike a chmod)."""
    mem = "/proc/self/mem"
    with pytest.raises(UnreadableError, match="^无法打开文件：读写出错（磁盘或设备故障）$"):
        read(Path(mem))
    expected = f"gongkai report: 无法读取：{mem}（无法打开文件：读写出错（磁盘或设备故障））\n"
    for argv in (["read", mem], ["check", mem], ["write", mem, "--to", "json", "-o", "-"]):
        assert main(argv) == 2
        assert capsys.readouterr() == ("", expected)
