"""`gongkai report table`: one row per report to xlsx or csv, unreadable files as rows."""

import csv
import json

import openpyxl
from rules_sample import sample

from gongkai.annualreport.model import cell_paths
from gongkai.cli import main


def tree(tmp_path):
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    broken = sample()
    broken.set("applications.carried_forward.natural_person", 2)
    old = sample("2019", 2020)
    for path, report in (
        (root / "a.json", sample()),
        (root / "sub" / "b.json", broken),
        (root / "c.json", old),
    ):
        path.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    (root / "notes.xyz").write_text("not a report", encoding="utf-8")  # not walked
    (root / "sub" / "empty.txt").write_bytes(b"")
    return root


def expected_headers():
    paths = cell_paths("2021")
    return (
        ["source", "agency", "year", "format", "published_on", *paths]
        + [p for p in cell_paths("2019") if p not in paths]
        + ["errors", "warnings", "read_error"]
    )


def test_csv_with_bom_two_header_rows_and_one_row_per_report(tmp_path, capsys):
    root = tree(tmp_path)
    out = tmp_path / "out.csv"
    assert main(["report", "table", str(root), "-o", str(out)]) == 2  # sub/empty.txt cannot be read
    empty = root / "sub" / "empty.txt"
    # only the unreadable file on stderr: no progress bar when stderr is not a terminal
    assert capsys.readouterr() == ("", f"gongkai report: 无法读取：{empty}（文件为空）\n")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    labels, keys, *data = rows
    assert keys == expected_headers()
    assert labels[:5] == ["来源文件", "机关", "年度", "格式", "落款日期"]
    assert (
        labels[keys.index("applications.new.natural_person")]
        == "表三 一、本年新收政府信息公开申请数量 自然人"
    )
    assert [r[0] for r in data] == [
        str(root / "a.json"),
        str(root / "c.json"),
        str(root / "sub" / "b.json"),
        str(root / "sub" / "empty.txt"),
    ]
    by_source = {r[0]: dict(zip(keys, r, strict=True)) for r in data}
    a = by_source[str(root / "a.json")]
    assert (a["agency"], a["year"], a["format"], a["published_on"]) == (
        "某某市某某局",
        "2023",
        "2021",
        "2024-01-20",
    )
    assert (a["applications.new.total"], a["proactive.normative_documents.in_force"]) == ("7", "43")
    assert (a["errors"], a["warnings"], a["read_error"]) == ("0", "0", "")
    b = by_source[str(root / "sub" / "b.json")]
    assert (b["errors"], b["applications.carried_forward.natural_person"]) == ("2", "2")
    c = by_source[str(root / "c.json")]
    assert (c["format"], c["proactive.rules.issued"], c["proactive_2019.rules.made"]) == ("2019", "", "0")


def test_xlsx_readable_with_openpyxl_and_unreadable_file_is_a_row(tmp_path):
    root = tree(tmp_path)
    out = tmp_path / "out.xlsx"
    assert (
        main(["report", "table", str(root / "a.json"), str(root / "sub" / "empty.txt"), "-o", str(out)]) == 2
    )
    ws = openpyxl.load_workbook(out).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    keys = rows[1]
    assert list(keys) == expected_headers()
    a, empty = (dict(zip(keys, r, strict=True)) for r in rows[2:])
    assert (a["year"], a["applications.new.total"], a["errors"]) == (2023, 7, 0)
    assert empty["source"].endswith("empty.txt") and empty["read_error"]
    assert empty["year"] is None and empty["errors"] is None


def test_bad_output_suffix_and_no_input(tmp_path, capsys):
    assert main(["report", "table", str(tmp_path), "-o", str(tmp_path / "out.txt")]) == 2
    assert "须以 .xlsx 或 .csv 结尾" in capsys.readouterr().err
    assert main(["report", "table", str(tmp_path), "-o", str(tmp_path / "out.csv")]) == 2
    assert "没有找到报告文件" in capsys.readouterr().err


def test_missing_and_unreadable_inputs_are_named_on_stderr_exit_2(tmp_path, capsys):
    empty, binary = tmp_path / "empty.txt", tmp_path / "rand.bin"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 16)
    missing = tmp_path / "nonexistent"
    out = tmp_path / "t.csv"
    assert main(["report", "table", str(missing), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"gongkai report: 文件不存在：{missing}\n"
    assert main(["report", "table", str(empty), str(binary), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"gongkai report: 无法读取：{empty}（文件为空）",
        f"gongkai report: 无法读取：{binary}（是二进制数据，不是文本、HTML、DOCX、PDF 或 JSON）",
    ]
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[2:]
    assert [(r[0], r[-1]) for r in rows] == [
        (str(empty), "文件为空"),
        (str(binary), "是二进制数据，不是文本、HTML、DOCX、PDF 或 JSON"),
    ]


def test_table_still_written_with_the_readable_ones(tmp_path, capsys):
    root = tree(tmp_path)
    out = tmp_path / "t.csv"
    assert main(["report", "table", str(root / "a.json"), str(tmp_path / "gone.txt"), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"gongkai report: 文件不存在：{tmp_path / 'gone.txt'}\n"
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[2:]
    assert [(r[0], r[2], r[-1]) for r in rows] == [
        (str(root / "a.json"), "2023", ""),
        (str(tmp_path / "gone.txt"), "", "文件不存在"),
    ]
